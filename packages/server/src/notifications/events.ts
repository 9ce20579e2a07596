// Which notifications a payment write produces: one per change of state, and one per change of the
// refunded sum (a second partial refund). Built before the write, stored in the same transaction.
import type { MerchantEvent } from '@pay-checkout/protocol';
import { randomId } from '../http/secrets.js';
import type { MerchantPaymentSummary } from '../payments/views.js';
import type { OutboxEvent, PaymentRecord } from '../store/types.js';

export function changed(before: PaymentRecord, after: PaymentRecord): boolean {
  return before.state !== after.state || before.refundedAmount !== after.refundedAmount;
}

export function paymentEvent(payment: MerchantPaymentSummary, created: Date): OutboxEvent {
  const event: MerchantEvent = {
    id: randomId('evt'),
    type: `payment.${payment.state}`,
    created: created.toISOString(),
    data: { payment },
  };
  return { id: event.id, type: event.type, paymentId: payment.id, payload: JSON.stringify(event), createdAt: event.created };
}
