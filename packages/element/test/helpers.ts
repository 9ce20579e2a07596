// Shared test setup: msw in the browser mocking the companion API, fixtures, and element helpers.
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, delay, type HttpResponseResolver } from 'msw';
import { waitUntil } from '@open-wc/testing';
import type { PaymentView, SessionView } from '@pay-checkout/protocol';
import '../src/index.js';
import type { CheckoutState, PayCheckout } from '../src/index.js';

export { http, HttpResponse, delay };

export const API = '/api/pay';
export const SESSION_ID = 'cs_test_1';
export const SECRET = `${SESSION_ID}_secret_abc123`;
export const HOSTED_PAGE = 'https://pay.pitech.example/checkout/ord_1';

const worker = setupWorker();

/** Every request the mocked API saw, in order. */
export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
}
export const calls: Recorded[] = [];

const mounted: HTMLElement[] = [];

/** Registers the mocha hooks every test file needs. */
export function useMockApi(): void {
  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  });
  beforeEach(() => {
    sessionStorage.clear();
    calls.length = 0;
  });
  afterEach(() => {
    worker.resetHandlers();
    for (const el of mounted.splice(0)) el.remove();
  });
  after(() => worker.stop());
}

export function use(...handlers: Parameters<typeof worker.use>): void {
  worker.use(...handlers);
}

async function record(request: Request): Promise<void> {
  const text = request.method === 'GET' ? '' : await request.clone().text();
  calls.push({
    method: request.method,
    path: new URL(request.url).pathname,
    authorization: request.headers.get('authorization'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: text ? JSON.parse(text) : undefined,
  });
}

export const posts = (): Recorded[] => calls.filter((call) => call.method === 'POST');

const ISO = '2026-11-22T10:00:00.000Z';

export function makeSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: SESSION_ID,
    status: 'open',
    merchantName: 'Alma Coffee',
    orderId: 'order-42',
    description: 'Two flat whites',
    amount: { value: 150000, currency: 'KZT' },
    methods: [{ type: 'card', provider: 'pitech', providerName: 'PITECH' }],
    redirectOrigins: ['https://pay.pitech.example'],
    payment: null,
    returnUrl: 'https://shop.example/return',
    expiresAt: '2026-11-22T11:00:00.000Z',
    ...overrides,
  };
}

export function makePayment(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    id: 'pay_1',
    state: 'requires_action',
    method: 'card',
    provider: 'pitech',
    amount: { value: 150000, currency: 'KZT' },
    nextAction: { type: 'redirect', url: HOSTED_PAGE, provider: 'pitech' },
    failure: null,
    createdAt: ISO,
    updatedAt: ISO,
    ...overrides,
  };
}

/** GET session -> the given session (or resolver). */
export function sessionHandler(session: SessionView | HttpResponseResolver) {
  return http.get(`${API}/v1/sessions/:id`, async (info) => {
    await record(info.request);
    return typeof session === 'function' ? session(info) : HttpResponse.json(session);
  });
}

/** POST payments -> respond(n) for the n-th request (1-based). */
export function createHandler(respond: (n: number) => Response | Promise<Response>) {
  let n = 0;
  return http.post(`${API}/v1/sessions/:id/payments`, async ({ request }) => {
    await record(request);
    return respond(++n);
  });
}

/** GET payment -> respond(n) for the n-th poll (1-based). */
export function paymentHandler(respond: (n: number) => Response | Promise<Response>) {
  let n = 0;
  return http.get(`${API}/v1/sessions/:id/payments/:paymentId`, async ({ request }) => {
    await record(request);
    return respond(++n);
  });
}

export function apiError(status: number, code: string, message = code): Response {
  return HttpResponse.json({ error: { code, message } }, { status });
}

export interface Mounted {
  el: PayCheckout;
  events: CustomEvent[];
  navigations: string[];
}

const EVENTS = [
  'pay-checkout-ready',
  'pay-checkout-method-change',
  'pay-checkout-success',
  'pay-checkout-failure',
  'pay-checkout-error',
] as const;

/** Creates <pay-checkout> with listeners, a navigation spy and fast timings, then attaches it. */
export function mount(options: { secret?: string; lang?: string } = {}): Mounted {
  const el = document.createElement('pay-checkout');
  const events: CustomEvent[] = [];
  const navigations: string[] = [];
  for (const name of EVENTS) el.addEventListener(name, (event) => events.push(event));
  el.navigate = (url) => navigations.push(url);
  el.pollOptions = { initialMs: 20, factor: 1.5, maxMs: 50, timeoutMs: 3000 };
  el.retryDelaysMs = [10, 10];
  el.setAttribute('endpoint', API);
  el.setAttribute('client-secret', options.secret ?? SECRET);
  el.setAttribute('lang', options.lang ?? 'en');
  document.body.append(el);
  mounted.push(el);
  return { el, events, navigations };
}

export function $<T extends Element = HTMLElement>(el: PayCheckout, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in <pay-checkout data-state=${el.state}>`);
  return found;
}

/** Visible text with every kind of space (Intl uses narrow no-break spaces) as a plain space. */
export function text(node: Element): string {
  return (node.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export async function waitForState(el: PayCheckout, state: CheckoutState): Promise<void> {
  await waitUntil(
    () => el.shadowRoot?.querySelector(`[part~="base"][data-state="${state}"]`),
    `expected state ${state}, still ${el.state}`,
    { timeout: 4000 },
  );
  await el.updateComplete;
}

export function eventsNamed(events: CustomEvent[], name: string): CustomEvent[] {
  return events.filter((event) => event.type === name);
}
