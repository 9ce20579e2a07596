// pay.tech's six payment states (the PaymentState enum) mapped to the normalized states. The
// document describes none of them; what it does say: capture and void need AUTHORIZED (a
// pre-authorized, uncaptured deposit), a void moves the payment to CANCELLED, and webhooks come
// for the final ones (COMPLETED, DECLINED, CANCELLED, AUTHORIZED).
import type { FailureCode, PaymentState } from '@pay-checkout/protocol';
import { PAYTECH_ERROR_CODES, paytechFailureCodeFor } from './error-codes.js';

export const PAYTECH_STATES = {
  // Created; the shopper has not finished pay.tech's checkout page.
  CHECKOUT: 'requires_action',
  // Being processed (3-D Secure, the acquirer): no outcome yet.
  PENDING: 'processing',
  // preAuth deposit held; capture or void decides.
  AUTHORIZED: 'authorized',
  COMPLETED: 'succeeded',
  DECLINED: 'failed',
  // Voided, cancelled by the shopper, or by timeout (1.04, read as expired below).
  CANCELLED: 'canceled',
} as const satisfies Record<string, PaymentState>;

export type PaytechState = keyof typeof PAYTECH_STATES;

export function isPaytechState(value: unknown): value is PaytechState {
  return typeof value === 'string' && Object.hasOwn(PAYTECH_STATES, value);
}

/** The normalized state; a CANCELLED payment whose error says "Cancelled by Timeout" expired. */
export function paytechPaymentState(state: PaytechState, errorCode?: string | null): PaymentState {
  return state === 'CANCELLED' && errorCode === '1.04' ? 'expired' : PAYTECH_STATES[state];
}

/** Why a pay.tech payment did not go through, with pay.tech's own text as the reason. */
export function paytechFailure(
  state: PaytechState,
  errorCode?: string | null,
  errorMessage?: string | null,
): { code: FailureCode; reason: string | null } | null {
  if (state !== 'DECLINED' && state !== 'CANCELLED') return null;
  // A void or a cancel without an error code is not a failure to explain.
  if (state === 'CANCELLED' && !errorCode) return null;
  const code = paytechFailureCodeFor(errorCode);
  if (!code) return null;
  const reason = errorMessage ?? (errorCode ? (PAYTECH_ERROR_CODES[errorCode] ?? null) : null);
  return { code, reason };
}
