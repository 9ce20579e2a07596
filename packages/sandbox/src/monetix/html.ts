import { escapeHtml as e } from '../http.js';

// Page frame of the Payment Page and the SMS inbox: inline style only, no script, nothing external.

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f2f4f7;color:#1c2330}
main{max-width:28rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
main.wide{max-width:44rem}
h1{font-size:1.1rem;margin:0 0 .5rem}
.sandbox{display:inline-block;font-size:.75rem;background:#ffe9a8;border-radius:4px;padding:0 .4rem;margin-bottom:.75rem}
.summary dt{font-size:.8rem;color:#5b6475}.summary dd{margin:0 0 .5rem}
.amount{font-size:1.5rem;font-weight:600}
label{display:block;font-size:.85rem;margin:.75rem 0 .25rem}
input,select{width:100%;padding:.55rem .6rem;border:1px solid #b8c0cc;border-radius:6px;font:inherit;background:#fff}
.alert{background:#fdecea;color:#8e1c1c;border-radius:6px;padding:.5rem .75rem}
.info{background:#e8f1fd;color:#153e75;border-radius:6px;padding:.5rem .75rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{flex:1;padding:.65rem;border-radius:6px;border:0;font:inherit;cursor:pointer;background:#e6e9ef;color:#1c2330}
button.primary{background:#0b7a5b;color:#fff}
.note{margin-top:1.25rem;font-size:.8rem;color:#5b6475}.note ul{padding-left:1.1rem;margin:.25rem 0}
table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #e3e6eb;vertical-align:top}
code{font-size:.85rem}
`;

export function layout(title: string, body: string, opts: { wide?: boolean; refreshSeconds?: number } = {}): string {
  const refresh = opts.refreshSeconds ? `<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main${opts.wide ? ' class="wide"' : ''}>${body}</main></body></html>`;
}

export const badge = '<span class="sandbox">Monetix sandbox</span>';

export function messagePage(title: string, message: string, link?: { href: string; text: string }): string {
  const a = link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : '';
  return layout(title, `${badge}<h1>${e(title)}</h1><p>${e(message)}</p>${a}`);
}
