import { escapeHtml as e } from '../http.js';
import { formField, type PageTheme, renderPage } from '../page-kit.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { PITECH_TEST_CARDS } from './test-cards.js';
import type { PitechOrder } from './types.js';

// The hosted payment page: plain HTML and a form POST, no script and no external resources.

const THEME: PageTheme = { badge: 'PITECH sandbox', accent: '#1a56db', badgeBackground: '#ffe9a8' };

function layout(title: string, body: string): string {
  return renderPage(title, body, THEME, false);
}

function field(
  name: keyof CardFormValues,
  label: string,
  value: string,
  errors: CardFormErrors,
  attrs: string,
): string {
  return formField(name, label, value, errors[name], attrs);
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
