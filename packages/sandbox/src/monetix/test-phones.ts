import type { MonetixOperator } from './types.js';

// Outcomes chosen by the customer's phone number (last four digits).
export const MONETIX_TEST_PHONES = {
  /** Any other valid number: success after the correct SMS code. */
  success: '77011234567',
  /** Ends in 0000: the correct code is followed by a decline (20105). */
  insufficientFunds: '77011230000',
  /** Ends in 1111: declined right after the sale (20000), no SMS code. */
  declinedAtOnce: '77011231111',
  /** Ends in 2222: the sale succeeds, every refund of it is declined (20000, Figure 14). */
  refundDeclined: '77011232222',
} as const;

export interface MonetixDecline {
  code: string;
  message: string;
}

export const GENERAL_DECLINE: MonetixDecline = { code: '20000', message: 'General decline' };
export const INSUFFICIENT_FUNDS: MonetixDecline = { code: '20105', message: 'Insufficient funds on the mobile balance' };

/** Decline given right after the sale request (no OTP), if any. */
export const declineAtSale = (number: string): MonetixDecline | undefined =>
  number.endsWith('1111') ? GENERAL_DECLINE : undefined;

/** Decline given after the correct code, if any. */
export const declineAfterCode = (number: string): MonetixDecline | undefined =>
  number.endsWith('0000') ? INSUFFICIENT_FUNDS : undefined;

export const declineRefund = (number: string): MonetixDecline | undefined =>
  number.endsWith('2222') ? GENERAL_DECLINE : undefined;

/** Table 1 of the document. */
export const MONETIX_DEFAULT_OPERATORS: readonly MonetixOperator[] = [
  { id: 'ACTIV', name: 'Activ' },
  { id: 'ALTEL', name: 'Altel' },
  { id: 'BEELINE', name: 'Beeline' },
  { id: 'KCELL', name: 'Kcell' },
  { id: 'TELE2', name: 'Tele2' },
];

const PREFIXES: Record<string, string> = {
  '700': 'ALTEL', '708': 'ALTEL',
  '701': 'KCELL', '702': 'KCELL', '775': 'KCELL', '778': 'KCELL',
  '705': 'BEELINE', '771': 'BEELINE', '776': 'BEELINE', '777': 'BEELINE',
  '707': 'TELE2', '747': 'TELE2',
};

/** account.type: the operator owning the code after the country code 7 (77011234567 -> 701 -> KCELL). */
export function operatorForNumber(number: string): string {
  return PREFIXES[number.slice(1, 4)] ?? 'KCELL';
}

/** account.number as the simulator accepts it: 11 digits, Kazakh mobile (77...). */
export const isKzMobile = (number: string): boolean => /^77\d{9}$/.test(number);
