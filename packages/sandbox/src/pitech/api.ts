import { errorResponse, jsonResponse, readBasicAuth } from '../http.js';
import { chargedAmount, roundAmount } from './amounts.js';
import type { SimContext } from './context.js';
import type { PitechOrder } from './types.js';
import { isObject, readOptionalAmount, readOrderRef, validateChargeRequest } from './validate.js';
import { orderResponse } from './views.js';

// The merchant-facing JSON API (spec sections 3.1, 3.2, 3.4, 3.5, 3.6); saved cards in tokens-api.ts and cards-api.ts.

export type Handler = (request: Request, ctx: SimContext, url: URL) => Promise<Response>;

export const fail = (ctx: SimContext, url: URL, status: number, message: string) =>
  errorResponse(status, message, url.pathname, ctx.now());

/** Basic auth with the appId:secretId pair; null when accepted. */
export function refuse(request: Request, ctx: SimContext, url: URL): Response | null {
  const auth = readBasicAuth(request);
  if (auth && auth.user === ctx.appId && auth.password === ctx.secretId) return null;
  return errorResponse(401, auth ? 'Invalid appId or secretId' : 'Basic authentication required', url.pathname, ctx.now(), {
    'www-authenticate': 'Basic realm="PITECH sandbox"',
  });
}

export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    return { ok: true, body: JSON.parse(await request.text()) };
  } catch {
    return { ok: false };
  }
}

const createOrder = (twoPhase: boolean): Handler => async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  const checked = validateChargeRequest(json.body);
  if (!checked.ok) return fail(ctx, url, 400, checked.message);
  // Real PITECH behaviour on a repeated extOrdersId is unknown; refusing makes double orders visible.
  if (ctx.store.hasExtOrdersId(checked.value.extOrdersId)) {
    return fail(ctx, url, 400, `Order with extOrdersId ${checked.value.extOrdersId} already exists`);
  }
  return jsonResponse(orderResponse(ctx.store.create(checked.value, twoPhase), ctx.view));
};

export const chargeHandler = createOrder(false);
export const authHandler = createOrder(true);

export const statusHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const ref = readOrderRef(Object.fromEntries(url.searchParams));
  if (!ref.ok) return fail(ctx, url, 400, ref.message);
  const order = ctx.store.find(ref.value);
  if (!order) return fail(ctx, url, 404, 'Order not found');
  return jsonResponse(orderResponse(order, ctx.view, true));
};

type Operation = (order: PitechOrder, body: Record<string, unknown>, ctx: SimContext) => string | null;

/** commit/reverse/refund: find the order by its triple, apply the rule, or answer 400. */
const operation = (apply: Operation): Handler => async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  if (!isObject(json.body)) return fail(ctx, url, 400, 'Request body must be a JSON object');
  const ref = readOrderRef(json.body);
  if (!ref.ok) return fail(ctx, url, 400, ref.message);
  const order = ctx.store.find(ref.value);
  if (!order) return fail(ctx, url, 404, 'Order not found');
  const problem = apply(order, json.body, ctx);
  if (problem) return fail(ctx, url, 400, problem);
  return jsonResponse(orderResponse(order, ctx.view));
};

const wrongState = (order: PitechOrder, action: string, allowed: string) =>
  `Cannot ${action} an order in state ${order.state} (needs ${allowed})`;

export const commitHandler = operation((order, body, ctx) => {
  if (order.state !== 'AUTH_OK') return wrongState(order, 'commit', 'AUTH_OK');
  const amount = readOptionalAmount(body.commitAmount, 'commitAmount');
  if (!amount.ok) return amount.message;
  const commit = amount.value ?? order.request.amount;
  if (commit > order.request.amount) return `commitAmount ${commit} exceeds the authorised amount ${order.request.amount}`;
  order.committedAmount = commit;
  ctx.store.setState(order, 'SUCCESS');
  return null;
});

export const reverseHandler = operation((order, _body, ctx) => {
  if (order.state !== 'AUTH_OK' && order.state !== 'SUCCESS') return wrongState(order, 'reverse', 'AUTH_OK or SUCCESS');
  ctx.store.setState(order, 'REVERSE');
  return null;
});

// The document's example answers REFUND for a refund of 200 of 300, so any refund sets REFUND. It is
// silent on repeated refunds; as acquirers do, more are taken until nothing of the charge remains.
export const refundHandler = operation((order, body, ctx) => {
  if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return wrongState(order, 'refund', 'SUCCESS or REFUND');
  const amount = readOptionalAmount(body.refundAmount, 'refundAmount');
  if (!amount.ok) return amount.message;
  const remaining = roundAmount(chargedAmount(order) - (order.refundedAmount ?? 0));
  if (remaining <= 0) return 'The order has been refunded in full';
  const refund = amount.value ?? remaining;
  if (refund > remaining) return `refundAmount ${refund} exceeds the refundable amount ${remaining}`;
  order.refundedAmount = roundAmount((order.refundedAmount ?? 0) + refund);
  ctx.store.setState(order, 'REFUND');
  return null;
});
