import { jsonResponse, readBasicAuth } from '../http.js';
import type { SimContext } from './context.js';
import { executeTran } from './transactions.js';
import { brandOf } from './card-form.js';
import { STORED_TOKEN_ORDERS } from './types.js';
import { createdOrderBody, dstTokenBody, srcTokenBody, statusBody, tranBody } from './views.js';
import { validateDstTokenRequest, validateOrderRequest, validateSrcTokenRequest, validateTranRequest } from './validate.js';

// The merchant-facing JSON API: Create Order, Set Source Token, Set Destination Token, Get Order
// Status, Execution Transaction. Errors have the collection's shape { errorCode, errorDescription, errorDetails? };
// it gives no HTTP statuses for them, so the sandbox answers 401 for credentials, 404 for an
// unknown order and 400 otherwise.

export type ApiHandler = (request: Request, ctx: SimContext, url: URL, params: string[]) => Promise<Response>;

export const errorBody = (status: number, errorCode: string, errorDescription: string, headers: Record<string, string> = {}, errorDetails?: Record<string, unknown>) =>
  jsonResponse({ errorCode, errorDescription, ...(errorDetails && { errorDetails }) }, status, headers);

/** Basic auth with the terminal's username:password; null when accepted. */
function refuse(request: Request, ctx: SimContext): Response | null {
  const auth = readBasicAuth(request);
  if (auth && auth.user === ctx.username && auth.password === ctx.password) return null;
  return errorBody(401, 'InvalidLogin', 'Invalid login or password', { 'www-authenticate': 'Basic realm="Kapital Bank sandbox"' });
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

/** The order named by the path, if the optional ?password= matches it. */
function findOrder(ctx: SimContext, url: URL, id: string | undefined) {
  const order = id === undefined ? undefined : ctx.store.get(id);
  if (!order) return { error: errorBody(404, 'InvalidRequest', `Order ${id} not found`) };
  const password = url.searchParams.get('password');
  if (password !== null && password !== order.password) return { error: errorBody(400, 'InvalidRequest', 'Invalid order password') };
  return { order };
}

export const createOrderHandler: ApiHandler = async (request, ctx) => {
  const denied = refuse(request, ctx);
  if (denied) return denied;
  const checked = validateOrderRequest(await readJson(request));
  if (!checked.ok) return errorBody(400, checked.errorCode, checked.message);
  const { request: order, amount, installmentMonths } = checked.value;
  return jsonResponse(createdOrderBody(ctx.store.create(order, amount, installmentMonths), ctx));
};

export const statusHandler: ApiHandler = async (request, ctx, url, [id]) => {
  const denied = refuse(request, ctx);
  if (denied) return denied;
  const found = findOrder(ctx, url, id);
  if (found.error) return found.error;
  const level = (name: string) => Number(url.searchParams.get(name) ?? 0) || 0;
  return jsonResponse(statusBody(found.order, ctx, { order: level('orderDetailLevel'), tran: level('tranDetailLevel'), token: level('tokenDetailLevel') }));
};

export const execTranHandler: ApiHandler = async (request, ctx, url, [id]) => {
  const denied = refuse(request, ctx);
  if (denied) return denied;
  const found = findOrder(ctx, url, id);
  if (found.error) return found.error;
  const checked = validateTranRequest(await readJson(request));
  if (!checked.ok) return errorBody(400, checked.errorCode, checked.message);
  const result = executeTran(found.order, checked.value, ctx);
  if ('errorCode' in result) return errorBody(400, result.errorCode, result.message, {}, result.details);
  return jsonResponse(tranBody(result));
};

/** Set Source Token ("Standart token"): the stored card named by storedId becomes the order's source. */
export const setSrcTokenHandler: ApiHandler = async (request, ctx, url, [id]) => {
  const denied = refuse(request, ctx);
  if (denied) return denied;
  const found = findOrder(ctx, url, id);
  if (found.error) return found.error;
  const order = found.order;
  const checked = validateSrcTokenRequest(await readJson(request));
  if (!checked.ok) return errorBody(400, checked.errorCode, checked.message);
  if (order.typeRid === 'OCT') return errorBody(400, 'InvalidOrderState', 'OCT orders take a destination token (set-dst-token), not a source');
  if (!STORED_TOKEN_ORDERS.has(order.typeRid)) {
    return errorBody(400, 'InvalidOrderState', `${order.typeRid} orders take their card on the hosted page; create an Order_REC or DMSN3D order`);
  }
  if (order.status !== 'Preparing') return errorBody(400, 'InvalidOrderState', `Cannot set a source token on an order in status ${order.status}`);
  const card = ctx.storedTokens.get(checked.value.storedId);
  // The id is not echoed: it is the card's key at the bank.
  if (!card) return errorBody(400, 'InvalidToken', 'Stored token not found for this merchant');
  order.card = { ...card, enteredAt: ctx.now() };
  order.tokenId = ctx.nextTokenId();
  order.initiationEnvKind = checked.value.initiationEnvKind;
  return jsonResponse(srcTokenBody(order));
};

/**
 * Set Destination Token / PAN: the card an OCT order's credit goes to. The collection shows no
 * answer; the sandbox answers like Set Source Token, with the masked card as the order's dstToken.
 * Set again while the order is prepared, it replaces the card (a repeat after a lost answer).
 */
export const setDstTokenHandler: ApiHandler = async (request, ctx, url, [id]) => {
  const denied = refuse(request, ctx);
  if (denied) return denied;
  const found = findOrder(ctx, url, id);
  if (found.error) return found.error;
  const order = found.order;
  const checked = validateDstTokenRequest(await readJson(request));
  if (!checked.ok) return errorBody(400, checked.errorCode, checked.message);
  if (order.typeRid !== 'OCT') return errorBody(400, 'InvalidOrderState', `A destination token is for OCT orders, not ${order.typeRid}`);
  if (order.status !== 'Preparing') return errorBody(400, 'InvalidOrderState', `Cannot set a destination token on an order in status ${order.status}`);
  const brand = brandOf(checked.value.pan);
  if (!brand) return errorBody(400, 'InvalidToken', 'The terminal credits Visa and Mastercard cards only');
  order.dstCard = { pan: checked.value.pan, brand, expiration: '', holder: '', enteredAt: ctx.now() };
  order.dstTokenId ??= ctx.nextTokenId();
  return jsonResponse(dstTokenBody(order));
};
