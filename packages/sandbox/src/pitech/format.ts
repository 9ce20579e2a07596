import { randomBytes, randomInt } from 'node:crypto';

// PITECH prints Java-style timestamps: 2021-07-27T12:54:50.190+0000 (UTC here).
export function pitechTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Section 4.2 prints card times without a zone: 2021-07-23T19:31:58.003 (UTC here). */
export function pitechLocalTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

/** orderDate: YYYY-MM-DD (UTC). */
export function pitechDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** 32 url-safe characters, as in "Event_HlGy9PYT2FkTswbIMKeR0ey-EaLIRc_d". */
export function randomToken(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url');
}

/** The spec masks every PAN as first6-#####-last4. */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}-#####-${pan.slice(-4)}`;
}

export function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}
