// Kapital Bank's thirteen order statuses ("Payment Statuses" table) mapped to the normalized states,
// and a status answer read into a ProviderStatus. The table names statuses in words ("Fully paid");
// the API spells them as identifiers ("FullyPaid", "Preparing" for "Being prepared"): both are read.
import type { FailureCode, PaymentState } from '@pay-checkout/protocol';
import { fromMajorUnits } from '@pay-checkout/protocol/money';
import { ProviderError } from '../http.js';
import type { ProviderStatus } from '../types.js';
import type { KapitalOrderStatus, KapitalTran } from './client.js';
import { isApprovedPmoCode, pmoFailureCode, pmoTitle } from './pmo-codes.js';

export const KAPITAL_STATUSES = {
  // Being prepared: no transaction yet, the shopper has the hosted page.
  Preparing: 'requires_action',
  // Cancelled by the consumer (or the merchant) before payment.
  Cancelled: 'canceled',
  // Rejected by the PSP before payment.
  Rejected: 'failed',
  // The consumer refused to pay (before payment or after a failed attempt).
  Refused: 'canceled',
  Expired: 'expired',
  // Order_DMS: held, a clearing takes it.
  Authorized: 'authorized',
  // Cleared for part of the amount (a partial clearing): money was taken.
  PartiallyPaid: 'succeeded',
  // Order_SMS success, or Order_DMS after clearing.
  FullyPaid: 'succeeded',
  // Only for transfer orders, which we never create: money moved, nothing final to say.
  Funded: 'processing',
  // 3-D Secure failed or the processing (PMO) declined.
  Declined: 'failed',
  // The authorized amount is zero: reversed.
  Voided: 'canceled',
  Refunded: 'refunded',
  // Closed after payment.
  Closed: 'succeeded',
} as const satisfies Record<string, PaymentState>;

export type KapitalStatus = keyof typeof KAPITAL_STATUSES;

const key = (value: string) => value.toLowerCase().replace(/[^a-z]/g, '');
const BY_KEY = new Map<string, KapitalStatus>([
  ...Object.keys(KAPITAL_STATUSES).map((s) => [key(s), s as KapitalStatus] as const),
  ['beingprepared', 'Preparing'],
  ['canceled', 'Cancelled'],
]);

/** The status as an identifier, from either spelling; null when it is none of the thirteen. */
export function kapitalStatus(value: string): KapitalStatus | null {
  return BY_KEY.get(key(value)) ?? null;
}

export function orderTypeOf(order: KapitalOrderStatus): string | null {
  return order.typeRid ?? order.type?.rid ?? null;
}

/** Preauthorization orders (hosted page or saved card): a hold, then clearing. */
export function isDualMessage(order: KapitalOrderStatus): boolean {
  const type = orderTypeOf(order);
  return type === 'Order_DMS' || type === 'DMSN3D';
}

export function normalizeKapitalOrder(order: KapitalOrderStatus): ProviderStatus {
  const status = kapitalStatus(order.status);
  if (!status) throw new ProviderError(`unknown Kapital Bank status ${order.status}`, 'unavailable');
  const minor = (value: number | string | undefined): number => {
    if (value === undefined) return Number.NaN;
    try {
      return fromMajorUnits(value, order.currency);
    } catch {
      return Number.NaN;
    }
  };
  let state: PaymentState = KAPITAL_STATUSES[status];
  // What the bank says it charged: the held amount while authorized (a partial approval holds less),
  // the cleared amount after a partial clearing, the order amount otherwise.
  let amount =
    status === 'Authorized' && order.authorizedChargeAmount !== undefined
      ? minor(order.authorizedChargeAmount)
      : status === 'PartiallyPaid' && order.clearedChargeAmount !== undefined
        ? minor(order.clearedChargeAmount)
        : minor(order.amount);

  // A paid order stays paid after a partial refund or reversal; the detailed amounts tell.
  if (state === 'succeeded' && order.clearedChargeAmount !== undefined) {
    const cleared = minor(order.clearedChargeAmount);
    const refunded = order.clearedRefundAmount === undefined ? 0 : minor(order.clearedRefundAmount);
    if (refunded > 0 || reversedAfterCharge(order.trans)) {
      const remaining = cleared - refunded;
      if (remaining <= 0) state = 'refunded';
      else [state, amount] = ['partially_refunded', remaining];
    }
  }
  return { providerState: status, state, amount, currency: order.currency, failure: failureOf(status, order.trans) };
}

/** A reversal of the charge itself (not of a hold) returned money. */
function reversedAfterCharge(trans: KapitalTran[] | undefined): boolean {
  return (trans ?? []).some((t) => t.isReversal === true && t.phase !== 'Auth');
}

function failureOf(status: KapitalStatus, trans: KapitalTran[] | undefined): { code: FailureCode; reason: string | null } | null {
  if (status === 'Expired') return { code: 'payment_expired', reason: null };
  if (status !== 'Declined' && status !== 'Rejected') return null;
  // The declined transaction's PMO code says why; none when 3-D Secure failed before any.
  const declined = [...(trans ?? [])].reverse().find((t) => t.pmoResultCode !== undefined && !isApprovedPmoCode(String(t.pmoResultCode)));
  const pmo = declined?.pmoResultCode === undefined ? null : String(declined.pmoResultCode);
  if (status === 'Rejected') return { code: 'provider_error', reason: pmo ? pmoTitle(pmo) : null };
  return pmo ? { code: pmoFailureCode(pmo) ?? 'card_declined', reason: pmoTitle(pmo) } : { code: 'card_declined', reason: null };
}
