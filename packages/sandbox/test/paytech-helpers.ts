import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { PaytechSimulator, PaytechSimulatorOptions } from '../src/index.js';
import { close, listen, mountSandbox } from './helpers.js';

// pay.tech fixtures: the sandbox on a real Express server, a merchant webhook receiver that keeps
// the raw bytes (the signature is over them), the document's examples, API and page helpers.

export const API_KEY = 'pt-test-api-key';
export const SIGNING_KEY = 'pt-test-signing-key';
export const BEARER = `Bearer ${API_KEY}`;

// shared/ sits beside the repository: packages/sandbox/test -> ../../../../shared
const SPECS = new URL('../../../../shared/specs/', import.meta.url);
export function paytechExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`examples/paytech/${name}.json`, SPECS), 'utf8')) as Record<string, unknown>;
}
export const paytechDocument = () => readFileSync(new URL('paytech-gateway-api.txt', SPECS), 'utf8');

/** Field names of the document's Payment schema (the webhook's field list), in its order. */
export const PAYMENT_FIELDS = [
  'id', 'referenceId', 'created', 'paymentType', 'state', 'description', 'parentPaymentId', 'paymentMethod',
  'paymentMethodDetails', 'amount', 'currency', 'customerAmount', 'customerCurrency', 'redirectUrl', 'errorCode',
  'errorMessage', 'externalResultCode', 'customer', 'billingAddress', 'startRecurring', 'preAuth', 'recurringToken',
  'terminalName', 'externalFeeAmount', 'externalFeeCurrency',
];

/** True when `keys` appear in the same relative order as in `order`. */
export function inDocumentOrder(keys: string[], order: string[] = PAYMENT_FIELDS): boolean {
  const positions = keys.map((k) => order.indexOf(k));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!));
}

export interface PaytechSandbox {
  /** The pay.tech simulator's public base URL (…/sandbox/paytech). */
  base: string;
  sim: PaytechSimulator;
  close(): Promise<void>;
}

export async function startPaytechSandbox(
  options: Omit<PaytechSimulatorOptions, 'baseUrl' | 'apiKey' | 'signingKey'> = {},
  opts: { jsonParserFirst?: boolean } = {},
): Promise<PaytechSandbox> {
  const { router, close } = await mountSandbox({ paytech: { apiKey: API_KEY, signingKey: SIGNING_KEY, ...options } }, opts);
  return { base: router.paytech.baseUrl, sim: router.paytech, close };
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

/** A merchant endpoint on 127.0.0.1 that records POSTed webhooks with their exact bytes. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown> });
      res.end('OK');
    });
  });
  const url = await listen(server);
  return { url, received, close: () => close(server) };
}

/** What a merchant checks: hex HMAC-SHA256 of the raw body with the signing key. */
export const expectedSignature = (raw: string, key = SIGNING_KEY) => createHmac('sha256', key).update(raw, 'utf8').digest('hex');

export function call(url: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const { body, auth = BEARER } = init;
  return fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(auth ? { authorization: auth } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

export async function callJson(url: string, init: Parameters<typeof call>[1] = {}): Promise<{ status: number; body: any }> {
  const res = await call(url, init);
  return { status: res.status, body: await res.json() };
}

let counter = 0;
/** The document's Create payment example plus what a card deposit needs. */
export function depositRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...paytechExample('create-payment.request'),
    referenceId: `order-${Date.now()}-${++counter}`,
    amount: 11.12,
    description: 'Deposit via TEST shop',
    returnUrl: 'https://shop.example/return',
    ...overrides,
  };
}

export async function createDeposit(base: string, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await callJson(`${base}/api/v1/payments`, { body: depositRequest(overrides) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.result;
}

/** Submits the checkout form as a browser would; redirects are not followed. */
export function submitCard(redirectUrl: string, fields: Record<string, string>): Promise<Response> {
  const form = new URLSearchParams({ expiry: '12/39', cvc: '123', cardholderName: 'Name Name', action: 'pay', ...fields });
  return fetch(redirectUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
}

/** Answers the 3-D Secure page with Confirm or Fail. */
export function answerThreeDs(threeDsUrl: string, action: 'confirm' | 'fail'): Promise<Response> {
  return fetch(threeDsUrl, { method: 'POST', body: new URLSearchParams({ action }), redirect: 'manual' });
}

/** Pays a deposit on the page (3-D Secure confirmed when asked); returns the final redirect. */
export async function payDeposit(redirectUrl: string, cardNumber: string): Promise<Response> {
  const res = await submitCard(redirectUrl, { cardNumber });
  const location = res.headers.get('location') ?? '';
  return location.endsWith('/3ds') ? answerThreeDs(location, 'confirm') : res;
}

/** Key -> JSON type, nested for objects: compares shapes, not values. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}
