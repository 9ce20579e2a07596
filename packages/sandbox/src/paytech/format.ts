import { randomBytes } from 'node:crypto';

/** Payment ids: 32 letters and digits, as the document's path pattern /[a-zA-Z0-9]{32}/. */
export const newPaymentId = (): string => randomBytes(16).toString('hex');

/** `created`: ISO 8601 without zone, UTC ("2030-12-25T10:11:12"). */
export function paytechDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Envelope `timestamp`: "2020-10-07T13:36:32.595+00:00". */
export function paytechTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** A query date (YYYY-MM-DDTHH:MM:SS, UTC) as epoch ms, or NaN. */
export function parsePaytechDateTime(value: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value) ? Date.parse(`${value}Z`) : Number.NaN;
}

export function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}
