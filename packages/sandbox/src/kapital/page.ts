import { escapeHtml as e } from '../http.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD } from './test-cards.js';
import type { KapitalOrder } from './types.js';

// The hosted payment page (hppUrl, /flex): plain HTML and a form POST, no script and no external resources.

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f4f4f6;color:#1d1d24}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.1rem;margin:0 0 .25rem}
.sandbox{display:inline-block;font-size:.75rem;background:#f8d7da;color:#7a1020;border-radius:4px;padding:0 .4rem;margin-bottom:.75rem}
.summary{margin:0 0 1rem}.summary dt{font-size:.8rem;color:#5d5d6b}.summary dd{margin:0 0 .5rem}
.amount{font-size:1.5rem;font-weight:600}
label{display:block;font-size:.85rem;margin:.75rem 0 .25rem}
input{width:100%;padding:.55rem .6rem;border:1px solid #babac6;border-radius:6px;font:inherit}
input[aria-invalid=true]{border-color:#b00020}
.row{display:flex;gap:.75rem}.row>div{flex:1}
.error{color:#b00020;font-size:.8rem;margin:.25rem 0 0}
.alert{background:#fdecea;color:#7a1020;border-radius:6px;padding:.5rem .75rem}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{flex:1;padding:.65rem;border-radius:6px;border:0;font:inherit;cursor:pointer}
.pay{background:#b61d29;color:#fff}.cancel{background:#e8e8ee;color:#1d1d24}
.note{margin-top:1.25rem;font-size:.8rem;color:#5d5d6b}.note ul{padding-left:1.1rem;margin:.25rem 0}
code{font-size:.8rem}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main><span class="sandbox">Kapital Bank sandbox</span>${body}</main></body></html>`;
}

function field(name: keyof CardFormValues, label: string, value: string, errors: CardFormErrors, attrs: string): string {
  const error = errors[name];
  const id = `f-${name}`;
  return `<div><label for="${id}">${label}</label>
<input id="${id}" name="${name}" value="${e(value)}" required ${attrs}${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${
    error ? `<p class="error" id="${id}-error">${e(error)}</p>` : ''
  }</div>`;
}

const spaced = (pan: string) => pan.replace(/(\d{4})(?=\d)/g, '$1 ');

export interface PaymentPageInput {
  order: KapitalOrder;
  merchantName: string;
  actionUrl: string;
  values?: Partial<CardFormValues>;
  errors?: CardFormErrors;
}

export function renderPaymentPage({ order, merchantName, actionUrl, values = {}, errors = {} }: PaymentPageInput): string {
  const amount = formatAmount(order.amount, order.request.currency);
  const what = order.installmentMonths ? `Installment, ${order.installmentMonths} months` : (order.request.description ?? '');
  const cards = Object.values(KAPITAL_TEST_CARDS)
    .map((c) => `<li><code>${spaced(c.number)}</code> ${e(c.label)}</li>`)
    .join('');
  return layout(
    `Pay ${amount}`,
    `<h1>${e(merchantName)}</h1>
<dl class="summary">${what ? `<dt>Description</dt><dd>${e(what)}</dd>` : ''}
<dt>Amount</dt><dd class="amount">${e(amount)}</dd></dl>
${Object.keys(errors).length ? '<p class="alert" role="alert">Please correct the highlighted fields.</p>' : ''}
<form method="post" action="${e(actionUrl)}">
<input type="hidden" name="id" value="${order.id}"><input type="hidden" name="password" value="${e(order.password)}">
${field('cardNumber', 'Card number', values.cardNumber ?? '', errors, 'inputmode="numeric" autocomplete="cc-number" placeholder="4169 7413 3015 1778"')}
<div class="row">
${field('expiry', 'Expiry', values.expiry ?? '', errors, 'autocomplete="cc-exp" placeholder="MM/YY"')}
${field('cvc', 'CVC', '', errors, 'inputmode="numeric" autocomplete="cc-csc" maxlength="4"')}
</div>
${field('cardholderName', 'Cardholder name', values.cardholderName ?? '', errors, 'autocomplete="cc-name"')}
<div class="actions"><button class="pay" type="submit" name="action" value="pay">Pay</button>
<button class="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form>
<div class="note">Test cards:<ul>${cards}</ul>Other cards are declined (52 Invalid card); <code>${spaced(KAPITAL_UNSUPPORTED_BRAND_CARD)}</code> (not Visa or Mastercard) is rejected. Cancel before any attempt cancels the order, after a failed attempt it is a refusal.</div>`,
  );
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(title, `<h1>${e(title)}</h1><p>${e(message)}</p>${link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : ''}`);
}
