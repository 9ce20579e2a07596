import { escapeHtml as e } from '../http.js';
import { formField, type PageTheme, renderPage } from '../page-kit.js';
import type { CardFormErrors, CardFormValues } from './card-form.js';
import { formatAmount } from './format.js';
import { PITECH_TEST_CARDS } from './test-cards.js';
import type { PitechOrder, PitechSaveCardOrder } from './types.js';
import { SAVE_CARD_DESCRIPTION } from './views.js';

// The hosted pages (payment, card saving, 3-D Secure step): plain HTML and a form POST, no script and
// no external resources.

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

export function renderPaymentPage({ order, ...rest }: PaymentPageInput): string {
  const r = order.request;
  return renderCardForm({
    ...rest,
    hidden: { ordersId: order.ordersId, orderDate: order.orderDate, uuid: order.uuid },
    title: `Pay ${formatAmount(r.amount, r.currency)}`,
    summary: [['Description', r.description], ['Amount', formatAmount(r.amount, r.currency)]],
    submit: 'Pay',
  });
}

export type SaveCardPageInput = Omit<PaymentPageInput, 'order'> & { order: PitechSaveCardOrder };

/** The SAVE_CARD page: the same card form; the amount verifies the card. */
export function renderSaveCardPage({ order, ...rest }: SaveCardPageInput): string {
  const r = order.request;
  return renderCardForm({
    ...rest,
    hidden: { orderId: order.orderId, orderDate: order.orderDate, uuid: order.uuid },
    title: 'Save a card',
    summary: [['Description', SAVE_CARD_DESCRIPTION], ['Verification amount', formatAmount(r.amount, r.currency)]],
    submit: 'Save card',
  });
}

interface CardFormInput extends Omit<PaymentPageInput, 'order'> {
  /** The order's triple, posted back with the form. */
  hidden: Record<string, string>;
  title: string;
  /** Label and value pairs; the last one is the amount. */
  summary: Array<[string, string]>;
  submit: string;
}

function renderCardForm({ merchantName, actionUrl, values = {}, errors = {}, hidden, title, summary, submit }: CardFormInput): string {
  const hiddenInputs = hiddenFields(hidden);
  const cards = Object.values(PITECH_TEST_CARDS)
    .map((c) => `<li><code>${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> ${e(c.label)}</li>`)
    .join('');
  const hasErrors = Object.keys(errors).length > 0;
  const rows = summary
    .map(([label, value], i) => `<dt>${e(label)}</dt><dd${i === summary.length - 1 ? ' class="amount"' : ''}>${e(value)}</dd>`)
    .join('\n');
  return layout(
    title,
    `<span class="sandbox">PITECH sandbox</span>
<h1>${e(merchantName)}</h1>
<dl class="summary">${rows}</dl>
${hasErrors ? '<p class="alert" role="alert">Please correct the highlighted fields.</p>' : ''}
<form method="post" action="${e(actionUrl)}">${hiddenInputs}
${field('cardNumber', 'Card number', values.cardNumber ?? '', errors, 'inputmode="numeric" autocomplete="cc-number" placeholder="4405 6450 0000 6150"')}
<div class="row">
${field('expiry', 'Expiry', values.expiry ?? '', errors, 'autocomplete="cc-exp" placeholder="MM/YY"')}
${field('cvc', 'CVC', '', errors, 'inputmode="numeric" autocomplete="cc-csc" maxlength="4"')}
</div>
${field('cardholderName', 'Cardholder name', values.cardholderName ?? '', errors, 'autocomplete="cc-name"')}
<div class="actions"><button class="pay" type="submit" name="action" value="pay">${e(submit)}</button>
<button class="cancel" type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form>
<div class="note">Test cards (any future expiry, any 3-digit CVC):<ul>${cards}</ul>Any other valid number is declined.</div>`,
  );
}

export interface ThreeDsPageInput {
  order: PitechOrder;
  merchantName: string;
  actionUrl: string;
}

/** The 3-D Secure step of a saved card's payment: nothing to enter, continue or cancel. */
export function renderThreeDsPage({ order, merchantName, actionUrl }: ThreeDsPageInput): string {
  const r = order.request;
  return layout(
    '3-D Secure',
    `<span class="sandbox">PITECH sandbox</span>
<h1>${e(merchantName)}</h1>
<dl class="summary"><dt>Description</dt><dd>${e(r.description)}</dd>
<dt>Amount</dt><dd class="amount">${e(formatAmount(r.amount, r.currency))}</dd></dl>
<p>Your bank asks you to confirm this payment with your saved card (3-D Secure).</p>
<form method="post" action="${e(actionUrl)}">${hiddenFields({ ordersId: order.ordersId, orderDate: order.orderDate, uuid: order.uuid })}
<div class="actions"><button class="pay" type="submit" name="action" value="confirm">Continue</button>
<button class="cancel" type="submit" name="action" value="cancel">Cancel</button></div>
</form>
<div class="note">In the sandbox this card's 3-D Secure never completes: the payment ends TIMED_OUT.</div>`,
  );
}

function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return layout(
    title,
    `<span class="sandbox">PITECH sandbox</span><h1>${e(title)}</h1><p>${e(message)}</p>${
      link ? `<p><a href="${e(link.href)}">${e(link.text)}</a></p>` : ''
    }`,
  );
}
