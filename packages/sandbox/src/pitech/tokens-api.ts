import { jsonResponse } from '../http.js';
import { fail, type Handler, readJson, refuse } from './api.js';
import { notifyMerchant, savedCardOutcome, settle } from './settle.js';
import { validateTokenRequest } from './validate.js';
import { orderResponse } from './views.js';

// Payments with a saved card (3.3 tokens/charge, 3.4.2 tokens/auth): no card form. The card does
// what its test card does on the page, at once; the 3-D Secure card waits for the shopper (IN_3DS).

const tokenPayment = (twoPhase: boolean): Handler => async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  const checked = validateTokenRequest(json.body);
  if (!checked.ok) return fail(ctx, url, 400, checked.message);
  const { cardsId, extClientRef, extOrdersId } = checked.value;
  const card = ctx.cards.get(cardsId);
  // Another customer's card answers as an unknown one, so a token cannot be probed for.
  if (!card || card.state === 'DELETED' || card.extClientRef !== extClientRef) return fail(ctx, url, 404, 'Card not found');
  if (card.state !== 'ACTIVE' || !card.confirmed) return fail(ctx, url, 400, `Card is ${card.confirmed ? card.state : 'not confirmed'}`);
  if (ctx.store.hasExtOrdersId(extOrdersId)) return fail(ctx, url, 400, `Order with extOrdersId ${extOrdersId} already exists`);

  const order = ctx.store.create(checked.value, twoPhase);
  order.viaToken = true;
  if (card.outcome === 'timed_out') {
    ctx.store.setState(order, 'IN_3DS');
  } else {
    settle(order, savedCardOutcome(card, true), ctx);
    notifyMerchant(order, ctx);
  }
  // As 3.3's example: the answer carries the card and bank fields once the card was charged.
  return jsonResponse(orderResponse(order, ctx.view, true));
};

export const tokenChargeHandler = tokenPayment(false);
export const tokenAuthHandler = tokenPayment(true);
