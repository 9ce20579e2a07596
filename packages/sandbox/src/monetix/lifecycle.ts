import { callbackBody, signed } from './callback-body.js';
import type { MonetixContext } from './context.js';
import { randomHex, randomOtp } from './format.js';
import {
  declineAfterCode, declineAtSale, declineRefund, GENERAL_DECLINE, operatorForNumber, type MonetixDecline,
} from './test-phones.js';
import type { MonetixOperation, MonetixPayment } from './types.js';

// The payment's life, shared by the Gate API and the Payment Page. Gate payments tell the
// merchant about every step by callback; Payment Page payments only about the result (the
// page itself asks the customer for the code, as in the document's Payment Page flow).

/** "You can request new OTPs to be sent to the customer up to three times." */
export const MAX_RESENDS = 3;
/** provider.id in callbacks; the document's example value. */
export const SANDBOX_PROVIDER_ID = 12345;

const AWAITING = { code: '0', message: 'Awaiting clarification' };
const SUCCESS = { code: '0', message: 'Success' };

export interface SaleInput {
  paymentId: string;
  customer: MonetixPayment['customer'];
  number: string;
  /** Chosen on the Payment Page; otherwise derived from the number. */
  operator?: string;
  amount: number;
  currency: string;
  description: string;
  source: MonetixPayment['source'];
  requestId: string;
  returnUrls?: MonetixPayment['returnUrls'];
}

function notify(ctx: MonetixContext, p: MonetixPayment, op: MonetixOperation, spurious?: MonetixDecline): void {
  const body = callbackBody(p, op, spurious ? { at: ctx.now(), spurious } : {});
  ctx.callbacks.send(ctx.callbackUrl, signed(body, ctx.secretKey));
}

const sale = (p: MonetixPayment): MonetixOperation => p.operations[0]!;

function setSale(ctx: MonetixContext, p: MonetixPayment, outcome: 'awaiting' | 'success' | MonetixDecline): void {
  const op = sale(p);
  const t = ctx.now();
  const result = outcome === 'awaiting' ? AWAITING : outcome === 'success' ? SUCCESS : outcome;
  op.status = outcome === 'awaiting' ? 'awaiting clarification' : outcome === 'success' ? 'success' : 'decline';
  p.status = op.status;
  op.code = result.code;
  op.message = result.message;
  op.updatedAt = p.updatedAt = t;
  if (outcome !== 'awaiting') delete p.otp;
}

/** The operator texts a fresh code; any earlier one stops working. */
function issueOtp(ctx: MonetixContext, p: MonetixPayment): void {
  p.otp = { code: randomOtp(p.otp?.code), issuedAt: ctx.now() };
  ctx.sms.send(p.account.number, p.otp.code, p.id, ctx.now());
}

export function startSale(ctx: MonetixContext, input: SaleInput): MonetixPayment {
  const t = ctx.now();
  const payment: MonetixPayment = {
    id: input.paymentId,
    projectId: ctx.projectId,
    source: input.source,
    customer: input.customer,
    account: { number: input.number, type: input.operator ?? operatorForNumber(input.number) },
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    status: 'awaiting clarification',
    refundedAmount: 0,
    resends: 0,
    provider: { id: SANDBOX_PROVIDER_ID, payment_id: `${randomHex(5)}-${randomHex(2)}`, auth_code: '' },
    operations: [{
      id: ctx.payments.nextOperationId(), type: 'sale', status: 'awaiting clarification', requestId: input.requestId,
      amount: input.amount, currency: input.currency, ...AWAITING, createdAt: t, updatedAt: t,
    }],
    createdAt: t,
    updatedAt: t,
    ...(input.returnUrls && { returnUrls: input.returnUrls }),
  };
  ctx.payments.add(payment);
  const decline = declineAtSale(input.number);
  if (decline) {
    setSale(ctx, payment, decline);
    notify(ctx, payment, sale(payment));
    return payment;
  }
  issueOtp(ctx, payment);
  if (payment.source === 'gate') notify(ctx, payment, sale(payment));
  return payment;
}

export type CodeResult = 'success' | 'decline' | 'wrong' | 'expired';

/** The customer's code for a payment awaiting clarification. */
export function submitCode(ctx: MonetixContext, p: MonetixPayment, code: string): CodeResult {
  const otp = p.otp;
  const problem = !otp || ctx.now() >= otp.issuedAt + ctx.otpTtlMs ? 'expired' : code !== otp.code ? 'wrong' : undefined;
  if (problem) {
    // The platform asks again with the same clarification callback.
    if (p.source === 'gate') notify(ctx, p, sale(p));
    return problem;
  }
  const decline = declineAfterCode(p.account.number);
  setSale(ctx, p, decline ?? 'success');
  notify(ctx, p, sale(p));
  return decline ? 'decline' : 'success';
}

/** A new code for a payment awaiting clarification; false once MAX_RESENDS were used. */
export function resendCode(ctx: MonetixContext, p: MonetixPayment): boolean {
  if (p.resends >= MAX_RESENDS) return false;
  p.resends++;
  issueOtp(ctx, p);
  if (p.source === 'gate') {
    // The document warns that statuses in callbacks around resends "may be incorrect".
    if (ctx.spuriousResendCallbacks) notify(ctx, p, sale(p), GENERAL_DECLINE);
    notify(ctx, p, sale(p));
  }
  return true;
}

/** Refund of a successful sale; the caller checked the amount against what is left. */
export function refund(ctx: MonetixContext, p: MonetixPayment, amount: number, requestId: string): MonetixOperation {
  const t = ctx.now();
  const decline = declineRefund(p.account.number);
  const op: MonetixOperation = {
    id: ctx.payments.nextOperationId(), type: 'refund', status: decline ? 'decline' : 'success', requestId,
    amount, currency: p.currency, ...(decline ?? SUCCESS), createdAt: t, updatedAt: t,
  };
  p.operations.push(op);
  if (!decline) {
    p.refundedAmount += amount;
    p.status = p.refundedAmount >= p.amount ? 'refunded' : 'partially refunded';
  }
  p.updatedAt = t;
  notify(ctx, p, op);
  return op;
}

/** What is still refundable. */
export const refundable = (p: MonetixPayment): number =>
  p.status === 'success' || p.status === 'partially refunded' ? p.amount - p.refundedAmount : 0;
