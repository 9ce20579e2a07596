import { escapeHtml as e } from '../http.js';
import { formField, type PageTheme, renderPage } from '../page-kit.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD } from './test-cards.js';
import type { KapitalOrder } from './types.js';

// The hosted payment page (hppUrl, /flex): plain HTML and a form POST, no script and no external resources.

const THEME: PageTheme = { badge: 'Kapital Bank sandbox', accent: '#b61d29', badgeBackground: '#f8d7da' };

function layout(title: string, body: string): string {
  return renderPage(title, body, THEME);
}

function field(name: keyof CardFormValues, label: string, value: string, errors: CardFormErrors, attrs: string): string {
  return formField(name, label, value, errors[name], attrs);
}

const spaced = (pan: string) => pan.replace(/(\d{4})(?=\d)/g, '$1 ');

export interface PaymentPageInput {
  order: KapitalOrder;
  merchantName: string;
  actionUrl: string;
  values?: Partial<CardFormValues>;
  errors?: CardFormErrors;
  /** The order asked to keep the card (all three card-on-file purposes). */
  keepsCard?: boolean;
}

export function renderPaymentPage({ order, merchantName, actionUrl, values = {}, errors = {}, keepsCard = false }: PaymentPageInput): string {
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
${keepsCard ? `<p class="note">${e(merchantName)} will keep this card for your next payments.</p>` : ''}
<div class="actions"><button class="pay" type="submit" name="action" value="pay">Pay</button>
<button class="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form>
<div class="note">Test cards:<ul>${cards}</ul>Other cards are declined (52 Invalid card); <code>${spaced(KAPITAL_UNSUPPORTED_BRAND_CARD)}</code> (not Visa or Mastercard) is rejected. Cancel before any attempt cancels the order, after a failed attempt it is a refusal.</div>`,
  );
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(title, `<h1>${e(title)}</h1><p>${e(message)}</p>${link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : ''}`);
}
