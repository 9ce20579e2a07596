import { randomBytes, randomInt } from 'node:crypto';

// Monetix prints dates as 2024-12-07T19:08:45+0000 (UTC, no milliseconds).
export function monetixTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

export function randomOtp(previous?: string): string {
  let code: string;
  // A resent code must differ, so "the old one stops working" is observable.
  do code = String(randomInt(1_000_000)).padStart(6, '0');
  while (code === previous);
  return code;
}

/** Minor units to "1000.00 KZT" (KZT has two minor digits). */
export const formatKzt = (amount: number, currency: string): string => `${(amount / 100).toFixed(2)} ${currency}`;
