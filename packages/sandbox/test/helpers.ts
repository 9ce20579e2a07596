import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandboxRouter, type PitechSimulator, type PitechSimulatorOptions, type SandboxRouter, type SandboxRouterOptions } from '../src/index.js';

// Shared fixtures: a real Express server on 127.0.0.1, a callback receiver, spec examples.

export const APP_ID = 'test-app';
export const SECRET_ID = 'test-secret';
export const AUTH = `Basic ${Buffer.from(`${APP_ID}:${SECRET_ID}`).toString('base64')}`;
export const GOOD_EXPIRY = '12/39';

// shared/ sits beside the repository: packages/sandbox/test -> ../../../../shared
const EXAMPLES = new URL('../../../../shared/specs/examples/pitech', import.meta.url).pathname;
export function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${EXAMPLES}/${name}.json`, 'utf8')) as Record<string, unknown>;
}

/** Key -> JSON type, nested for objects: compares shapes, not values. `payload` is free-form. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as object)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, k === 'payload' ? typeof v : shapeOf(v)]),
    );
  }
  return typeof value;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export interface TestSandbox {
  /** The PITECH simulator's public base URL (…/sandbox/pitech). */
  base: string;
  sim: PitechSimulator;
  close(): Promise<void>;
}

/** Express app with the sandbox router mounted at /sandbox (a sub-path, as in the demo). */
export async function mountSandbox(
  options: Omit<SandboxRouterOptions, 'publicUrl'>,
  opts: { jsonParserFirst?: boolean } = {},
): Promise<{ router: SandboxRouter; close(): Promise<void> }> {
  const app = express();
  const server = createServer(app);
  const origin = await listen(server);
  // Some hosts mount body parsers globally; the bridge must still see the raw body.
  if (opts.jsonParserFirst) app.use(express.json(), express.urlencoded({ extended: false }));
  const router = createSandboxRouter({ publicUrl: `${origin}/sandbox`, ...options });
  app.use('/sandbox', router);
  return { router, close: () => close(server) };
}

export async function startTestSandbox(
  pitech: Omit<PitechSimulatorOptions, 'baseUrl' | 'appId' | 'secretId'> = {},
  opts: { jsonParserFirst?: boolean } = {},
): Promise<TestSandbox> {
  const { router, close } = await mountSandbox({ pitech: { appId: APP_ID, secretId: SECRET_ID, ...pitech } }, opts);
  return { base: router.pitech.baseUrl, sim: router.pitech, close };
}

export interface ReceivedCallback {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

/** A merchant endpoint on 127.0.0.1 that records POSTed callbacks. */
export async function startCallbackReceiver() {
  const received: ReceivedCallback[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(raw) as Record<string, unknown> });
      res.end('OK');
      waiters.splice(0).forEach((w) => w());
    });
  });
  const url = await listen(server);
  return {
    url,
    received,
    /** Waits until `count` callbacks have arrived (fails after 3 s). */
    async waitFor(count: number): Promise<ReceivedCallback[]> {
      const deadline = Date.now() + 3000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => close(server),
  };
}

export function postJson(url: string, body: unknown, auth: string | null = AUTH): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let counter = 0;
/** The spec's 3.1 request with a fresh extOrdersId. */
export function chargeRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...example('cards-charge.request'), extOrdersId: `test-${Date.now()}-${++counter}`, ...overrides };
}

export interface OrderRef {
  ordersId: string;
  uuid: string;
  orderDate: string;
}

/** The 3.1 response, as the tests use it. */
export interface CreatedOrder extends OrderRef {
  state: string;
  paymentUrl: string;
  extOrdersId: string;
  successReturnUrl: string;
  [key: string]: unknown;
}

export async function createOrder(
  base: string,
  overrides: Record<string, unknown> = {},
  kind: 'charge' | 'auth' = 'charge',
): Promise<CreatedOrder> {
  const res = await postJson(`${base}/gw/payments/cards/${kind}`, chargeRequest(overrides));
  if (res.status !== 200) throw new Error(`order creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedOrder;
}

export const refOf = (o: OrderRef): OrderRef => ({ ordersId: o.ordersId, uuid: o.uuid, orderDate: o.orderDate });

export function getStatus(base: string, o: OrderRef, auth: string | null = AUTH) {
  const q = new URLSearchParams({ ordersId: o.ordersId, uuid: o.uuid, orderDate: o.orderDate });
  return fetch(`${base}/gw/payments?${q}`, { headers: auth ? { authorization: auth } : {} });
}

/** Submits the hosted page form as a browser would; redirects are not followed. */
export function submitCard(
  base: string,
  o: OrderRef,
  fields: Record<string, string>,
): Promise<Response> {
  const form = new URLSearchParams({
    ordersId: o.ordersId, orderDate: o.orderDate, uuid: o.uuid,
    expiry: GOOD_EXPIRY, cvc: '123', cardholderName: 'Name Name', action: 'pay', ...fields,
  });
  return fetch(`${base}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
}
