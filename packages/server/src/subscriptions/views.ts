// A subscription as the merchant sees it, and PITECH's state in ours.
import type { Subscription, SubscriptionState } from '@pay-checkout/protocol';
import type { SubscriptionRecord } from '../store/types.js';

export function subscriptionView(record: SubscriptionRecord): Subscription {
  return {
    id: record.id,
    provider: 'pitech',
    customerId: record.customerId,
    savedCardId: record.savedCardId,
    amount: { value: record.amount, currency: record.currency },
    interval: record.interval,
    period: record.period,
    maxPeriods: record.maxPeriods,
    description: record.description,
    // Rows still being created are never shown; the type admits them only for that while.
    state: record.state === 'pending' || record.state === 'unknown' ? 'active' : record.state,
    successfulCharges: record.successfulCharges,
    failedCharges: record.failedCharges,
    nextChargeAt: record.nextChargeAt,
    lastChargeAt: record.lastChargeAt,
    createdAt: record.createdAt,
  };
}

/** ACTIVE, ENDED, DELETED (5.1); anything else PITECH may add is read as still running. */
export function stateOf(pitechState: string): SubscriptionState {
  if (pitechState === 'ENDED') return 'ended';
  if (pitechState === 'DELETED') return 'canceled';
  return 'active';
}
