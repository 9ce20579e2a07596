// Signatures of merchant notifications: HMAC-SHA256 over "<unix seconds>.<body>", sent as
// `Pay-Checkout-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a captured
// notification cannot be replayed later than the tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Pay-Checkout-Signature';
export const EVENT_ID_HEADER = 'Pay-Checkout-Event-Id';

const hmac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

export function signMerchantWebhook(body: string, secret: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyOptions {
  /** How old (or how far ahead) the signature's timestamp may be; 300 s by default. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * True when `header` signs exactly these bytes with `secret`, within the tolerance. Pass the raw
 * request body, before any JSON parsing: a re-serialized body does not verify.
 */
export function verifyMerchantWebhook(rawBody: string | Buffer, header: string | null | undefined, secret: string, options: VerifyOptions = {}): boolean {
  if (!header || !secret) return false;
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key && value) fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  const timestamp = Number(fields.get('t')?.[0]);
  if (!Number.isSafeInteger(timestamp)) return false;
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), 'hex');
  // Several v1 values may be present while a secret is being rotated.
  return (fields.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
