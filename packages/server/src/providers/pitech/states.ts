// PITECH's ten payment states (section 7 of its document) mapped to the normalized states.
import type { FailureCode, PaymentState } from '@pay-checkout/protocol';

export const PITECH_STATES = {
  // Created; the shopper has not finished the hosted page.
  NEW: 'requires_action',
  // Waiting for the shopper's 3-D Secure code or CVC on the hosted page.
  IN_3DS: 'requires_action',
  WAIT_CVC: 'requires_action',
  // Held; a commit is needed to charge (two-phase).
  AUTH_OK: 'authorized',
  SUCCESS: 'succeeded',
  ERROR: 'failed',
  TIMED_OUT: 'failed',
  EXPIRED: 'expired',
  REFUND: 'refunded',
  // A reversal releases the money before settlement.
  REVERSE: 'canceled',
} as const satisfies Record<string, PaymentState>;

export type PitechState = keyof typeof PITECH_STATES;

export function isPitechState(value: unknown): value is PitechState {
  return typeof value === 'string' && Object.hasOwn(PITECH_STATES, value);
}

/** Why a PITECH payment did not go through, as a stable code. */
export function pitechFailureCode(state: PitechState, message: string | null): FailureCode | null {
  switch (state) {
    case 'ERROR':
      return message && /insufficient|not sufficient/i.test(message) ? 'insufficient_funds' : 'card_declined';
    case 'TIMED_OUT':
      return 'authentication_timed_out';
    case 'EXPIRED':
      return 'payment_expired';
    default:
      return null;
  }
}
