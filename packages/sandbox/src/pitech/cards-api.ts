import { jsonResponse } from '../http.js';
import { fail, type Handler, readJson, refuse } from './api.js';
import { validateSaveCardRequest } from './validate.js';
import { saveCardOrderResponse, savedCardResponse } from './views.js';

// Section 4: a SAVE_CARD order whose page saves the card entered (4.1), the customer's cards (4.2)
// and deleting one (4.3).

export const saveCardHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  const checked = validateSaveCardRequest(json.body);
  if (!checked.ok) return fail(ctx, url, 400, checked.message);
  return jsonResponse(saveCardOrderResponse(ctx.saveCardOrders.create(checked.value), ctx.view));
};

export const listCardsHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  // The document's example has a space after "extClientRef=".
  const extClientRef = url.searchParams.get('extClientRef')?.trim();
  if (!extClientRef) return fail(ctx, url, 400, 'extClientRef: required');
  return jsonResponse(ctx.cards.listed(extClientRef).map(savedCardResponse));
};

export const deleteCardHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const cardsId = url.searchParams.get('cardsId')?.trim();
  if (!cardsId) return fail(ctx, url, 400, 'cardsId: required');
  const card = ctx.cards.get(cardsId);
  if (!card || card.state === 'DELETED') return fail(ctx, url, 404, 'Card not found');
  ctx.cards.remove(card);
  // "No body for the response".
  return new Response(null, { status: 200 });
};
