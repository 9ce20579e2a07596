// Applying what a provider says to a payment. Settled states (final or authorized) only move on to
// refunds; a success whose amount or currency differs from what the session fixed is never a
// success; "send me a code" feeds the SMS-code bookkeeping.
import { FINAL_PAYMENT_STATES, type PaymentState } from '@pay-checkout/protocol';
import type { ProviderStatus } from '../providers/types.js';
import { chargedAmount, type PaymentRecord } from '../store/types.js';
import { codeRequested, type OtpRules, tooManyWrongCodes } from './otp.js';

/** Where a settled payment may still go: a capture, a release, a reversal, refunds. */
const SETTLED_MOVES: Partial<Record<PaymentState, readonly PaymentState[]>> = {
  authorized: ['succeeded', 'canceled', 'expired', 'partially_refunded', 'refunded'],
  // A reversal after a charge returns the money before settlement.
  succeeded: ['partially_refunded', 'refunded', 'canceled'],
  // Another partial refund moves the refunded sum on.
  partially_refunded: ['partially_refunded', 'refunded'],
};

export function isFinal(state: PaymentState): boolean {
  return (FINAL_PAYMENT_STATES as readonly string[]).includes(state);
}

/** Final or held: the shopper's part is over. */
export function isSettled(state: PaymentState): boolean {
  return isFinal(state) || state === 'authorized';
}

export interface Transition {
  next: PaymentRecord;
  amountMismatch: boolean;
}

export function applyProviderStatus(payment: PaymentRecord, status: ProviderStatus, now: string, rules: OtpRules | null): Transition {
  const base: PaymentRecord = { ...payment, providerState: status.providerState, checkedAt: now };
  const moved = (fields: Partial<PaymentRecord>): Transition => ({ next: { ...base, ...fields, updatedAt: now }, amountMismatch: false });

  if (isSettled(payment.state)) {
    const refunded = refundedAmount(payment, status);
    const allowed = SETTLED_MOVES[payment.state]?.includes(status.state) ?? false;
    // A state the payment has moved past (a stale callback, a lagging read): not even its wording is kept.
    if (!allowed && status.state !== payment.state) return { next: { ...payment, checkedAt: now }, amountMismatch: false };
    if (!allowed || (status.state === payment.state && refunded === payment.refundedAmount)) return { next: base, amountMismatch: false };
    return moved({ state: status.state, refundedAmount: refunded });
  }

  const moneyMoved = status.state === 'succeeded' || status.state === 'authorized';
  if (moneyMoved && (status.amount !== payment.amount || status.currency !== payment.currency)) {
    return { ...moved({ state: 'failed', failure: { code: 'amount_mismatch', reason: null }, otp: closed(payment) }), amountMismatch: true };
  }

  if (status.otpRequested && payment.otp && rules) {
    const otp = codeRequested(payment.otp, now, rules);
    if (tooManyWrongCodes(otp, rules)) {
      return moved({ state: 'failed', failure: { code: 'too_many_attempts', reason: null }, otp: { ...otp, awaiting: false } });
    }
    return moved({ state: 'requires_action', otp });
  }
  // "Still working on it" never takes a pending step away from the shopper.
  if (status.state === 'processing' || status.state === payment.state) return { next: base, amountMismatch: false };
  return moved({ state: status.state, failure: status.failure, otp: isSettled(status.state) ? closed(payment) : payment.otp });
}

function closed(payment: PaymentRecord) {
  return payment.otp ? { ...payment.otp, awaiting: false, submittedAt: null } : null;
}

function refundedAmount(payment: PaymentRecord, status: ProviderStatus): number {
  const charged = chargedAmount(payment);
  if (status.state === 'refunded') return charged;
  if (status.state !== 'partially_refunded') return payment.refundedAmount;
  // Providers report what remains of the charge after the refund. Refunds only add up: an older
  // report (a callback replayed out of order) never takes one back.
  const refunded = charged - status.amount;
  return refunded > payment.refundedAmount && refunded < charged ? refunded : payment.refundedAmount;
}
