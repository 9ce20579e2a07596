import { escapeHtml as e } from '../http.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { PITECH_TEST_CARDS } from './test-cards.js';
import type { PitechOrder } from './types.js';

// The hosted payment page: plain HTML and a form POST, no script and no external resources.

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f3f5f8;color:#1c2330}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.1rem;margin:0 0 .25rem}
.sandbox{display:inline-block;font-size:.75rem;background:#ffe9a8;border-radius:4px;padding:0 .4rem;margin-bottom:.75rem}
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
.pay{background:#1a56db;color:#fff}.cancel{background:#e6e9ef;color:#1c2330}
.note{margin-top:1.25rem;font-size:.8rem;color:#5b6475}.note ul{padding-left:1.1rem;margin:.25rem 0}
code{font-size:.8rem}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function field(
  name: keyof CardFormValues,
  label: string,
  value: string,
  errors: CardFormErrors,
  attrs: string,
): string {
  const error = errors[name];
  const id = `f-${name}`;
  return `<div><label for="${id}">${label}</label>
<input id="${id}" name="${name}" value="${e(value)}" required ${attrs}${
    error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }>${error ? `<p class="error" id="${id}-error">${e(error)}</p>` : ''}</div>`;
}

export interface PaymentPageInput {
  order: PitechOrder;
  merchantName: string;
  actionUrl: string;
  values?: Partial<CardFormValues>;
  errors?: CardFormErrors;
}

export function renderPaymentPage({ order, merchantName, actionUrl, values = {}, errors = {} }: PaymentPageInput): string {
  const r = order.request;
  const hidden = (['ordersId', 'orderDate', 'uuid'] as const)
    .map((k) => `<input type="hidden" name="${k}" value="${e(order[k])}">`)
    .join('');
  const cards = Object.values(PITECH_TEST_CARDS)
    .map((c) => `<li><code>${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> ${e(c.label)}</li>`)
    .join('');
  const hasErrors = Object.keys(errors).length > 0;
  return layout(
    `Pay ${formatAmount(r.amount, r.currency)}`,
    `<span class="sandbox">PITECH sandbox</span>
<h1>${e(merchantName)}</h1>
<dl class="summary"><dt>Description</dt><dd>${e(r.description)}</dd>
<dt>Amount</dt><dd class="amount">${e(formatAmount(r.amount, r.currency))}</dd></dl>
${hasErrors ? '<p class="alert" role="alert">Please correct the highlighted fields.</p>' : ''}
<form method="post" action="${e(actionUrl)}">${hidden}
${field('cardNumber', 'Card number', values.cardNumber ?? '', errors, 'inputmode="numeric" autocomplete="cc-number" placeholder="4405 6450 0000 6150"')}
<div class="row">
${field('expiry', 'Expiry', values.expiry ?? '', errors, 'autocomplete="cc-exp" placeholder="MM/YY"')}
${field('cvc', 'CVC', '', errors, 'inputmode="numeric" autocomplete="cc-csc" maxlength="4"')}
</div>
${field('cardholderName', 'Cardholder name', values.cardholderName ?? '', errors, 'autocomplete="cc-name"')}
<div class="actions"><button class="pay" type="submit" name="action" value="pay">Pay</button>
<button class="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form>
<div class="note">Test cards (any future expiry, any 3-digit CVC):<ul>${cards}</ul>Any other valid number is declined.</div>`,
  );
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(
    title,
    `<span class="sandbox">PITECH sandbox</span><h1>${e(title)}</h1><p>${e(message)}</p>${
      link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : ''
    }`,
  );
}
