import { escapeHtml as e } from '../http.js';
import { formatKzt } from './format.js';
import { badge, layout } from './html.js';
import type { PageRequest } from './page-params.js';
import { MONETIX_TEST_PHONES } from './test-phones.js';
import type { MonetixOperator, MonetixPayment } from './types.js';

// The two forms of the hosted Payment Page: phone + operator, then the SMS code.

interface Common {
  operators: readonly MonetixOperator[];
  actionUrl: string;
  smsUrl: string;
  error?: string;
  notice?: string;
}

const summary = (paymentId: string, amount: number, currency: string) =>
  `<dl class="summary"><dt>Payment</dt><dd>${e(paymentId)}</dd>
<dt>Amount</dt><dd class="amount">${e(formatKzt(amount, currency))}</dd></dl>`;

const messages = (c: Common) =>
  (c.error ? `<p class="alert" role="alert">${e(c.error)}</p>` : '') + (c.notice ? `<p class="info" role="status">${e(c.notice)}</p>` : '');

const smsLink = (c: Common) =>
  `<p class="note">No real SMS is sent: read the code in the <a href="${e(c.smsUrl)}" target="_blank">sandbox SMS inbox</a>.</p>`;

const testPhones = `<div class="note">Test numbers:<ul>
<li><code>${MONETIX_TEST_PHONES.success}</code> (any number) paid after the code</li>
<li><code>…0000</code> declined after the code: insufficient funds</li>
<li><code>…1111</code> declined at once, no code</li></ul></div>`;

export function renderPhoneForm(c: Common & { req: PageRequest; q: string; phone?: string; operator?: string }): string {
  const selected = c.operator ?? c.req.selectedOperator;
  const options = c.operators
    .map((o) => `<option value="${e(o.id)}"${o.id === selected ? ' selected' : ''}>${e(o.name)}</option>`)
    .join('');
  return layout(
    `Pay ${formatKzt(c.req.amount, c.req.currency)}`,
    `${badge}<h1>Pay from your mobile balance</h1>${summary(c.req.paymentId, c.req.amount, c.req.currency)}${messages(c)}
<form method="post" action="${e(c.actionUrl)}"><input type="hidden" name="q" value="${e(c.q)}">
<label for="operator">Operator</label><select id="operator" name="operator">${options}</select>
<label for="phone">Phone number</label>
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required placeholder="77011234567" value="${e(c.phone ?? '')}">
<div class="actions"><button class="primary" type="submit">Send code</button></div></form>${testPhones}`,
  );
}

export function renderCodeForm(c: Common & { payment: MonetixPayment }): string {
  const p = c.payment;
  const operator = c.operators.find((o) => o.id === p.account.type)?.name ?? p.account.type;
  return layout(
    `Pay ${formatKzt(p.amount, p.currency)}`,
    `${badge}<h1>Confirm the payment</h1>${summary(p.id, p.amount, p.currency)}
<dl class="summary"><dt>Phone number</dt><dd>${e(p.account.number)}</dd><dt>Operator</dt><dd>${e(operator)}</dd></dl>${messages(c)}
<form method="post" action="${e(c.actionUrl)}"><input type="hidden" name="payment_id" value="${e(p.id)}">
<label for="code">SMS code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
<div class="actions"><button class="primary" type="submit" name="action" value="confirm">Confirm</button>
<button type="submit" name="action" value="resend" formnovalidate>Resend code</button></div></form>${smsLink(c)}`,
  );
}
