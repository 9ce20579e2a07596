import { jsonResponse, readBasicAuth } from '../http.js';
import type { SimContext } from './context.js';
import { executeTran } from './transactions.js';
import { createdOrderBody, statusBody, tranBody } from './views.js';
import { validateOrderRequest, validateTranRequest } from './validate.js';

// The merchant-facing JSON API: Create Order, Get Order Status, Execution Transaction. Errors
// have the collection's shape { errorCode, errorDescription }; it gives no HTTP statuses for
// them, so the sandbox answers 401 for credentials, 404 for an unknown order and 400 otherwise.

export type ApiHandler = (request: Request, ctx: SimContext, url: URL, params: string[]) => Promise<Response>;

export const errorBody = (status: number, errorCode: string, errorDescription: string, headers: Record<string, string> = {}) =>
  jsonResponse({ errorCode, errorDescription }, status, headers);

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
  if ('errorCode' in result) return errorBody(400, result.errorCode, result.message);
  return jsonResponse(tranBody(result));
};
