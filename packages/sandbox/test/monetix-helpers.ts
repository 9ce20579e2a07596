import { readFileSync } from 'node:fs';
import { monetixSign } from '@pay-checkout/server/monetix-signature';
import type { MonetixSimulator, MonetixSimulatorOptions } from '../src/index.js';
import { mountSandbox, startCallbackReceiver } from './helpers.js';

// Monetix fixtures: the sandbox on a real Express server, a merchant callback receiver,
// request bodies built from the document's examples and signed with the test secret.

export const PROJECT_ID = 1234; // the examples' project_id
export const SECRET = 'test-monetix-secret';

// shared/ sits beside the repository: packages/sandbox/test -> ../../../../shared
const EXAMPLES = new URL('../../../../shared/specs/examples/monetix/', import.meta.url);
export function monetixExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES), 'utf8')) as Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge; `undefined` in the patch deletes the key. */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  }
  return out;
}

/** The example with `patch` applied, the document's sample signature replaced by a real one. */
export function signedExample(name: string, patch: Json = {}, secret = SECRET): Json {
  const body = merge(monetixExample(name), patch);
  const general = { ...(body.general as Json) };
  delete general.signature;
  const unsigned = { ...body, general };
  return { ...unsigned, general: { ...general, signature: monetixSign(unsigned, secret) } };
}

let counter = 0;
export const newPaymentId = () => `payment_${Date.now()}_${++counter}`;

export const saleBody = (paymentId: string, number: string, patch: Json = {}) =>
  signedExample('mobile-sale.request', merge({ general: { payment_id: paymentId }, account: { number } }, patch));
export const clarificationBody = (paymentId: string, code: string) =>
  signedExample('payment-clarification.request', { general: { payment_id: paymentId }, additional_data: { additional_data: { approval_code: code } } });
export const resendBody = (paymentId: string) => signedExample('customer-action-resend.request', { general: { payment_id: paymentId } });
// POST /v2/payment/status takes general only: Figure 1's body plus payment_id.
export const statusBody = (paymentId: string) =>
  signedExample('mobile-operators-list.request', { general: { payment_id: paymentId } });
export const refundBody = (paymentId: string, payment?: Json) =>
  signedExample('mobile-refund.request', { general: { payment_id: paymentId }, payment });

export async function gatePost(url: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Key -> JSON type, nested: compares shapes, not values. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shapeOf(value[k])]));
  return typeof value;
}

/** Undoes escapeHtml (&#NN;) for values read back from the pages. */
export const unescapeHtml = (s: string) => s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));

export type Receiver = Awaited<ReturnType<typeof startCallbackReceiver>>;

export interface MonetixTestSandbox {
  /** The simulator's public base URL (…/sandbox/monetix). */
  base: string;
  sim: MonetixSimulator;
  merchant: Receiver;
  /** POSTs to `${base}${path}`. */
  post(path: string, body: unknown): Promise<{ status: number; body: Json }>;
  /** Waits for the simulator's callbacks, then clears everything. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** Express app with the router mounted at /sandbox; callbacks go to a local receiver. */
export async function startMonetixSandbox(
  options: Omit<MonetixSimulatorOptions, 'baseUrl'> = {},
): Promise<MonetixTestSandbox> {
  const merchant = await startCallbackReceiver();
  const mounted = await mountSandbox({
    monetix: { projectId: PROJECT_ID, secretKey: SECRET, callbackUrl: `${merchant.url}/monetix/callback`, ...options },
  });
  const sim = mounted.router.monetix;
  return {
    base: sim.baseUrl,
    sim,
    merchant,
    post: (path, body) => gatePost(`${sim.baseUrl}${path}`, body),
    async clear() {
      await sim.idle();
      sim.reset();
      merchant.received.length = 0;
    },
    async close() {
      sim.reset();
      await mounted.close();
      await merchant.close();
    },
  };
}
