// The card fields the three hosted pages share: reading the form, the number (Luhn), the expiry
// (MM/YY, valid through the end of that month) and the card network from the number's first digits.
// Each simulator adds its own wording and what its provider does with the card.
import { luhnValid } from '@pay-checkout/protocol';

export interface CardFormValues {
  cardNumber: string;
  expiry: string;
  cvc: string;
  cardholderName: string;
}

export function readCardForm(form: URLSearchParams): CardFormValues {
  const get = (k: string) => (form.get(k) ?? '').trim();
  return { cardNumber: get('cardNumber'), expiry: get('expiry'), cvc: get('cvc'), cardholderName: get('cardholderName') };
}

/** The number without spaces or dashes; null unless it is 12 to 19 digits with a valid Luhn digit. */
export function cardNumberOf(value: string): { pan: string; valid: boolean } {
  const pan = value.replace(/[\s-]/g, '');
  return { pan, valid: /^\d{12,19}$/.test(pan) && luhnValid(pan) };
}

/** MM/YY (or MM/YYYY where allowed); null when it is not a date. */
export function expiryOf(value: string, fourDigitYears = true): { month: number; year: number; mm: string; yy: string } | null {
  const exp = (fourDigitYears ? /^(\d{2})\s*\/?\s*(\d{2}|\d{4})$/ : /^(\d{2})\s*\/?\s*(\d{2})$/).exec(value);
  const month = Number(exp?.[1]);
  if (!exp || month < 1 || month > 12) return null;
  const year = exp[2]!.length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
  return { month, year, mm: exp[1]!, yy: exp[2]! };
}

/** Valid through the last day of the month (UTC). */
export const expired = (expiry: { month: number; year: number }, now: number): boolean => Date.UTC(expiry.year, expiry.month, 1) <= now;

/** The card network by its number's first digits (Visa 4, Mastercard 51-55 and 2221-2720). */
export function networkOf(pan: string): 'visa' | 'mastercard' | null {
  if (pan.startsWith('4')) return 'visa';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  return (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) ? 'mastercard' : null;
}
