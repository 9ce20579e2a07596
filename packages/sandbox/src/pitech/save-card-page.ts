import { htmlResponse, redirectResponse } from '../http.js';
import { checkCard, readCardForm } from './card-form.js';
import type { SimContext } from './context.js';
import { renderMessagePage, renderSaveCardPage } from './payment-page.js';
import type { PitechSaveCardOrder } from './types.js';
import { readSaveCardRef } from './validate.js';

// The SAVE_CARD order's page (4.1). The card is verified with the order's amount: a card the
// sandbox pays with is saved for the customer (ACTIVE, confirmed); a declined one is not saved.
// The document gives this order no callback URLs, so only the return URLs tell the merchant.

const notFound = () => htmlResponse(renderMessagePage('Card saving not found', 'This card saving link is not valid.'), 404);

function findOrder(params: URLSearchParams, ctx: SimContext): PitechSaveCardOrder | undefined {
  const ref = readSaveCardRef(Object.fromEntries(params));
  return ref.ok ? ctx.saveCardOrders.find(ref.value) : undefined;
}

function donePage(order: PitechSaveCardOrder, status: number): Response {
  const r = order.request;
  return htmlResponse(
    renderMessagePage(
      order.state === 'EXPIRED' ? 'Card saving expired' : 'Card saving already processed',
      `This card saving is already ${order.state}.`,
      { href: order.state === 'SUCCESS' ? r.successReturnUrl : r.errorReturnUrl, text: 'Return to the shop' },
    ),
    status,
  );
}

const page = (order: PitechSaveCardOrder, ctx: SimContext, extra: Partial<Parameters<typeof renderSaveCardPage>[0]> = {}) =>
  renderSaveCardPage({ order, merchantName: ctx.view.merchantName, actionUrl: `${ctx.baseUrl}/pay`, ...extra });

export function showSaveCardPage(ctx: SimContext, params: URLSearchParams): Response {
  const order = findOrder(params, ctx);
  if (!order) return notFound();
  if (order.state !== 'NEW') return donePage(order, 200);
  return htmlResponse(page(order, ctx));
}

export function submitSaveCardPage(form: URLSearchParams, ctx: SimContext): Response {
  const order = findOrder(form, ctx);
  if (!order) return notFound();
  if (order.state !== 'NEW') return donePage(order, 409);
  const r = order.request;
  if (form.get('action') === 'cancel') {
    ctx.saveCardOrders.setState(order, 'ERROR', 'Cancelled by customer');
    return redirectResponse(r.errorReturnUrl);
  }
  const values = readCardForm(form);
  const checked = checkCard(values, ctx.now());
  if ('errors' in checked) return htmlResponse(page(order, ctx, { values, errors: checked.errors }), 422);
  const { card } = checked;
  if (card.outcome !== 'success') {
    ctx.saveCardOrders.setState(order, card.outcome === 'timed_out' ? 'TIMED_OUT' : 'ERROR', card.message);
    return redirectResponse(r.errorReturnUrl);
  }
  const saved = ctx.cards.save({ extClientRef: r.extClientRef, pan: card.pan, holderName: card.owner });
  order.cardsId = saved.cardsId;
  ctx.saveCardOrders.setState(order, 'SUCCESS', card.message);
  return redirectResponse(r.successReturnUrl);
}
