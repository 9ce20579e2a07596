// Monetix payment statuses (callbacks and /v2/payment/status) mapped to normalized states. The
// document shows success, decline and refunded; the rest are the platform's other statuses.
import type { FailureCode, PaymentState } from '@pay-checkout/protocol';

export const MONETIX_STATES: Readonly<Record<string, PaymentState>> = {
  'awaiting clarification': 'requires_action',
  'awaiting customer': 'requires_action',
  processing: 'processing',
  success: 'succeeded',
  decline: 'failed',
  error: 'failed',
  refunded: 'refunded',
  'partially refunded': 'partially_refunded',
  reversed: 'canceled',
  canceled: 'canceled',
  cancelled: 'canceled',
  expired: 'expired',
};

/** An unknown status is never a success: it counts as still processing. */
export function monetixState(status: string): PaymentState {
  return MONETIX_STATES[status] ?? 'processing';
}

/** Decline reasons as stable codes; the operator's own message is kept for display. */
export function monetixFailureCode(status: string, code: string | null, message: string | null): FailureCode | null {
  if (status === 'error') return 'provider_error';
  if (status === 'expired') return 'payment_expired';
  if (status !== 'decline') return null;
  if (code === '20105' || (message && /insufficient|balance|недостаточно/i.test(message))) return 'insufficient_balance';
  return 'payment_declined';
}
