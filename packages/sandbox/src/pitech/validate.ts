import type { SaveCardRef } from './save-card-orders.js';
import type { PitechChargeRequest, PitechSaveCardRequest } from './types.js';

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

/** tokens/charge and tokens/auth (3.3, 3.4.2): the body of 3.1, with the saved card and its customer required. */
export type PitechTokenRequest = PitechChargeRequest & { cardsId: string; extClientRef: string };

export function validateTokenRequest(body: unknown): Result<PitechTokenRequest> {
  const checked = validateChargeRequest(body);
  if (!checked.ok) return checked;
  const problems = problemsOf([
    [nonEmpty(checked.value.cardsId), 'cardsId: is required (string)'],
    [nonEmpty(checked.value.extClientRef), 'extClientRef: is required (string)'],
  ]);
  if (problems) return { ok: false, message: problems };
  return { ok: true, value: checked.value as PitechTokenRequest };
}

/** Body of cards/save (4.1): amount defaults to 20 and currency to KZT, as its field table says. */
export function validateSaveCardRequest(body: unknown): Result<PitechSaveCardRequest> {
  if (!isObject(body)) return { ok: false, message: 'Request body must be a JSON object' };
  const { extClientRef, amount = 20, currency = 'KZT', successReturnUrl, errorReturnUrl } = body;
  const problems = problemsOf([
    [nonEmpty(extClientRef), 'extClientRef: is required (string)'],
    [typeof amount === 'number' && Number.isFinite(amount) && amount > 0, 'amount: must be a number greater than 0'],
    [typeof currency === 'string' && /^[A-Z]{3}$/.test(currency), 'currency: must be a 3-letter code such as KZT'],
    [isHttpUrl(successReturnUrl), 'successReturnUrl: must be an http(s) URL'],
    [isHttpUrl(errorReturnUrl), 'errorReturnUrl: must be an http(s) URL'],
  ]);
  if (problems) return { ok: false, message: problems };
  // Checked above; unknown fields are dropped.
  return { ok: true, value: { extClientRef, amount, currency, successReturnUrl, errorReturnUrl } as PitechSaveCardRequest };
}

/** The messages of the failed checks, joined; empty when all passed. */
const problemsOf = (checks: Array<[boolean, string]>): string =>
  checks.filter(([ok]) => !ok).map(([, message]) => message).join('; ');

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

/** The orderId/uuid/orderDate triple of a SAVE_CARD page (4.1 names the id orderId). */
export function readSaveCardRef(source: Record<string, unknown>): Result<SaveCardRef> {
  const missing = ['orderId', 'uuid', 'orderDate'].filter((k) => !nonEmpty(source[k]));
  if (missing.length) return { ok: false, message: `${missing.join(', ')}: required` };
  return {
    ok: true,
    value: { orderId: String(source.orderId), uuid: String(source.uuid), orderDate: String(source.orderDate) },
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
