import { cardNumberOf, type CardFormValues, expired, expiryOf, networkOf, readCardForm } from '../card-fields.js';
import { findTestCard, PMO } from './test-cards.js';
import type { KapitalCard } from './types.js';

// The hosted page's card fields: checks that re-show the form, then what the bank does with the card.

export { readCardForm, type CardFormValues };

export type CardFormErrors = Partial<Record<keyof CardFormValues, string>>;

export interface EnteredCard {
  pan: string;
  /** null: a brand the terminal does not take (it takes Visa and Mastercard). */
  brand: 'Visa' | 'Mastercard' | null;
  /** MM/YY as entered, normalized. */
  expiry: string;
  cvc: string;
  holder: string;
}

export type CardOutcome = { kind: 'approve' } | { kind: 'decline'; pmoResultCode: string } | { kind: 'reject' };

const BRANDS = { visa: 'Visa', mastercard: 'Mastercard' } as const;
export const brandOf = (pan: string): EnteredCard['brand'] => {
  const network = networkOf(pan);
  return network ? BRANDS[network] : null;
};

/** Field errors (the form is shown again) or the card. MM/YY is valid through the end of that month. */
export function checkCard(values: CardFormValues, now: number): { errors: CardFormErrors } | { card: EnteredCard } {
  const errors: CardFormErrors = {};
  const { pan, valid } = cardNumberOf(values.cardNumber);
  if (!valid) errors.cardNumber = 'Enter a valid card number.';
  const expiry = expiryOf(values.expiry, false);
  if (!expiry) {
    errors.expiry = 'Enter the expiry date as MM/YY.';
  } else if (expired(expiry, now) && findTestCard(pan)?.expiry !== `${expiry.mm}/${expiry.yy}`) {
    // The bank's documented test card keeps its printed expiry (11/26) valid after that date passes.
    errors.expiry = 'This card has expired.';
  }
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'Enter the 3-digit CVC.';
  if (!values.cardholderName) errors.cardholderName = 'Enter the name on the card.';
  if (Object.keys(errors).length) return { errors };
  return { card: { pan, brand: brandOf(pan), expiry: `${expiry!.mm}/${expiry!.yy}`, cvc: values.cvc, holder: values.cardholderName.toUpperCase() } };
}

/** Test cards decide; a card with fixed data must match it; any other card is unknown to the processing. */
export function outcomeOf(card: EnteredCard): CardOutcome {
  if (!card.brand) return { kind: 'reject' };
  const test = findTestCard(card.pan);
  if (!test) return { kind: 'decline', pmoResultCode: PMO.invalidCard };
  if ('expiry' in test && test.expiry !== card.expiry) return { kind: 'decline', pmoResultCode: PMO.invalidCard };
  if ('cvc' in test && test.cvc !== card.cvc) return { kind: 'decline', pmoResultCode: PMO.badCvv2 };
  return test.outcome === 'success' ? { kind: 'approve' } : { kind: 'decline', pmoResultCode: test.pmoResultCode };
}

/**
 * A charge of a stored card: the test cards decide as on the page, without CVV2 or 3-D Secure
 * ("no cvv2 and no 3d checks"); a card with a fixed expiry must still have been kept with it.
 */
export function storedCardOutcome(card: KapitalCard): Exclude<CardOutcome, { kind: 'reject' }> {
  const test = findTestCard(card.pan);
  if (!test) return { kind: 'decline', pmoResultCode: PMO.invalidCard };
  if (test.expiry !== undefined && test.expiry.replace('/', '') !== card.expiration) return { kind: 'decline', pmoResultCode: PMO.invalidCard };
  return test.outcome === 'success' ? { kind: 'approve' } : { kind: 'decline', pmoResultCode: test.pmoResultCode };
}
