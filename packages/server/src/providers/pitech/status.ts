// A PITECH order as a ProviderStatus. PITECH's `amount` is always the ordered amount (the
// document's commit example charges 290 and still answers 300), so what a commit charged and what a
// refund left are read from the answer's extra sums where it has them, else from the payment.
import { fromMajorUnits } from '@pay-checkout/protocol/money';
import { chargedAmount, type PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { ProviderStatus } from '../types.js';
import type { PitechPayment } from './client.js';
import { isPitechState, PITECH_STATES, pitechFailureCode } from './states.js';

/** The order as the status read (or an answer to create, commit, reverse) reports it. */
export function pitechStatus(order: PitechPayment, payment: PaymentRecord): ProviderStatus {
  if (!isPitechState(order.state)) throw new ProviderError(`unknown PITECH state ${order.state}`, 'unavailable');
  if (order.state === 'REFUND') {
    // Without a refunded sum in the answer, a refund we recorded as partial stays so; any other is taken as full.
    return refundStatus(order, chargedAmount(payment), payment.state === 'partially_refunded' ? payment.refundedAmount : chargedAmount(payment));
  }
  const reason = order.message ?? null;
  const code = pitechFailureCode(order.state, reason);
  const ordered = minorUnits(order.amount, order.currency);
  return {
    providerState: order.state,
    state: PITECH_STATES[order.state],
    // A committed order charged its commit; the ordered amount otherwise.
    amount: order.state === 'SUCCESS' ? (optionalMinorUnits(order.commitAmount, order.currency) ?? ordered) : ordered,
    currency: order.currency,
    failure: code ? { code, reason } : null,
  };
}

/**
 * A REFUND order: PITECH names a partial refund REFUND as well (the document's example refunds 200
 * of 300), so the state follows what remains of the charge. `refunded` is our count, used when the
 * answer carries no refunded sum.
 */
export function refundStatus(order: PitechPayment, charged: number, refunded: number): ProviderStatus {
  const total = optionalMinorUnits(order.refundAmount, order.currency) ?? refunded;
  const remaining = Math.max(charged - total, 0);
  return {
    providerState: order.state,
    state: remaining > 0 ? 'partially_refunded' : 'refunded',
    amount: remaining,
    currency: order.currency,
    failure: null,
  };
}

/** NaN for an amount the currency cannot hold, so it never matches the payment. */
function minorUnits(major: number | string, currency: string): number {
  try {
    return fromMajorUnits(major, currency);
  } catch {
    return Number.NaN;
  }
}

function optionalMinorUnits(major: number | string | undefined, currency: string): number | undefined {
  if (major === undefined) return undefined;
  const minor = minorUnits(major, currency);
  return Number.isSafeInteger(minor) && minor >= 0 ? minor : undefined;
}
