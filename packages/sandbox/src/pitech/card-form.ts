import { luhnValid } from '@pay-checkout/protocol';
import { cardNumberOf, type CardFormValues, expired, expiryOf, networkOf, readCardForm } from '../card-fields.js';
import { findTestCard, UNKNOWN_CARD_MESSAGE, type PitechTestOutcome } from './test-cards.js';

export { readCardForm, type CardFormValues };

export type CardFormErrors = Partial<Record<keyof CardFormValues, string>>;

export interface CheckedCard {
  pan: string;
  owner: string;
  issuer: string;
  outcome: PitechTestOutcome;
  message: string;
}

// One Luhn check for the whole project: the payout schemas' (the simulators take the same numbers).
export { luhnValid };

export const issuerOf = (pan: string): string => networkOf(pan) ?? 'unknown';

/** Field errors (shown on the form, order unchanged) or the card and its sandbox outcome. */
export function checkCard(values: CardFormValues, now: number): { errors: CardFormErrors } | { card: CheckedCard } {
  const errors: CardFormErrors = {};
  const { pan, valid } = cardNumberOf(values.cardNumber);
  if (!valid) errors.cardNumber = 'Enter a valid card number.';
  const expiry = expiryOf(values.expiry);
  if (!expiry) errors.expiry = 'Enter the expiry date as MM/YY.';
  else if (expired(expiry, now)) errors.expiry = 'This card has expired.';

  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'Enter the 3-digit security code.';
  if (!values.cardholderName) errors.cardholderName = 'Enter the name on the card.';
  if (Object.keys(errors).length) return { errors };

  const test = findTestCard(pan);
  return {
    card: {
      pan,
      owner: values.cardholderName.toUpperCase(),
      issuer: test?.issuer ?? issuerOf(pan),
      outcome: test?.outcome ?? 'declined',
      message: test?.message ?? UNKNOWN_CARD_MESSAGE,
    },
  };
}
