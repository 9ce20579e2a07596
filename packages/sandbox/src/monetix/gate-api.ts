import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { jsonResponse } from '../http.js';
import { callbackBody, signed } from './callback-body.js';
import type { MonetixContext } from './context.js';
import { randomHex } from './format.js';
import { refund, refundable, resendCode, startSale, submitCode } from './lifecycle.js';
import type { MonetixPayment } from './types.js';
import {
  isObject, validateClarification, validateRefund, validateResend, validateSale, validateStatus, type Result,
} from './validate.js';

// The Gate API (POST JSON, signed at general.signature). Accepted requests are answered at
// once; their outcome comes by callback.

export type GateRoute = (request: Request, ctx: MonetixContext) => Promise<Response>;
type Handler = (body: Record<string, unknown>, ctx: MonetixContext, requestId: string) => Response;

export const gateError = (code: string, message: string, status = 400): Response =>
  jsonResponse({ status: 'error', code, message }, status);

const invalid = (message: string) => gateError('invalid_request', message);

const accepted = (ctx: MonetixContext, requestId: string, paymentId: string) =>
  jsonResponse({ status: 'success', request_id: requestId, project_id: ctx.projectId, payment_id: paymentId });

/** Parses, checks project and signature, then hands over to `handler`. */
const gate = (handler: Handler): GateRoute => async (request, ctx) => {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return invalid('Malformed JSON request body');
  }
  if (!isObject(body)) return invalid('Request body must be a JSON object');
  const general = body.general;
  if (!isObject(general) || general.project_id !== ctx.projectId || !monetixVerify(body, ctx.secretKey)) {
    return gateError('invalid_signature', 'Invalid signature');
  }
  return handler(body, ctx, randomHex(20));
};

/** Runs `then` with the validated request, or answers invalid_request. */
const checked = <T>(result: Result<T>, then: (value: T) => Response): Response =>
  result.ok ? then(result.value) : invalid(result.message);

function findPayment(ctx: MonetixContext, id: string): MonetixPayment | Response {
  return ctx.payments.get(id) ?? gateError('payment_not_found', `Payment ${id} not found`);
}

const awaiting = (p: MonetixPayment): Response | null =>
  p.status === 'awaiting clarification'
    ? null
    : gateError('invalid_payment_status', `Payment ${p.id} is not awaiting clarification (status: ${p.status})`);

export const operatorsHandler = gate((_body, ctx) =>
  jsonResponse({ status: 'success', operators: ctx.operators.map((o) => ({ id: o.id, name: o.name })) }),
);

export const saleHandler = gate((body, ctx, requestId) =>
  checked(validateSale(body), (sale) => {
    if (ctx.payments.get(sale.paymentId)) {
      return gateError('duplicate_payment', `Payment ${sale.paymentId} already exists in project ${ctx.projectId}`);
    }
    startSale(ctx, { ...sale, source: 'gate', requestId });
    return accepted(ctx, requestId, sale.paymentId);
  }),
);

export const clarificationHandler = gate((body, ctx, requestId) =>
  checked(validateClarification(body), ({ paymentId, code }) => {
    const p = findPayment(ctx, paymentId);
    if (p instanceof Response) return p;
    const refused = awaiting(p);
    if (refused) return refused;
    submitCode(ctx, p, code);
    return accepted(ctx, requestId, paymentId);
  }),
);

export const resendHandler = gate((body, ctx, requestId) =>
  checked(validateResend(body), ({ paymentId }) => {
    const p = findPayment(ctx, paymentId);
    if (p instanceof Response) return p;
    const refused = awaiting(p);
    if (refused) return refused;
    if (!resendCode(ctx, p)) return gateError('resend_limit', `A new code can be requested at most 3 times (payment ${paymentId})`);
    return accepted(ctx, requestId, paymentId);
  }),
);

/** The truthful current state, callback-shaped and signed at top-level `signature`. */
export const statusHandler = gate((body, ctx) =>
  checked(validateStatus(body), ({ paymentId }) => {
    const p = findPayment(ctx, paymentId);
    if (p instanceof Response) return p;
    return jsonResponse(signed(callbackBody(p, p.operations.at(-1)!), ctx.secretKey));
  }),
);

export const refundHandler = gate((body, ctx, requestId) =>
  checked(validateRefund(body), ({ paymentId, amount }) => {
    const p = findPayment(ctx, paymentId);
    if (p instanceof Response) return p;
    const left = refundable(p);
    if (left === 0) return gateError('invalid_payment_status', `Payment ${paymentId} cannot be refunded (status: ${p.status})`);
    if ((amount ?? left) > left) return gateError('invalid_amount', `Refund amount ${amount} exceeds the refundable ${left}`);
    refund(ctx, p, amount ?? left, requestId);
    return accepted(ctx, requestId, paymentId);
  }),
);
