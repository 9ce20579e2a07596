// Saved cards are pay.tech recurring chains. A deposit sent with startRecurring and paid on the
// checkout page answers a recurringToken: that token is the card we keep. A later deposit naming
// the token charges the card at once, without the page. The token is never logged, shown, or put
// in an error message; our own card id stands for it everywhere else.
import type { PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { CreatedPayment, ProviderCard, ProviderStatus } from '../types.js';
import type { PaytechClient, PaytechPayment, PaytechPaymentRequest } from './client.js';
import { statusFromPayment } from './status.js';

/** What the shopper and merchant are told when pay.tech no longer knows the card. */
const CARD_GONE = 'The saved card is no longer available';
/** "1.06 Recurring Token not Found". */
const TOKEN_NOT_FOUND = '1.06';

/** A card number as pay.tech masks it in paymentMethodDetails (first six, ***, last four). */
const MASKED_PAN = /^\d{0,6}[*Xx•]+\d{4}$/;

/**
 * The card a paid deposit started a chain with, or null. The document collapses
 * PaymentMethodDetails and prints none of its fields: these names (customerAccountNumber,
 * cardholderName, cardExpiryMonth, cardExpiryYear, cardBrand) are the sandbox simulator's.
 */
export function keptCardOf(found: PaytechPayment, status: ProviderStatus): ProviderCard | null {
  if (status.state !== 'succeeded' && status.state !== 'authorized') return null;
  const token = found.recurringToken?.trim() ?? '';
  const details = found.paymentMethodDetails ?? {};
  const maskedPan = text(details.customerAccountNumber);
  // Without the masked number the shopper could not tell the card apart: not offered.
  if (!token || !MASKED_PAN.test(maskedPan)) return null;
  return {
    providerCardId: token,
    maskedPan,
    // Lower case like the other providers' brands ("VISA" -> "visa"); empty when not given.
    brand: text(details.cardBrand).toLowerCase(),
    holder: text(details.cardholderName) || null,
    expiry: expiryOf(text(details.cardExpiryMonth), text(details.cardExpiryYear)),
  };
}

/**
 * Charges the saved card: the checkout deposit with the token. pay.tech answers with the payment;
 * a decline is the payment's answer (failed, with pay.tech's reason), an unknown token is a
 * refusal, and no answer leaves the outcome to the next status read (the service keeps it processing).
 */
export async function payWithSavedCard(client: PaytechClient, deposit: PaytechPaymentRequest, card: ProviderCard, payment: PaymentRecord): Promise<CreatedPayment> {
  let created: PaytechPayment;
  try {
    created = await client.create({ ...deposit, recurringToken: card.providerCardId });
  } catch (error) {
    // pay.tech's words may echo the token; the reason we keep does not.
    if (error instanceof ProviderError && error.kind === 'rejected') {
      throw new ProviderError(`pay.tech refused the saved-card payment (${error.status ?? 'no status'})`, 'rejected', error.status, null);
    }
    throw error;
  }
  if (created.errorCode === TOKEN_NOT_FOUND) {
    throw new ProviderError('pay.tech does not know the saved card (1.06 Recurring Token not Found)', 'rejected', 200, CARD_GONE);
  }
  const status = statusFromPayment(created);
  const base = { providerOrderId: created.id, providerRef: { id: created.id }, providerState: status.providerState };
  if (status.state === 'failed') {
    return { ...base, state: 'failed', redirectUrl: null, failure: status.failure ?? { code: 'card_declined', reason: created.errorMessage ?? null } };
  }
  // The document does not say a chain can ask for the shopper again; if pay.tech sends a page, the shopper goes there.
  if (status.state === 'requires_action' && created.redirectUrl) return { ...base, state: 'requires_action', redirectUrl: created.redirectUrl };
  // Another amount than ours is never recorded here: the next status read checks it against the payment.
  const paid = status.state === 'succeeded' || status.state === 'authorized';
  const matches = status.amount === payment.amount && status.currency === payment.currency;
  const state = status.state === 'requires_action' || (paid && !matches) ? 'processing' : status.state;
  return { ...base, state, redirectUrl: null, failure: status.failure };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** MM/YY from pay.tech's month ("12") and year ("2039" or "39"); null when either is unreadable. */
function expiryOf(month: string, year: string): string | null {
  if (!/^(0?[1-9]|1[0-2])$/.test(month) || !/^(\d{2}|\d{4})$/.test(year)) return null;
  return `${month.padStart(2, '0')}/${year.slice(-2)}`;
}
