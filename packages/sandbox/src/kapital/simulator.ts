import { randomInt } from 'node:crypto';
import { brandOf } from './card-form.js';
import { type ApiHandler, createOrderHandler, errorBody, execTranHandler, setDstTokenHandler, setSrcTokenHandler, statusHandler } from './api.js';
import type { SimContext } from './context.js';
import { showPaymentPage, submitPaymentPage } from './hosted-page.js';
import { createOrderStore } from './orders.js';
import { createStoredTokens } from './stored-tokens.js';
import { findTestCard } from './test-cards.js';
import { KAPITAL_STATUSES, type KapitalOrder, type KapitalStatus } from './types.js';

export const KAPITAL_TEST_URL = 'https://txpgtst.kapitalbank.az';
/** The Basic auth pair the sandbox accepts unless told otherwise: the collection's own test pair. */
export const KAPITAL_SANDBOX_CREDENTIALS = { username: 'TerminalSys/kapital', password: 'kapital123' } as const;
export const KAPITAL_DEFAULT_MERCHANT_NAME = 'E1000010';

export interface KapitalSimulatorOptions {
  /** Public URL the simulator is reached at (the bank's host, without /api); routes are matched relative to its path. */
  baseUrl: string;
  username?: string;
  password?: string;
  /** Shown on the hosted page and as the merchant title. */
  merchantName?: string;
  /** Orders still being prepared become Expired after this long. Default 20 minutes. */
  orderTtlMs?: number;
  /** Clock in epoch milliseconds. Default Date.now. */
  now?: () => number;
}

export interface KapitalSimulator {
  readonly baseUrl: string;
  /** Answers a simulator route, or null when the request is not one. Never throws. */
  handle(request: Request): Promise<Response | null>;
  /** Snapshots of all orders, oldest first. */
  orders(): KapitalOrder[];
  getOrder(id: number | string): KapitalOrder | undefined;
  /** Test control: puts an order in any of the thirteen statuses (Funded and Closed have no flow of their own here). */
  setStatus(id: number | string, status: KapitalStatus): void;
  /**
   * Test control: keeps a card on file as the hosted page would, and answers its storedId. For the
   * test cards that could never be saved through a payment (the declining ones). MM/YY expiry.
   */
  storeCard(card: { number: string; expiry?: string; holder?: string }): number;
  /** Forgets all orders and stored cards (ids keep counting). */
  reset(): void;
}

type Route = [method: string, path: RegExp, handler: ApiHandler];

// The bank's paths: the API under /api (the collection's {{baseUrl}}), the hosted page at /flex.
const ROUTES: Route[] = [
  ['POST', /^\/api\/order$/, createOrderHandler],
  ['GET', /^\/api\/order\/(\d+)$/, statusHandler],
  ['POST', /^\/api\/order\/(\d+)\/exec-tran$/, execTranHandler],
  ['POST', /^\/api\/order\/(\d+)\/set-src-token$/, setSrcTokenHandler],
  ['POST', /^\/api\/order\/(\d+)\/set-dst-token$/, setDstTokenHandler],
  ['GET', /^\/flex$/, async (_req, ctx, url) => showPaymentPage(ctx, url)],
  ['POST', /^\/flex$/, (req, ctx) => submitPaymentPage(req, ctx)],
];

export function createKapitalSimulator(options: KapitalSimulatorOptions): KapitalSimulator {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const store = createOrderStore(now, options.orderTtlMs ?? 20 * 60_000);
  let tokenId = randomInt(1000, 9000);
  const nextTokenId = () => tokenId++;
  const storedTokens = createStoredTokens(nextTokenId);
  const ctx: SimContext = {
    baseUrl,
    username: options.username ?? KAPITAL_SANDBOX_CREDENTIALS.username,
    password: options.password ?? KAPITAL_SANDBOX_CREDENTIALS.password,
    merchantName: options.merchantName ?? KAPITAL_DEFAULT_MERCHANT_NAME,
    now,
    store,
    nextTokenId,
    storedTokens,
  };

  async function handle(request: Request): Promise<Response | null> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return null;
    }
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return null;
    const path = url.pathname.slice(basePath.length).replace(/\/+$/, '') || '/';
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    for (const [routeMethod, pattern, handler] of ROUTES) {
      const match = routeMethod === method ? pattern.exec(path) : null;
      if (!match) continue;
      try {
        return await handler(request, ctx, url, match.slice(1));
      } catch (err) {
        return errorBody(500, 'ActionAppException', `Sandbox error: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return null;
  }

  return {
    baseUrl,
    handle,
    orders: () => store.all().map((o) => structuredClone(o)),
    getOrder(id) {
      const order = store.get(id);
      return order && structuredClone(order);
    },
    setStatus(id, status) {
      const order = store.get(id);
      if (!order) throw new Error(`No Kapital Bank order ${id}`);
      if (!KAPITAL_STATUSES.includes(status)) throw new Error(`Not a Kapital Bank status: ${status}`);
      store.setStatus(order, status, 'Sandbox');
    },
    storeCard({ number, expiry, holder = 'CARD HOLDER' }) {
      const pan = number.replace(/[\s-]/g, '');
      const mmyy = (expiry ?? findTestCard(pan)?.expiry ?? '12/30').replace('/', '');
      if (!/^\d{12,19}$/.test(pan) || !/^(0[1-9]|1[0-2])\d{2}$/.test(mmyy)) throw new Error('storeCard needs a card number and an MM/YY expiry');
      const brand = brandOf(pan);
      if (!brand) throw new Error('the terminal keeps Visa and Mastercard cards only');
      return storedTokens.keep({ pan, brand, expiration: mmyy, holder: holder.toUpperCase(), enteredAt: now() });
    },
    reset() {
      store.reset();
      storedTokens.reset();
    },
  };
}
