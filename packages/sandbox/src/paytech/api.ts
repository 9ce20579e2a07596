import { errorResponse, jsonResponse } from '../http.js';
import type { SimContext } from './context.js';
import { brandOf, maskPan } from './card-form.js';
import { errorOf } from './error-codes.js';
import { chargeRecurring } from './recurring.js';
import { parsePaytechDateTime } from './format.js';
import type { PatternRoute } from './routes.js';
import { findPaytechTestCard } from './test-cards.js';
import type { PaytechPayment, PaytechPaymentRequest } from './types.js';
import { isAmount, isObject, validatePaymentRequest } from './validate.js';
import { envelope, operationView, paymentView } from './views.js';

// The merchant-facing JSON API: Create payment, Get payments, Find payment, Capture, Void, Get
// operations, Get withdrawal balances. Bearer auth with the shop API key on every call.

type Handler = PatternRoute<SimContext>;

/** "For test withdrawals and refunds, the limit is 10000" (the document's Testing section). */
export const SANDBOX_PAYOUT_LIMIT = 10_000;

export const fail = (ctx: SimContext, url: URL, status: number, message: string) => errorResponse(status, message, url.pathname, ctx.now());
export const ok = (ctx: SimContext, result: unknown, extra?: Record<string, unknown>) => jsonResponse(envelope(result, ctx.now(), extra));
const view = (ctx: SimContext, payment: PaytechPayment) => paymentView(payment, ctx.view);
/** Amounts are decimals; keep sums free of float noise. */
const round = (value: number) => Math.round(value * 1e8) / 1e8;

export function refuse(request: Request, ctx: SimContext, url: URL): Response | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  if (match?.[1] === ctx.apiKey) return null;
  return errorResponse(401, match ? 'Invalid API key' : 'Bearer authentication required', url.pathname, ctx.now(), {
    'www-authenticate': 'Bearer realm="pay.tech sandbox"',
  });
}

/** The JSON body; an empty body reads as {} (Capture's body is optional). */
export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const text = await request.text();
  if (!text.trim()) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Runs `handle` on the payment named in the path, after auth; 404 when there is none. */
const withPayment = (handle: (payment: PaytechPayment, request: Request, ctx: SimContext, url: URL) => Promise<Response> | Response): Handler =>
  (request, ctx, url, params) => {
    const denied = refuse(request, ctx, url);
    if (denied) return denied;
    const payment = ctx.store.get(params.id ?? '');
    if (!payment) return fail(ctx, url, 404, `Payment ${params.id} not found`);
    return handle(payment, request, ctx, url);
  };

const illegalState = (payment: PaytechPayment, action: string) =>
  `Illegal Workflow State: cannot ${action} a payment in state ${payment.state} (needs AUTHORIZED)`;

export const createHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  const checked = validatePaymentRequest(json.body);
  if (!checked.ok) return fail(ctx, url, 400, checked.message);
  const req = checked.value;
  if (req.paymentType === 'REFUND') return createRefund(req, ctx, url);
  const payment = ctx.store.create(req, req.amount);
  if (req.paymentType === 'WITHDRAWAL') withdraw(payment, req, ctx);
  else if (req.recurringToken !== undefined) chargeRecurring(ctx.store, payment, ctx.recurring);
  return ok(ctx, view(ctx, payment));
};

/**
 * Payouts finish at once in the sandbox: within its limit (1.08 above it), by test card like the
 * deposits on the checkout page (a declining card declines, a number that is no test card is 3.07),
 * and within the shop's withdrawal balance (1.10), which a completed withdrawal takes from.
 */
function withdraw(payment: PaytechPayment, req: PaytechPaymentRequest, ctx: SimContext): void {
  const amount = req.amount!;
  if (req.card) {
    const pan = req.card.cardNumber;
    payment.card = {
      customerAccountNumber: maskPan(pan),
      cardholderName: req.card.cardholderName ?? '',
      cardExpiryMonth: req.card.expiryMonth ?? '',
      cardExpiryYear: req.card.expiryYear ?? '',
      cardBrand: brandOf(pan),
    };
  }
  const test = req.card ? findPaytechTestCard(req.card.cardNumber) : undefined;
  if (amount > SANDBOX_PAYOUT_LIMIT) {
    ctx.store.transition(payment, 'WITHDRAWAL', 'DECLINED', errorOf('1.08'));
  } else if (req.card && (!test || test.outcome === 'declined')) {
    if (test?.externalResultCode) payment.externalResultCode = test.externalResultCode;
    ctx.store.transition(payment, 'WITHDRAWAL', 'DECLINED', errorOf(test?.errorCode ?? '3.07'));
  } else if (amount > ctx.balances.available(req.currency)) {
    ctx.store.transition(payment, 'WITHDRAWAL', 'DECLINED', errorOf('1.10'));
  } else {
    ctx.balances.take(req.currency, amount);
    ctx.store.transition(payment, 'WITHDRAWAL', 'COMPLETED');
  }
}

/** Get withdrawal balances: funds available for withdrawal by currency (the result's fields are not in the document). */
export const balancesHandler: Handler = (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  return ok(ctx, Object.entries(ctx.balances.all()).map(([currency, amount]) => ({ currency, amount })));
};

/** A refund is its own payment, of type REFUND, naming the COMPLETED deposit it refunds. */
function createRefund(req: PaytechPaymentRequest, ctx: SimContext, url: URL): Response {
  const parent = ctx.store.get(req.parentPaymentId!);
  if (!parent) return fail(ctx, url, 400, `parentPaymentId: payment ${req.parentPaymentId} not found`);
  if (parent.paymentType !== 'DEPOSIT' || parent.state !== 'COMPLETED') {
    return fail(ctx, url, 400, `Illegal Workflow State: only a COMPLETED DEPOSIT can be refunded (${parent.paymentType} ${parent.state})`);
  }
  if (req.currency !== parent.currency) return fail(ctx, url, 400, `currency: must be ${parent.currency}, the currency of the deposit`);
  const refundable = round((parent.capturedAmount ?? parent.amount ?? 0) - parent.refundedAmount);
  const amount = req.amount ?? refundable;
  if (refundable <= 0) return fail(ctx, url, 400, 'The deposit has been refunded in full');
  if (amount > refundable) return fail(ctx, url, 400, `amount: ${amount} exceeds the refundable ${refundable}`);
  const refund = ctx.store.create(req, amount);
  if (!req.paymentMethod) refund.paymentMethod = parent.paymentMethod;
  if (amount > SANDBOX_PAYOUT_LIMIT) {
    ctx.store.transition(refund, 'REFUND', 'DECLINED', errorOf('1.08'));
  } else {
    parent.refundedAmount = round(parent.refundedAmount + amount);
    ctx.store.transition(refund, 'REFUND', 'COMPLETED');
  }
  return ok(ctx, view(ctx, refund));
}

export const findHandler = withPayment((payment, _request, ctx) => ok(ctx, view(ctx, payment)));

export const operationsHandler = withPayment((payment, _request, ctx) =>
  ok(ctx, [...payment.operations].reverse().map(operationView)),
);

export const captureHandler = withPayment(async (payment, request, ctx, url) => {
  const json = await readJson(request);
  if (!json.ok || !isObject(json.body)) return fail(ctx, url, 400, 'Malformed JSON request body');
  if (payment.state !== 'AUTHORIZED') return fail(ctx, url, 400, illegalState(payment, 'capture'));
  const { amount } = json.body;
  if (amount !== undefined && amount !== null && !isAmount(amount)) return fail(ctx, url, 400, 'amount: must be a number from 0.00001 to 1000000000');
  const authorized = payment.amount ?? 0;
  const capture = typeof amount === 'number' ? amount : authorized;
  if (capture > authorized) return fail(ctx, url, 400, `amount: ${capture} exceeds the authorized ${authorized}`);
  payment.capturedAmount = capture;
  ctx.store.transition(payment, 'CAPTURE', 'COMPLETED');
  return ok(ctx, view(ctx, payment));
});

export const voidHandler = withPayment((payment, _request, ctx, url) => {
  if (payment.state !== 'AUTHORIZED') return fail(ctx, url, 400, illegalState(payment, 'void'));
  ctx.store.transition(payment, 'VOID', 'CANCELLED');
  return ok(ctx, view(ctx, payment));
});

/** Get payments: most recent first, with the document's filters and paging. */
export const listHandler: Handler = (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const q = url.searchParams;
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = q.get(name);
    const n = raw === null ? fallback : Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const offset = int('offset', 0, 0, 1_000_000);
  const limit = int('limit', 50, 1, 1000);
  if (offset === null || limit === null) return fail(ctx, url, 400, 'offset must be 0..1000000 and limit 1..1000');
  const bounds: Array<[string, (p: PaytechPayment) => number, (t: number, b: number) => boolean]> = [
    ['created.gte', (p) => p.created, (t, b) => t >= b],
    ['created.lt', (p) => p.created, (t, b) => t < b],
    ['updated.gte', (p) => p.updated, (t, b) => t >= b],
    ['updated.lt', (p) => p.updated, (t, b) => t < b],
  ];
  let payments = ctx.store.all();
  for (const [name, field, test] of bounds) {
    const raw = q.get(name);
    if (raw === null) continue;
    const bound = Math.floor(parsePaytechDateTime(raw) / 1000) * 1000;
    if (Number.isNaN(bound)) return fail(ctx, url, 400, `${name}: must be YYYY-MM-DDTHH:MM:SS`);
    // Compared at the second, as the dates are printed.
    payments = payments.filter((p) => test(Math.floor(field(p) / 1000) * 1000, bound));
  }
  const reference = q.get('referenceId.eq');
  if (reference !== null) payments = payments.filter((p) => p.request.referenceId === reference);
  // Newest first; payments created in the same millisecond keep newest-first too (stable sort).
  payments = payments.reverse().sort((a, b) => b.created - a.created);
  const page = payments.slice(offset, offset + limit);
  return ok(ctx, page.map((p) => view(ctx, p)), { hasMore: offset + limit < payments.length });
};
