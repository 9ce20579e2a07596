import type { PitechChargeRequest } from './types.js';

// Hand-written checks (no zod at runtime): the sandbox must stay dependency-light.
type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const { protocol } = new URL(v);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Body of cards/charge and cards/auth (spec 3.1: required fields and their types). */
export function validateChargeRequest(body: unknown): Result<PitechChargeRequest> {
  if (!isObject(body)) return { ok: false, message: 'Request body must be a JSON object' };
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const optional = (key: string, ok: (v: unknown) => boolean, message: string) => {
    if (body[key] !== undefined && body[key] !== null) need(ok(body[key]), `${key}: ${message}`);
  };

  const { amount } = body;
  need(typeof amount === 'number' && Number.isFinite(amount) && amount > 0, 'amount: must be a number greater than 0');
  need(typeof body.currency === 'string' && /^[A-Z]{3}$/.test(body.currency), 'currency: must be a 3-letter code such as KZT');
  need(nonEmpty(body.description), 'description: is required');
  need(nonEmpty(body.extOrdersId), 'extOrdersId: is required (string)');
  need(isHttpUrl(body.errorReturnUrl), 'errorReturnUrl: must be an http(s) URL');
  need(isHttpUrl(body.successReturnUrl), 'successReturnUrl: must be an http(s) URL');
  optional('callbackSuccessUrl', isHttpUrl, 'must be an http(s) URL');
  optional('callbackErrorUrl', isHttpUrl, 'must be an http(s) URL');
  optional('payload', isObject, 'must be a JSON object');
  optional('extClientRef', (v) => typeof v === 'string', 'must be a string');
  optional('extOrdersTime', (v) => typeof v === 'string', 'must be a date-time string');
  optional('email', (v) => typeof v === 'string' && /^[^\s@]+@[^\s@]+$/.test(v), 'must be an email address');
  optional('shortenPaymentUrl', (v) => typeof v === 'boolean' || v === 'true' || v === 'false', 'must be true or false');
  optional('cardsId', (v) => typeof v === 'string', 'must be a string');
  optional('template', (v) => typeof v === 'string', 'must be a string');

  if (problems.length) return { ok: false, message: problems.join('; ') };
  // Unknown fields are dropped; null optionals count as absent.
  const value = Object.fromEntries(
    Object.entries(body).filter(([k, v]) => KNOWN_FIELDS.has(k) && v !== null),
  ) as unknown as PitechChargeRequest;
  return { ok: true, value };
}

const KNOWN_FIELDS = new Set([
  'amount', 'currency', 'description', 'extOrdersId', 'errorReturnUrl', 'successReturnUrl',
  'callbackSuccessUrl', 'callbackErrorUrl', 'payload', 'extClientRef', 'extOrdersTime', 'email',
  'shortenPaymentUrl', 'cardsId', 'template',
]);

export interface OrderRef {
  ordersId: string;
  uuid: string;
  orderDate: string;
}

/** The ordersId/uuid/orderDate triple of status, commit, reverse and refund. */
export function readOrderRef(source: Record<string, unknown>): Result<OrderRef> {
  const missing = ['ordersId', 'uuid', 'orderDate'].filter((k) => !nonEmpty(source[k]));
  if (missing.length) return { ok: false, message: `${missing.join(', ')}: required` };
  return {
    ok: true,
    value: { ordersId: String(source.ordersId), uuid: String(source.uuid), orderDate: String(source.orderDate) },
  };
}

/**
 * commitAmount / refundAmount: a number or a numeric string (the spec's refund example
 * sends "200"). Absent means the full amount.
 */
export function readOptionalAmount(value: unknown, field: string): Result<number | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return { ok: false, message: `${field}: must be a number greater than 0` };
  return { ok: true, value: n };
}

export { isObject };
