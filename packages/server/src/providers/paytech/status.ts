// A pay.tech Payment read into a normalized status: state (with "Cancelled by Timeout" as
// expired), the failure from errorCode/errorMessage, and the amount the shopper was asked for.
import { fromMajorUnits } from '@pay-checkout/protocol/money';
import { ProviderError } from '../http.js';
import type { ProviderStatus } from '../types.js';
import type { PaytechPayment } from './client.js';
import { isPaytechState, paytechFailure, paytechPaymentState } from './states.js';

export function statusFromPayment(payment: PaytechPayment): ProviderStatus {
  if (!isPaytechState(payment.state)) throw new ProviderError(`unknown pay.tech state ${payment.state}`, 'unavailable');
  // pay.tech may convert: customerAmount/customerCurrency then hold what the request asked for.
  const major = payment.customerAmount ?? payment.amount;
  const currency = payment.customerCurrency ?? payment.currency ?? '';
  return {
    providerState: payment.state,
    state: paytechPaymentState(payment.state, payment.errorCode),
    amount: minorOrNaN(major, currency),
    currency,
    failure: paytechFailure(payment.state, payment.errorCode, payment.errorMessage),
  };
}

/** NaN never equals the payment's amount, so an unreadable amount can never count as paid. */
function minorOrNaN(major: number | null | undefined, currency: string): number {
  if (typeof major !== 'number') return Number.NaN;
  try {
    return fromMajorUnits(major, currency);
  } catch {
    return Number.NaN;
  }
}
