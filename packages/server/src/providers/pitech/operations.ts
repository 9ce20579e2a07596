// PITECH follow-up operations: commit (3.4.3) charges all or part of an AUTH_OK order, reverse
// (3.5) releases or returns a whole order before settlement, refund (3.6) returns part or all of a
// charge, as often as something remains. Each answers the order; amounts are converted here.
import { toMajorUnits } from '@pay-checkout/protocol/money';
import { chargedAmount, type PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { ProviderAdapter, ProviderStatus } from '../types.js';
import type { PitechClient, PitechOrderRef, PitechPayment } from './client.js';
import type { PitechState } from './states.js';
import { pitechStatus, refundStatus } from './status.js';

type PitechOperations = Required<Pick<ProviderAdapter, 'capture' | 'cancel' | 'reverse' | 'refund' | 'partial'>>;

export function pitechOperations(client: PitechClient): PitechOperations {
  return {
    // PITECH's reverse takes no amount: only commits and refunds can be partial.
    partial: ['capture', 'refund'],

    async capture(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
      const order = await client.commit({ ...orderRefOf(payment), commitAmount: toMajorUnits(amount, payment.currency) });
      expectState(order, 'SUCCESS', 'commit');
      // The answer keeps the authorized amount; what was charged is the commit.
      return { ...pitechStatus(order, payment), amount };
    },

    async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
      const order = await client.reverse(orderRefOf(payment));
      expectState(order, 'REVERSE', 'reverse');
      return pitechStatus(order, payment);
    },

    async reverse(payment: PaymentRecord, amount?: number): Promise<ProviderStatus> {
      if (amount !== undefined && amount !== chargedAmount(payment)) {
        const reason = 'PITECH reverses the whole payment only; refund part of it instead';
        throw new ProviderError(`PITECH cannot reverse ${amount} of ${chargedAmount(payment)}`, 'rejected', null, reason);
      }
      const order = await client.reverse(orderRefOf(payment));
      expectState(order, 'REVERSE', 'reverse');
      return pitechStatus(order, payment);
    },

    async refund(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
      const refundAmount = String(toMajorUnits(amount, payment.currency));
      const order = await client.refund({ ...orderRefOf(payment), refundAmount });
      expectState(order, 'REFUND', 'refund');
      // What remains: the charge less earlier refunds and this one (unless the answer says itself).
      return refundStatus(order, chargedAmount(payment), payment.refundedAmount + amount);
    },
  };
}

export function orderRefOf(payment: PaymentRecord): PitechOrderRef {
  const ref = payment.providerRef;
  if (!ref?.ordersId || !ref.uuid || !ref.orderDate) throw new Error(`payment ${payment.id} has no PITECH order`);
  return { ordersId: ref.ordersId, uuid: ref.uuid, orderDate: ref.orderDate };
}

/** A 200 in another state than the operation leads to says nothing certain about what happened. */
function expectState(order: PitechPayment, state: PitechState, operation: string): void {
  if (order.state !== state) throw new ProviderError(`PITECH answered the ${operation} with state ${order.state}`, 'unavailable');
}
