import { luhnValid } from '@pay-checkout/protocol';
import { findTestCard, UNKNOWN_CARD_MESSAGE, type PitechTestOutcome } from './test-cards.js';

export interface CardFormValues {
  cardNumber: string;
  expiry: string;
  cvc: string;
  cardholderName: string;
}

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

export function issuerOf(pan: string): string {
  if (pan.startsWith('4')) return 'visa';
  const two = Number(pan.slice(0, 2));
  const four = Number(pan.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return 'unknown';
}

export function readCardForm(form: URLSearchParams): CardFormValues {
  const get = (k: string) => (form.get(k) ?? '').trim();
  return { cardNumber: get('cardNumber'), expiry: get('expiry'), cvc: get('cvc'), cardholderName: get('cardholderName') };
}

/** Field errors (shown on the form, order unchanged) or the card and its sandbox outcome. */
export function checkCard(values: CardFormValues, now: number): { errors: CardFormErrors } | { card: CheckedCard } {
  const errors: CardFormErrors = {};
  const pan = values.cardNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan) || !luhnValid(pan)) errors.cardNumber = 'Enter a valid card number.';

  const exp = /^(\d{2})\s*\/?\s*(\d{2}|\d{4})$/.exec(values.expiry);
  const month = Number(exp?.[1]);
  if (!exp || month < 1 || month > 12) {
    errors.expiry = 'Enter the expiry date as MM/YY.';
  } else {
    const year = exp[2]!.length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
    // Valid through the last day of the month (UTC).
    if (Date.UTC(year, month, 1) <= now) errors.expiry = 'This card has expired.';
  }

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
