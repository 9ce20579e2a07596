import { htmlResponse, redirectResponse } from '../http.js';
import { checkCard, readCardForm, type CheckedCard } from './card-form.js';
import type { SimContext } from './context.js';
import { maskPan, randomDigits, randomToken } from './format.js';
import { renderMessagePage, renderPaymentPage } from './payment-page.js';
import type { PitechOrder } from './types.js';
import { readOrderRef } from './validate.js';
import { callbackBody } from './views.js';

// The customer-facing payment page at the base URL and its form POST.

const notFound = () =>
  htmlResponse(renderMessagePage('Payment not found', 'This payment link is not valid.'), 404);

const isPaid = (o: PitechOrder) => ['SUCCESS', 'AUTH_OK', 'REFUND', 'REVERSE'].includes(o.state);

/** Shown for any order that is no longer NEW; paying again is not possible. */
function alreadyPage(order: PitechOrder, status: number): Response {
  const r = order.request;
  const paid = isPaid(order);
  return htmlResponse(
    renderMessagePage(
      order.state === 'EXPIRED' ? 'Payment expired' : 'Payment already processed',
      `This order is already ${order.state}.`,
      { href: paid ? r.successReturnUrl : r.errorReturnUrl, text: 'Return to the shop' },
    ),
    status,
  );
}

export function showPaymentPage(ctx: SimContext, url: URL): Response {
  const ref = readOrderRef(Object.fromEntries(url.searchParams));
  const order = ref.ok ? ctx.store.find(ref.value) : undefined;
  if (!order) return notFound();
  if (order.state !== 'NEW') return alreadyPage(order, 200);
  return htmlResponse(renderPaymentPage({ order, merchantName: ctx.view.merchantName, actionUrl: `${ctx.baseUrl}/pay` }));
}

export async function submitPaymentPage(request: Request, ctx: SimContext): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const ref = readOrderRef(Object.fromEntries(form));
  const order = ref.ok ? ctx.store.find(ref.value) : undefined;
  if (!order) return notFound();
  if (order.state !== 'NEW') return alreadyPage(order, 409);

  if (form.get('action') === 'cancel') {
    ctx.store.setState(order, 'ERROR', 'Cancelled by customer');
    return finish(order, ctx);
  }
  const values = readCardForm(form);
  const checked = checkCard(values, ctx.now());
  if ('errors' in checked) {
    const page = renderPaymentPage({
      order, merchantName: ctx.view.merchantName, actionUrl: `${ctx.baseUrl}/pay`, values, errors: checked.errors,
    });
    return htmlResponse(page, 422);
  }
  applyOutcome(order, checked.card, ctx);
  return finish(order, ctx);
}

function applyOutcome(order: PitechOrder, card: CheckedCard, ctx: SimContext): void {
  const success = card.outcome === 'success';
  order.payment = {
    card: { mask: maskPan(card.pan), owner: card.owner, issuer: card.issuer },
    cardsId: randomToken('card_'),
    bankReferenceId: randomDigits(12),
    bankReferenceTime: ctx.now(),
    ...(success && { approvalCode: randomDigits(6), paymentResponseCode: 'OK' }),
  };
  const state = success ? (order.twoPhase ? 'AUTH_OK' : 'SUCCESS') : card.outcome === 'timed_out' ? 'TIMED_OUT' : 'ERROR';
  ctx.store.setState(order, state, card.message);
}

/** Schedules the callback and sends the customer back to the merchant. */
function finish(order: PitechOrder, ctx: SimContext): Response {
  const r = order.request;
  const paid = isPaid(order);
  const callbackUrl = paid ? r.callbackSuccessUrl : r.callbackErrorUrl;
  if (callbackUrl) {
    const snapshot = structuredClone(order); // later commits must not leak into this event
    ctx.callbacks.send(callbackUrl, () => callbackBody(snapshot, ctx.view, ctx.now()));
  }
  return redirectResponse(paid ? r.successReturnUrl : r.errorReturnUrl);
}
