import { escapeHtml as e } from '../http.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { PAYTECH_TEST_CARDS } from './test-cards.js';
import type { PaytechPayment } from './types.js';

// The checkout page and the 3-D Secure step: plain HTML and form POSTs, no script, nothing external.

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#eef1f6;color:#18202e}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.1rem;margin:0 0 .25rem}
.sandbox{display:inline-block;font-size:.75rem;background:#d9f2e6;border-radius:4px;padding:0 .4rem;margin-bottom:.75rem}
.summary{margin:0 0 1rem}.summary dt{font-size:.8rem;color:#5b6475}.summary dd{margin:0 0 .5rem}
.amount{font-size:1.5rem;font-weight:600}
label{display:block;font-size:.85rem;margin:.75rem 0 .25rem}
input{width:100%;padding:.55rem .6rem;border:1px solid #b8c0cc;border-radius:6px;font:inherit}
input[aria-invalid=true]{border-color:#c62828}
.row{display:flex;gap:.75rem}.row>div{flex:1}
.error{color:#c62828;font-size:.8rem;margin:.25rem 0 0}
.alert{background:#fdecea;color:#8e1c1c;border-radius:6px;padding:.5rem .75rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{flex:1;padding:.65rem;border-radius:6px;border:0;font:inherit;cursor:pointer}
.primary{background:#0b6e4f;color:#fff}.secondary{background:#e6e9ef;color:#18202e}
.note{margin-top:1.25rem;font-size:.8rem;color:#5b6475}.note ul{padding-left:1.1rem;margin:.25rem 0}
code{font-size:.8rem}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main><span class="sandbox">pay.tech sandbox</span>${body}</main></body></html>`;
}

/** "11.12 EUR", or just the currency while the shopper has still to enter the amount. */
const amountText = (p: PaytechPayment) => (p.amount === undefined ? p.currency : formatAmount(p.amount, p.currency));

function summary(payment: PaytechPayment, merchantName: string): string {
  return `<h1>${e(merchantName)}</h1>
<dl class="summary">${payment.request.description ? `<dt>Description</dt><dd>${e(payment.request.description)}</dd>` : ''}
${payment.amount === undefined ? '' : `<dt>Amount</dt><dd class="amount">${e(amountText(payment))}</dd>`}</dl>`;
}

function field(name: keyof CardFormValues | 'amount', label: string, value: string, errors: CardFormErrors, attrs: string): string {
  const error = errors[name];
  const id = `f-${name}`;
  return `<div><label for="${id}">${label}</label>
<input id="${id}" name="${name}" value="${e(value)}" required ${attrs}${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${
    error ? `<p class="error" id="${id}-error">${e(error)}</p>` : ''
  }</div>`;
}

export interface CardPageInput {
  payment: PaytechPayment;
  merchantName: string;
  actionUrl: string;
  values?: Partial<CardFormValues & { amount: string }>;
  errors?: CardFormErrors;
}

export function renderCardPage({ payment, merchantName, actionUrl, values = {}, errors = {} }: CardPageInput): string {
  const cards = Object.values(PAYTECH_TEST_CARDS)
    .map((c) => `<li><code>${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> ${e(c.label)}</li>`)
    .join('');
  const hasErrors = Object.keys(errors).length > 0;
  return layout(
    `Pay ${amountText(payment)}`,
    `${summary(payment, merchantName)}
${hasErrors ? '<p class="alert" role="alert">Please correct the highlighted fields.</p>' : ''}
<form method="post" action="${e(actionUrl)}">
${payment.amount === undefined ? field('amount', `Amount (${e(payment.currency)})`, values.amount ?? '', errors, 'inputmode="decimal" placeholder="11.12"') : ''}
${field('cardNumber', 'Card number', values.cardNumber ?? '', errors, 'inputmode="numeric" autocomplete="cc-number" placeholder="4000 0000 0000 0408"')}
<div class="row">
${field('expiry', 'Expiry', values.expiry ?? '', errors, 'autocomplete="cc-exp" placeholder="MM/YY"')}
${field('cvc', 'CVC', '', errors, 'inputmode="numeric" autocomplete="cc-csc" maxlength="4"')}
</div>
${field('cardholderName', 'Cardholder name', values.cardholderName ?? '', errors, 'autocomplete="cc-name"')}
<div class="actions"><button class="primary" type="submit" name="action" value="pay">Pay</button>
<button class="secondary" type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form>
<div class="note">Test cards (any future expiry, any CVC):<ul>${cards}</ul>Any other valid number is declined.</div>`,
  );
}

export function renderThreeDsPage(payment: PaytechPayment, merchantName: string, actionUrl: string): string {
  const card = payment.card ? `<p>Card <code>${e(payment.card.customerAccountNumber)}</code></p>` : '';
  return layout(
    '3-D Secure',
    `<h1>3-D Secure</h1><p>Confirm the payment to ${e(merchantName)}.</p>
<dl class="summary"><dt>Amount</dt><dd class="amount">${e(amountText(payment))}</dd></dl>${card}
<form method="post" action="${e(actionUrl)}"><div class="actions">
<button class="primary" type="submit" name="action" value="confirm">Confirm</button>
<button class="secondary" type="submit" name="action" value="fail">Fail</button></div></form>`,
  );
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(
    title,
    `<h1>${e(title)}</h1><p>${e(message)}</p>${link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : ''}`,
  );
}
