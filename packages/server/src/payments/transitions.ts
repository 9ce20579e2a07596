// Applying what a provider says to a payment: states only move forward, and a success whose amount
// or currency differs from what the session fixed is never a success.
import { FINAL_PAYMENT_STATES, type PaymentState } from '@pay-checkout/protocol';
import type { ProviderStatus } from '../providers/types.js';
import type { PaymentRecord } from '../store/types.js';

const RANK: Record<PaymentState, number> = {
  requires_action: 0,
  processing: 1,
  authorized: 2,
  succeeded: 3,
  failed: 3,
  canceled: 3,
  expired: 3,
  refunded: 4,
  partially_refunded: 4,
};

export function isFinal(state: PaymentState): boolean {
  return (FINAL_PAYMENT_STATES as readonly string[]).includes(state);
}

export interface Transition {
  next: PaymentRecord;
  amountMismatch: boolean;
}

export function applyProviderStatus(payment: PaymentRecord, status: ProviderStatus, now: string): Transition {
  const base = { ...payment, providerState: status.providerState, checkedAt: now };
  const moneyMoved = status.state === 'succeeded' || status.state === 'authorized';
  if (moneyMoved && (status.amount !== payment.amount || status.currency !== payment.currency)) {
    return {
      next: { ...base, state: 'failed', failure: { code: 'amount_mismatch', reason: null }, updatedAt: now },
      amountMismatch: true,
    };
  }
  if (RANK[status.state] < RANK[payment.state] || status.state === payment.state) {
    return { next: base, amountMismatch: false };
  }
  return { next: { ...base, state: status.state, failure: status.failure, updatedAt: now }, amountMismatch: false };
}
