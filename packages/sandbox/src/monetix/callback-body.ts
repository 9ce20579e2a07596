import { monetixSign } from '@pay-checkout/server/monetix-signature';
import { monetixTime } from './format.js';
import type { MonetixDecline } from './test-phones.js';
import type { MonetixOperation, MonetixPayment } from './types.js';

// Callback bodies shaped as Figures 9/10/13/14 (key order as printed there). The status
// endpoint answers with the same shape.

/** What the merchant must send back while the payment awaits clarification (the OTP). */
export const CLARIFICATION_FIELDS = { additional_data: { approval_code: { type: 'string', required: true } } };

export interface BodyOptions {
  /** Event time for payment.date and operation.date; default the last change. */
  at?: number;
  /** Reports a decline that did not happen (the misleading callback around resends). */
  spurious?: MonetixDecline;
}

export function callbackBody(p: MonetixPayment, op: MonetixOperation, opts: BodyOptions = {}): Record<string, unknown> {
  const paymentStatus = opts.spurious ? 'decline' : p.status;
  const opStatus = opts.spurious ? 'decline' : op.status;
  const sum = (amount: number) => ({ amount, currency: op.currency });
  return {
    project_id: p.projectId,
    payment: {
      id: p.id,
      type: 'purchase',
      status: paymentStatus,
      date: monetixTime(opts.at ?? p.updatedAt),
      method: 'mobile',
      sum: { amount: p.amount - p.refundedAmount, currency: p.currency },
      description: p.description,
    },
    customer: { id: p.customer.id },
    operation: {
      id: op.id,
      type: op.type,
      status: opStatus,
      date: monetixTime(opts.at ?? op.updatedAt),
      created_date: monetixTime(op.createdAt),
      request_id: op.requestId,
      sum_initial: sum(op.amount),
      sum_converted: sum(op.amount),
      code: opts.spurious?.code ?? op.code,
      message: opts.spurious?.message ?? op.message,
      provider: { ...p.provider },
    },
    account: { ...p.account },
    ...(paymentStatus === 'awaiting clarification' && { clarification_fields: structuredClone(CLARIFICATION_FIELDS) }),
  };
}

/** Callbacks carry the signature at the top level. */
export function signed(body: Record<string, unknown>, secretKey: string): Record<string, unknown> {
  return { ...body, signature: monetixSign(body, secretKey) };
}
