import { escapeHtml as e, htmlResponse, jsonResponse } from '../http.js';
import type { MonetixContext } from './context.js';
import { badge, layout } from './html.js';

// GET {base}/sms (people) and GET {base}/sms.json?number= (tests): the codes "texted" so far.

export function smsInboxPage(ctx: MonetixContext): Response {
  const rows = ctx.sms
    .list()
    .map((m) => `<tr><td><code>${e(m.number)}</code></td><td>${e(m.text)}</td><td><time datetime="${e(m.sentAt)}">${e(m.sentAt.replace('T', ' ').slice(0, 19))} UTC</time></td></tr>`)
    .join('');
  const table = rows
    ? `<table><thead><tr><th>Number</th><th>Message</th><th>Time</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No messages yet.</p>';
  return htmlResponse(layout('Sandbox SMS inbox', `${badge}<h1>Sandbox SMS inbox</h1>${table}`, { wide: true, refreshSeconds: 3 }));
}

export function smsInboxJson(ctx: MonetixContext, url: URL): Response {
  return jsonResponse(ctx.sms.list(url.searchParams.get('number') ?? undefined));
}
