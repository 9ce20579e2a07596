import { escapeHtml as e } from '../http.js';
import { formField, type PageTheme, renderPage } from '../page-kit.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { PAYTECH_TEST_CARDS } from './test-cards.js';
import type { PaytechPayment } from './types.js';

// The checkout page and the 3-D Secure step: plain HTML and form POSTs, no script, nothing external.

const THEME: PageTheme = { badge: 'pay.tech sandbox', accent: '#0b6e4f', badgeBackground: '#d9f2e6' };

function layout(title: string, body: string): string {
  return renderPage(title, body, THEME);
}

/** "11.12 EUR", or just the currency while the shopper has still to enter the amount. */
const amountText = (p: PaytechPayment) => (p.amount === undefined ? p.currency : formatAmount(p.amount, p.currency));

function summary(payment: PaytechPayment, merchantName: string): string {
  return `<h1>${e(merchantName)}</h1>
<dl class="summary">${payment.request.description ? `<dt>Description</dt><dd>${e(payment.request.description)}</dd>` : ''}
${payment.amount === undefined ? '' : `<dt>Amount</dt><dd class="amount">${e(amountText(payment))}</dd>`}</dl>`;
}

function field(name: keyof CardFormValues | 'amount', label: string, value: string, errors: CardFormErrors, attrs: string): string {
  return formField(name, label, value, errors[name], attrs);
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
