import { readFileSync } from 'node:fs';
import { KAPITAL_TEST_CARDS, type KapitalSimulator, type KapitalSimulatorOptions } from '../src/index.js';
import { mountSandbox } from './helpers.js';

// Kapital Bank fixtures: the sandbox on a real Express server on 127.0.0.1, request bodies built
// from the collection's examples, and the calls a merchant and a browser make.

export const USERNAME = 'TerminalSys/test';
export const PASSWORD = 'test-kapital-pass';
export const AUTH = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
/** 2026-11-22 10:00 UTC: the documented test card (11/26) is valid through the end of November 2026. */
export const TODAY = Date.UTC(2026, 10, 22, 10, 0, 0);

// shared/ sits beside the repository: packages/sandbox/test -> ../../../../shared
const EXAMPLES = new URL('../../../../shared/specs/examples/kapitalbank/', import.meta.url);
export function kapitalExample(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES), 'utf8')) as Record<string, any>;
}

export interface KapitalSandbox {
  /** The simulator's public base URL (…/sandbox/kapital). */
  base: string;
  sim: KapitalSimulator;
  close(): Promise<void>;
}

/** Express app with the router mounted at /sandbox; the clock starts at TODAY unless told otherwise. */
export async function startKapitalSandbox(options: Omit<KapitalSimulatorOptions, 'baseUrl' | 'username' | 'password'> = {}): Promise<KapitalSandbox> {
  const started = Date.now();
  const { router, close } = await mountSandbox({
    kapital: { username: USERNAME, password: PASSWORD, now: () => TODAY + (Date.now() - started), ...options },
  });
  return { base: router.kapital.baseUrl, sim: router.kapital, close };
}

export async function call(url: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.auth === null ? {} : { authorization: init.auth ?? AUTH }),
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

/** The Purchase example's order with `overrides` applied; the return URL points at a fake shop. */
export function orderRequest(overrides: Record<string, unknown> = {}): { order: Record<string, unknown> } {
  return { order: { ...kapitalExample('order-purchase.request').order, hppRedirectUrl: 'https://shop.example/kapital/return', ...overrides } };
}

export interface CreatedOrder {
  id: number;
  hppUrl: string;
  password: string;
  status: string;
  cvv2AuthStatus: string;
  secret: string;
}

export async function createOrder(base: string, overrides: Record<string, unknown> = {}): Promise<CreatedOrder> {
  const res = await call(`${base}/api/order/`, { body: orderRequest(overrides) });
  if (res.status !== 200) throw new Error(`order creation failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json!.order as CreatedOrder;
}

export const DETAILED = 'tranDetailLevel=2&tokenDetailLevel=2&orderDetailLevel=2';

export async function orderStatus(base: string, id: number, detailed = false): Promise<Record<string, any>> {
  const res = await call(`${base}/api/order/${id}${detailed ? `?${DETAILED}` : ''}`);
  if (res.status !== 200) throw new Error(`status failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json!.order;
}

export function execTran(base: string, id: number, tran: Record<string, unknown>) {
  return call(`${base}/api/order/${id}/exec-tran`, { body: { tran } });
}

/** Submits the hosted page form as a browser would; redirects are not followed. */
export function submitCard(base: string, order: { id: number; password: string }, fields: Record<string, string>): Promise<Response> {
  const form = new URLSearchParams({
    id: String(order.id), password: order.password, expiry: '12/30', cvc: '123', cardholderName: 'Leyla Mammadova', action: 'pay', ...fields,
  });
  return fetch(`${base}/flex`, { method: 'POST', body: form, redirect: 'manual' });
}

/** An order paid on the hosted page with the Mastercard success card. */
export async function paidOrder(base: string, typeRid: 'Order_SMS' | 'Order_DMS' = 'Order_SMS', amount = '10.00'): Promise<CreatedOrder> {
  const order = await createOrder(base, { typeRid, amount });
  const res = await submitCard(base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number });
  if (res.status !== 303) throw new Error(`payment failed: ${res.status}`);
  return order;
}
