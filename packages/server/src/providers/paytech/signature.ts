// pay.tech webhook signature: the `Signature` header is an HMAC-SHA256 of the raw request body
// with the shop's signing key. Its encoding is not documented, so hex and base64 are both taken.
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX = /^[0-9a-fA-F]{64}$/;
// 32 bytes in standard or URL-safe base64, with or without the padding.
const BASE64 = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}=?$/;

/** The signature pay.tech would send for this body (hex, as the sandbox sends it). */
export function signPaytechBody(rawBody: string | Buffer, signingKey: string): string {
  return createHmac('sha256', signingKey).update(rawBody).digest('hex');
}

/** True only for a well-formed signature of exactly these bytes; compared in constant time. */
export function verifyPaytechSignature(rawBody: string | Buffer | undefined, header: string | undefined, signingKey: string): boolean {
  if (!signingKey || typeof header !== 'string' || rawBody === undefined || rawBody.length === 0) return false;
  const value = header.trim();
  let presented: Buffer;
  if (HEX.test(value)) presented = Buffer.from(value, 'hex');
  else if (BASE64.test(value)) presented = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  else return false;
  const expected = createHmac('sha256', signingKey).update(rawBody).digest();
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** A header by name, whatever its case (Node lowercases; other callers may not). */
export function headerValue(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
