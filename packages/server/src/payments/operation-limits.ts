// How much each follow-up operation can still take, from the payment's state and what the
// provider supports. Checked before any provider call, and shown to the merchant.
import type { OperationKind, OperationLimits } from '@pay-checkout/protocol';
import type { ProviderAdapter } from '../providers/types.js';
import { chargedAmount, type PaymentRecord } from '../store/types.js';

export function operationLimits(payment: PaymentRecord, adapter: ProviderAdapter | undefined): OperationLimits {
  const charged = chargedAmount(payment);
  const { state } = payment;
  const held = state === 'authorized';
  const paid = state === 'succeeded' || state === 'partially_refunded';
  return {
    capture: adapter?.capture && held ? payment.amount : null,
    cancel: adapter?.cancel && held ? payment.amount : null,
    // A reversal returns a charge before settlement (before any refund), or part of a hold where the
    // provider reverses parts; releasing all of a hold is a cancel.
    reverse: !adapter?.reverse ? null : state === 'succeeded' && payment.refundedAmount === 0 ? charged : held && canTakePart(adapter, 'reverse') ? payment.amount : null,
    refund: adapter?.refund && paid ? charged - payment.refundedAmount : null,
  };
}

export function canTakePart(adapter: ProviderAdapter, kind: OperationKind): boolean {
  return kind !== 'cancel' && (adapter.partial ?? []).includes(kind);
}
