import { cardNumberOf, type CardFormValues, expired, expiryOf, networkOf, readCardForm } from '../card-fields.js';
import { findPaytechTestCard, type PaytechTestCard } from './test-cards.js';

export { readCardForm, type CardFormValues };

/** Field errors; `amount` only for a deposit created without one. */
export type CardFormErrors = Partial<Record<keyof CardFormValues | 'amount', string>>;

export interface CheckedCard {
  pan: string;
  holder: string;
  month: string;
  year: string;
  /** Undefined for a valid number that is not a test card (declined, 3.07). */
  test: PaytechTestCard | undefined;
}

/** Field errors (shown on the form, payment unchanged) or the card. */
export function checkCard(values: CardFormValues, now: number): { errors: CardFormErrors } | { card: CheckedCard } {
  const errors: CardFormErrors = {};
  const { pan, valid } = cardNumberOf(values.cardNumber);
  if (!valid) errors.cardNumber = 'Enter a valid card number.';
  const expiry = expiryOf(values.expiry);
  const month = expiry?.month ?? 0;
  const year = expiry?.year ?? 0;
  if (!expiry) errors.expiry = 'Enter the expiry date as MM/YY.';
  else if (expired(expiry, now)) errors.expiry = 'This card has expired.';
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'Enter the 3- or 4-digit security code.';
  if (!values.cardholderName) errors.cardholderName = 'Enter the name on the card.';
  if (Object.keys(errors).length) return { errors };
  return {
    card: { pan, holder: values.cardholderName, month: String(month).padStart(2, '0'), year: String(year), test: findPaytechTestCard(pan) },
  };
}

/** The document's card mask in PaymentMethodDetails style: first six, ***, last four. */
export const maskPan = (pan: string) => `${pan.slice(0, 6)}***${pan.slice(-4)}`;

export const brandOf = (pan: string): string => (networkOf(pan) ?? 'unknown').toUpperCase();
