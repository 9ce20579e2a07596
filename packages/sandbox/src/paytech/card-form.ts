import { luhnValid } from '../pitech/card-form.js';
import { findPaytechTestCard, type PaytechTestCard } from './test-cards.js';

export interface CardFormValues {
  cardNumber: string;
  expiry: string;
  cvc: string;
  cardholderName: string;
}

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

export function readCardForm(form: URLSearchParams): CardFormValues {
  const get = (k: string) => (form.get(k) ?? '').trim();
  return { cardNumber: get('cardNumber'), expiry: get('expiry'), cvc: get('cvc'), cardholderName: get('cardholderName') };
}

/** Field errors (shown on the form, payment unchanged) or the card. */
export function checkCard(values: CardFormValues, now: number): { errors: CardFormErrors } | { card: CheckedCard } {
  const errors: CardFormErrors = {};
  const pan = values.cardNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan) || !luhnValid(pan)) errors.cardNumber = 'Enter a valid card number.';
  const exp = /^(\d{2})\s*\/?\s*(\d{2}|\d{4})$/.exec(values.expiry);
  const month = Number(exp?.[1]);
  let year = 0;
  if (!exp || month < 1 || month > 12) {
    errors.expiry = 'Enter the expiry date as MM/YY.';
  } else {
    year = exp[2]!.length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
    // Valid through the last day of the month (UTC).
    if (Date.UTC(year, month, 1) <= now) errors.expiry = 'This card has expired.';
  }
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = 'Enter the 3- or 4-digit security code.';
  if (!values.cardholderName) errors.cardholderName = 'Enter the name on the card.';
  if (Object.keys(errors).length) return { errors };
  return {
    card: { pan, holder: values.cardholderName, month: String(month).padStart(2, '0'), year: String(year), test: findPaytechTestCard(pan) },
  };
}

/** The document's card mask in PaymentMethodDetails style: first six, ***, last four. */
export const maskPan = (pan: string) => `${pan.slice(0, 6)}***${pan.slice(-4)}`;

export function brandOf(pan: string): string {
  if (pan.startsWith('4')) return 'VISA';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'MASTERCARD';
  return 'UNKNOWN';
}
