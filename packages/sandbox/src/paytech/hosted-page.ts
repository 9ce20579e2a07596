import { htmlResponse, redirectResponse } from '../http.js';
import { brandOf, type CardFormErrors, checkCard, maskPan, readCardForm } from './card-form.js';
import type { SimContext } from './context.js';
import { errorOf, type SimErrorCode } from './error-codes.js';
import { renderCardPage, renderMessagePage, renderThreeDsPage } from './page-html.js';
import type { PatternRoute } from './routes.js';
import type { PaytechTestCard } from './test-cards.js';
import type { PaytechPayment } from './types.js';
import { isAmount } from './validate.js';

// The shopper-facing checkout page at the payment's redirectUrl (/m/payment/{id}), its form
// POST, and the 3-D Secure step (/m/payment/{id}/3ds). Every outcome ends at the returnUrl.

type Handler = PatternRoute<SimContext>;

/** "For a successful deposit in the sandbox environment, the amount should be less than 10000000." */
export const SANDBOX_DEPOSIT_LIMIT = 10_000_000;

const checkoutUrl = (ctx: SimContext, p: PaytechPayment) => `${ctx.baseUrl}/m/payment/${p.id}`;
const threeDsUrl = (ctx: SimContext, p: PaytechPayment) => `${checkoutUrl(ctx, p)}/3ds`;

const notFound = () => htmlResponse(renderMessagePage('Payment not found', 'This payment link is not valid.'), 404);

function depositOf(ctx: SimContext, params: Record<string, string>): PaytechPayment | undefined {
  const payment = ctx.store.get(params.id ?? '');
  return payment?.paymentType === 'DEPOSIT' ? payment : undefined;
}

/** Shown once the payment has left the page's step; paying again is not possible. */
function alreadyPage(payment: PaytechPayment, status: number): Response {
  const url = payment.request.returnUrl;
  return htmlResponse(
    renderMessagePage('Payment already processed', `This payment is ${payment.state}.`, url ? { href: url, text: 'Return to the shop' } : undefined),
    status,
  );
}

/** Back to the shop: the returnUrl, or a result page when the shop gave none. */
function finish(payment: PaytechPayment): Response {
  const url = payment.request.returnUrl;
  if (url) return redirectResponse(url);
  return htmlResponse(renderMessagePage(`Payment ${payment.state.toLowerCase()}`, payment.errorMessage ?? 'You can close this page.'));
}

/** The authorization result: held for preAuth deposits, charged otherwise, or declined. */
function settle(ctx: SimContext, payment: PaytechPayment, operation: string, outcome: 'success' | 'declined', code: SimErrorCode, resultCode?: string): void {
  if (outcome === 'success') {
    payment.externalResultCode = '00';
    // Set before the transition, so the webhook it sends carries the token too.
    const token = ctx.recurring.issueFor(payment);
    if (token) payment.recurringToken = token;
    ctx.store.transition(payment, operation, payment.request.preAuth ? 'AUTHORIZED' : 'COMPLETED');
  } else {
    if (resultCode) payment.externalResultCode = resultCode;
    ctx.store.transition(payment, operation, 'DECLINED', errorOf(code));
  }
}

export const showCheckout: Handler = (_request, ctx, _url, params) => {
  const payment = depositOf(ctx, params);
  if (!payment) return notFound();
  if (payment.state === 'PENDING' && payment.threeDs) return redirectResponse(threeDsUrl(ctx, payment));
  if (payment.state !== 'CHECKOUT') return alreadyPage(payment, 200);
  return htmlResponse(renderCardPage({ payment, merchantName: ctx.merchantName, actionUrl: checkoutUrl(ctx, payment) }));
};

export const submitCheckout: Handler = async (request, ctx, _url, params) => {
  const payment = depositOf(ctx, params);
  if (!payment) return notFound();
  if (payment.state !== 'CHECKOUT') return alreadyPage(payment, 409);
  const form = new URLSearchParams(await request.text());
  if (form.get('action') === 'cancel') {
    ctx.store.transition(payment, 'CANCEL', 'CANCELLED', errorOf('2.00'));
    return finish(payment);
  }
  const values = readCardForm(form);
  const checked = checkCard(values, ctx.now());
  // A deposit created without an amount takes it from the shopper.
  const entered = (form.get('amount') ?? '').trim();
  const amount = payment.amount ?? (/^\d+(\.\d+)?$/.test(entered) ? Number(entered) : Number.NaN);
  const errors: CardFormErrors = 'errors' in checked ? { ...checked.errors } : {};
  if (!isAmount(amount)) errors.amount = 'Enter the amount to pay.';
  if ('errors' in checked || errors.amount) {
    const page = renderCardPage({ payment, merchantName: ctx.merchantName, actionUrl: checkoutUrl(ctx, payment), values: { ...values, amount: entered }, errors });
    return htmlResponse(page, 422);
  }
  payment.amount = amount;
  const { card } = checked;
  payment.card = {
    customerAccountNumber: maskPan(card.pan),
    cardholderName: card.holder,
    cardExpiryMonth: card.month,
    cardExpiryYear: card.year,
    cardBrand: brandOf(card.pan),
  };
  if (payment.amount >= SANDBOX_DEPOSIT_LIMIT) {
    settle(ctx, payment, 'DEPOSIT', 'declined', '1.08');
  } else if (!card.test) {
    settle(ctx, payment, 'DEPOSIT', 'declined', '3.07', '14');
  } else if (card.test.threeDs) {
    const { outcome, errorCode, externalResultCode } = card.test as PaytechTestCard;
    payment.threeDs = { outcome, ...(errorCode ? { errorCode } : {}), ...(externalResultCode ? { externalResultCode } : {}) };
    ctx.store.transition(payment, 'CHECKOUT', 'PENDING');
    return redirectResponse(threeDsUrl(ctx, payment));
  } else {
    settle(ctx, payment, 'DEPOSIT', card.test.outcome, card.test.errorCode ?? '4.00', card.test.externalResultCode);
  }
  return finish(payment);
};

export const showThreeDs: Handler = (_request, ctx, _url, params) => {
  const payment = depositOf(ctx, params);
  if (!payment) return notFound();
  if (payment.state !== 'PENDING' || !payment.threeDs) return alreadyPage(payment, 200);
  return htmlResponse(renderThreeDsPage(payment, ctx.merchantName, threeDsUrl(ctx, payment)));
};

export const submitThreeDs: Handler = async (request, ctx, _url, params) => {
  const payment = depositOf(ctx, params);
  if (!payment) return notFound();
  const pending = payment.threeDs;
  if (payment.state !== 'PENDING' || !pending) return alreadyPage(payment, 409);
  const action = new URLSearchParams(await request.text()).get('action');
  delete payment.threeDs;
  if (action === 'confirm') {
    settle(ctx, payment, 'CONFIRMATION', pending.outcome, pending.errorCode ?? '4.00', pending.externalResultCode);
  } else {
    settle(ctx, payment, 'CONFIRMATION', 'declined', '5.00');
  }
  return finish(payment);
};
