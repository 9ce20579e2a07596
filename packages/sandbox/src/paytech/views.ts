import { paytechDateTime, paytechTimestamp } from './format.js';
import type { PaytechPayment } from './types.js';

// JSON shapes of the document, built from a payment. Key order follows the Payment schema
// (the webhook's field list); optional fields appear only when they have a value.

export interface ViewContext {
  redirectUrl: (payment: PaytechPayment) => string;
}

/** The Payment object: Create payment's and Find payment's `result`, and (without redirectUrl) the webhook body. */
export function paymentView(p: PaytechPayment, ctx: ViewContext, webhook = false): Record<string, unknown> {
  const r = p.request;
  const deposit = p.paymentType === 'DEPOSIT';
  const present = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    id: p.id,
    ...present('referenceId', r.referenceId),
    created: paytechDateTime(p.created),
    paymentType: p.paymentType,
    state: p.state,
    ...present('description', r.description),
    ...present('parentPaymentId', r.parentPaymentId),
    paymentMethod: p.paymentMethod,
    ...present('paymentMethodDetails', p.card && { ...p.card }),
    ...present('amount', p.capturedAmount ?? p.amount),
    currency: p.currency,
    // A deposit continuing a recurring chain has no checkout page.
    ...(deposit && !webhook && !r.recurringToken ? { redirectUrl: ctx.redirectUrl(p) } : {}),
    ...present('errorCode', p.errorCode),
    ...present('errorMessage', p.errorMessage),
    ...present('externalResultCode', p.externalResultCode),
    ...present('customer', r.customer && { ...r.customer }),
    ...present('billingAddress', r.billingAddress && { ...r.billingAddress }),
    ...present('startRecurring', r.startRecurring),
    ...(deposit ? { preAuth: r.preAuth === true } : {}),
    // The token this payment started its chain with, or the one it continued.
    ...present('recurringToken', p.recurringToken ?? r.recurringToken),
    ...(p.card ? { terminalName: 'SANDBOX_CARD' } : {}),
  };
}

/** Every JSON answer: { timestamp, status, result } (Get payments adds hasMore). */
export function envelope(result: unknown, now: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { timestamp: paytechTimestamp(now), status: 200, ...extra, result };
}

/** A Get operations entry (PaymentOperation); nothing goes to external APIs, so no messages. */
export function operationView(op: PaytechPayment['operations'][number]): Record<string, unknown> {
  return {
    id: op.id,
    operation: op.operation,
    started: paytechTimestamp(op.started),
    completed: paytechTimestamp(op.completed),
    paymentState: op.paymentState,
  };
}
