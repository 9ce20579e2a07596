// Shared test setup: msw in the browser mocking the companion API, fixtures, and element helpers.
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, delay, type HttpResponseResolver } from 'msw';
import { waitUntil } from '@open-wc/testing';
import type { MobileOperator, OtpAction, PaymentView, SessionView } from '@pay-checkout/protocol';
import '../src/index.js';
import type { CheckoutState, Clock, PayCheckout } from '../src/index.js';

export { http, HttpResponse, delay };

export const API = '/api/pay';
export const SESSION_ID = 'cs_test_1';
export const SECRET = `${SESSION_ID}_secret_abc123`;
export const HOSTED_PAGE = 'https://pay.pitech.example/checkout/ord_1';

// No event stream unless a test provides one: the element falls back to polling, as with an old server.
const worker = setupWorker(http.get(`/api/pay/v1/sessions/:id/events`, () => new HttpResponse(null, { status: 404 })));

/** Every request the mocked API saw, in order. */
export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  accept: string | null;
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
    accept: request.headers.get('accept'),
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
    prefill: {},
    savedCards: [],
    canSaveCard: false,
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

// ---- Kazakh mobile commerce ------------------------------------------------------------------

export const OPERATORS: MobileOperator[] = [
  { id: 'ACTIV', name: 'Activ' },
  { id: 'ALTEL', name: 'Altel' },
  { id: 'BEELINE', name: 'Beeline' },
  { id: 'KCELL', name: 'Kcell' },
  { id: 'TELE2', name: 'Tele2' },
];

/** A session offering only kz_mobile through Monetix. */
export function kzSession(overrides: Partial<SessionView> = {}): SessionView {
  return makeSession({
    methods: [{ type: 'kz_mobile', provider: 'monetix', providerName: 'Monetix', operators: OPERATORS }],
    redirectOrigins: [],
    ...overrides,
  });
}

/** The fake clock's start; otp times are relative to it. */
export const T0 = Date.parse('2026-11-22T10:00:00.000Z');
export const at = (ms: number) => new Date(T0 + ms).toISOString();

export function makeOtp(overrides: Partial<OtpAction> = {}): OtpAction {
  return {
    type: 'otp',
    phone: '+7 701 ***-**-78',
    resendAvailableAt: at(42_000),
    resendsLeft: 3,
    attemptsLeft: 3,
    lastCode: 'none',
    codeExpiresAt: at(90_000),
    ...overrides,
  };
}

let updatedAt = 0;
/** A kz_mobile payment; each call is a little newer than the last, as the server's would be. */
export function kzPayment(overrides: Partial<PaymentView> = {}): PaymentView {
  return makePayment({
    method: 'kz_mobile',
    provider: 'monetix',
    nextAction: makeOtp(),
    updatedAt: new Date(Date.parse(ISO) + ++updatedAt * 1000).toISOString(),
    ...overrides,
  });
}

export const checking = (): Partial<PaymentView> => ({ state: 'processing', nextAction: { type: 'await', pollAfterMs: 20 } });

/** POST otp -> respond(n) for the n-th code. */
export function otpHandler(respond: (n: number) => Response | Promise<Response>) {
  let n = 0;
  return http.post(`${API}/v1/sessions/:id/payments/:paymentId/otp`, async ({ request }) => {
    await record(request);
    return respond(++n);
  });
}

/** POST otp/resend -> respond(n). */
export function resendHandler(respond: (n: number) => Response | Promise<Response>) {
  let n = 0;
  return http.post(`${API}/v1/sessions/:id/payments/:paymentId/otp/resend`, async ({ request }) => {
    await record(request);
    return respond(++n);
  });
}

/** POST cancel -> the canceled payment. */
export function cancelHandler(respond: () => Response | Promise<Response>) {
  return http.post(`${API}/v1/sessions/:id/payments/:paymentId/cancel`, async ({ request }) => {
    await record(request);
    return respond();
  });
}

/** An event stream the test writes into, as the server's GET /events would. */
export function eventStream() {
  const encoder = new TextEncoder();
  const open: ReadableStreamDefaultController<Uint8Array>[] = [];
  const write = (text: string) => open.at(-1)?.enqueue(encoder.encode(text));
  const stream = {
    connections: 0,
    handler: http.get(`${API}/v1/sessions/:id/events`, async ({ request }) => {
      await record(request);
      stream.connections++;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => void open.push(controller),
      });
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
    }),
    write,
    send: (payment: PaymentView) => write(`event: payment\ndata: ${JSON.stringify(payment)}\n\n`),
    close: () => open.at(-1)?.close(),
  };
  return stream;
}

/** A Clock for the element whose time moves only when the test says so. */
export class FakeClock implements Clock {
  time = T0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): number => {
    this.timers.set(this.nextId, { at: this.time + ms, callback });
    return this.nextId++;
  };
  clearTimeout = (id: number): void => void this.timers.delete(id);

  /** Moves time on, firing due timers in order. */
  tick(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** The element inside the shadow root that has focus. */
export const shadowActive = (el: PayCheckout) => el.shadowRoot!.activeElement as HTMLElement | null;
