import { htmlResponse, redirectResponse } from '../http.js';
import { checkCard, readCardForm } from './card-form.js';
import type { SimContext } from './context.js';
import { maskPan, randomToken } from './format.js';
import { renderMessagePage, renderPaymentPage } from './payment-page.js';
import { showSaveCardPage, submitSaveCardPage } from './save-card-page.js';
import { isPaid, notifyMerchant, settle } from './settle.js';
import { showThreeDsPage, submitThreeDsPage } from './three-ds-page.js';
import type { PitechOrder } from './types.js';
import { readOrderRef } from './validate.js';

// The customer-facing pages at the base URL and their form POST: a payment's card form, the
// 3-D Secure step of a saved card's payment, and a SAVE_CARD order's card form (its link says orderId).

const notFound = () =>
  htmlResponse(renderMessagePage('Payment not found', 'This payment link is not valid.'), 404);

const isSaveCardLink = (params: URLSearchParams) => !params.has('ordersId') && params.has('orderId');

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
  if (isSaveCardLink(url.searchParams)) return showSaveCardPage(ctx, url.searchParams);
  const ref = readOrderRef(Object.fromEntries(url.searchParams));
  const order = ref.ok ? ctx.store.find(ref.value) : undefined;
  if (!order) return notFound();
  if (order.viaToken && order.state === 'IN_3DS') return showThreeDsPage(order, ctx);
  if (order.state !== 'NEW') return alreadyPage(order, 200);
  return htmlResponse(renderPaymentPage({ order, merchantName: ctx.view.merchantName, actionUrl: `${ctx.baseUrl}/pay` }));
}

export async function submitPaymentPage(request: Request, ctx: SimContext): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  if (isSaveCardLink(form)) return submitSaveCardPage(form, ctx);
  const ref = readOrderRef(Object.fromEntries(form));
  const order = ref.ok ? ctx.store.find(ref.value) : undefined;
  if (!order) return notFound();
  if (order.viaToken && order.state === 'IN_3DS') {
    submitThreeDsPage(order, form, ctx);
    return finish(order, ctx);
  }
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
  const { card } = checked;
  settle(order, {
    card: { mask: maskPan(card.pan), owner: card.owner, issuer: card.issuer },
    cardsId: randomToken('card_'),
    outcome: card.outcome,
    message: card.message,
  }, ctx);
  return finish(order, ctx);
}

/** Schedules the callback and sends the customer back to the merchant. */
function finish(order: PitechOrder, ctx: SimContext): Response {
  notifyMerchant(order, ctx);
  const r = order.request;
  return redirectResponse(isPaid(order) ? r.successReturnUrl : r.errorReturnUrl);
}
