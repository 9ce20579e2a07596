// Card on file: what a hosted-page order sends to have the card kept, and the kept card read back
// from the order's detailed status ("With COF data"). The bank's own stored token (the entry of
// storedTokens without a cofProviderRid) is the storedId a later Set Source Token names; the
// order's srcToken describes the card. Neither number is ever logged or shown to the shopper.
import type { ProviderCard } from '../types.js';
import type { KapitalOrderStatus } from './client.js';

/** "Use all 3 data when saving": the purposes of the collection's card-on-file example. */
export const COF_CAPTURE_PURPOSES = ['UnspecifiedMit', 'Cit', 'Recurring'] as const;

/** A stored token we can name again in Set Source Token (sent as a number, as the collection does). */
export const STORED_ID = /^\d{1,15}$/;

/** A card number as the bank masks it, e.g. 510307******3118; anything else is not kept. */
const MASKED_PAN = /^\d{0,6}[*Xx•]+\d{4}$/;

/** The card the order kept, or null when the bank shows none (or not enough to offer it again). */
export function keptCardOf(order: KapitalOrderStatus): ProviderCard | null {
  const stored = order.storedTokens?.find((token) => token.cofProviderRid === undefined);
  const storedId = stored === undefined ? '' : String(stored.id);
  const maskedPan = order.srcToken?.displayName?.trim() ?? '';
  if (!STORED_ID.test(storedId) || !MASKED_PAN.test(maskedPan)) return null;
  const card = order.srcToken?.card;
  return {
    providerCardId: storedId,
    maskedPan,
    // Lower case like the other providers' brands ("Mastercard" -> "mastercard"); empty when not given.
    brand: card?.brand?.trim().toLowerCase() ?? '',
    // The collection never shows the cardholder's name (srcToken.owner is empty).
    holder: null,
    expiry: expiryOf(card?.expiration),
  };
}

/** The bank prints expiry as MMYY ("1126"); we show MM/YY. */
function expiryOf(value: string | undefined): string | null {
  const match = value === undefined ? null : /^(0[1-9]|1[0-2])(\d{2})$/.exec(value.trim());
  return match ? `${match[1]}/${match[2]}` : null;
}
