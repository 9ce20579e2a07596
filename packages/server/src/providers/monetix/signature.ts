// The Monetix (ECommPay platform) signature: base64 HMAC-SHA512 over the request's scalars flattened
// to `path:value` items, sorted by path, joined with `;` (../shared/specs/monetix-signature.md).
import { createHmac, timingSafeEqual } from 'node:crypto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The exact string Monetix signs, for tests and diagnosis. */
export function monetixStringToSign(params: Record<string, unknown>): string {
  const items: { path: Buffer; item: string }[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((child, index) => walk(child, path ? `${path}:${index}` : String(index)));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'frame_mode') continue;
        walk(child, path ? `${path}:${key}` : key);
      }
    } else {
      items.push({ path: Buffer.from(path, 'utf8'), item: `${path}:${scalar(value)}` });
    }
  };
  walk(params, '');
  return items
    .sort((a, b) => Buffer.compare(a.path, b.path))
    .map((entry) => entry.item)
    .join(';');
}

function scalar(value: unknown): string {
  if (value === true) return '1';
  if (value === false) return '0';
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return String(value);
  throw new TypeError(`cannot sign a ${typeof value}`);
}

/** Signs request parameters; `signature` itself (top level or general.signature) is left out. */
export function monetixSign(params: Record<string, unknown>, secret: string): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8'))
    .update(monetixStringToSign(withoutSignature(params)), 'utf8')
    .digest('base64');
}

/** Checks a callback's or request's signature in constant time; false on anything missing or malformed. */
export function monetixVerify(body: unknown, secret: string): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !secret) return false;
  const record = body as Record<string, unknown>;
  const general = record.general;
  const presented =
    typeof record.signature === 'string'
      ? record.signature
      : general && typeof general === 'object' && typeof (general as Record<string, unknown>).signature === 'string'
        ? ((general as Record<string, unknown>).signature as string)
        : null;
  if (!presented || !/^[A-Za-z0-9+/]+={0,2}$/.test(presented)) return false;
  let expected: string;
  try {
    expected = monetixSign(record, secret);
  } catch {
    return false;
  }
  const a = Buffer.from(presented, 'base64');
  const b = Buffer.from(expected, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

function withoutSignature(params: Record<string, unknown>): Record<string, Json> {
  const { signature: _top, ...rest } = params;
  const general = rest.general;
  if (general && typeof general === 'object' && !Array.isArray(general)) {
    const { signature: _nested, ...generalRest } = general as Record<string, unknown>;
    rest.general = generalRest;
  }
  return rest as Record<string, Json>;
}
