import { type Route as RouteOf, routeTable } from '../route-table.js';
import { errorResponse } from '../http.js';
import { authHandler, chargeHandler, commitHandler, refundHandler, reverseHandler, statusHandler } from './api.js';
import { createCallbackSender } from './callbacks.js';
import { deleteCardHandler, listCardsHandler, saveCardHandler } from './cards-api.js';
import type { SimContext } from './context.js';
import { showPaymentPage, submitPaymentPage } from './hosted-page.js';
import { createOrderStore } from './orders.js';
import { createSaveCardOrderStore } from './save-card-orders.js';
import { createCardStore } from './saved-cards.js';
import { createSubscriptionStore, type PitechSubscription } from './subscriptions.js';
import {
  createSubscriptionHandler,
  listSubscriptionsHandler,
  subscriptionByIdHandler,
  updateSubscriptionHandler,
} from './subscriptions-api.js';
import { tokenAuthHandler, tokenChargeHandler } from './tokens-api.js';
import type { PitechCallbackRecord, PitechOrder, PitechSavedCard, PitechSavedCardSeed } from './types.js';

export const PITECH_DEFAULT_MERCHANT_NAME = 'TOO "PAYMENT INDUSTRY TECHNOLOGIES"';
export const PITECH_STAGE_URL = 'https://cards-stage.pitech.kz';
/** The Basic auth pair the sandbox accepts unless told otherwise. */
export const PITECH_SANDBOX_CREDENTIALS = { appId: 'sandbox-app-id', secretId: 'sandbox-secret-id' } as const;

export interface PitechSimulatorOptions {
  /** Public URL the simulator is reached at; routes are matched relative to its path. */
  baseUrl: string;
  appId?: string;
  secretId?: string;
  merchantName?: string;
  /** Unpaid NEW orders become EXPIRED after this long. Default 20 minutes. */
  orderTtlMs?: number;
  /** Delay before a callback is POSTed. Default 0. */
  callbackDelayMs?: number;
  /** Used to POST callbacks. Default: globalThis.fetch at call time (so msw can patch it). */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds. Default Date.now. */
  now?: () => number;
  /**
   * Saved cards to start with, as if each customer had saved them on the cards/save page, e.g.
   * `[{ extClientRef: 'cust-7', number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' }]`.
   * Each gets a cardsId of its own (see savedCards()); charging it by token does what its test
   * card does on the page: visaSuccess pays, declined declines. reset() brings them back.
   * A number that is not a valid card number throws here.
   */
  savedCards?: PitechSavedCardSeed[];
}

export interface PitechSimulator {
  readonly baseUrl: string;
  /** Answers a simulator route, or null when the request is not one. Never throws. */
  handle(request: Request): Promise<Response | null>;
  /** Snapshots of all orders, oldest first. */
  orders(): PitechOrder[];
  getOrder(ordersId: string): PitechOrder | undefined;
  /** Snapshots of the saved cards in every state (DELETED included), oldest first; one customer's with extClientRef. */
  savedCards(extClientRef?: string): PitechSavedCard[];
  /** Snapshots of the subscriptions in every state, oldest first; one customer's with extClientRef. */
  subscriptions(extClientRef?: string): PitechSubscription[];
  /**
   * Does what PITECH does on its own clock: charges every ACTIVE subscription due at `now` (each
   * period that has come, its saved card's test outcome deciding success), moves nextTransactionTime
   * on, and ends the subscription after maxPeriods charges. Answers the number of charges made.
   */
  runSubscriptions(now: Date): number;
  /** Callbacks sent so far, with the merchant's HTTP status or the error. */
  callbacks(): PitechCallbackRecord[];
  /** Resolves once every scheduled callback has been delivered or has failed. */
  idle(): Promise<void>;
  /** Forgets all orders, callbacks and saved cards but the seeded ones; cancels callbacks not yet sent. */
  reset(): void;
}

type Route = RouteOf<SimContext>;

const ROUTES: Record<string, Route> = {
  'GET /': (_req, ctx, url) => showPaymentPage(ctx, url),
  'POST /pay': (req, ctx) => submitPaymentPage(req, ctx),
  'POST /gw/payments/cards/charge': chargeHandler,
  'POST /gw/payments/cards/auth': authHandler,
  'GET /gw/payments': statusHandler,
  'POST /gw/payments/commit': commitHandler,
  'POST /gw/payments/reverse': reverseHandler,
  'POST /gw/payments/refund': refundHandler,
  'POST /gw/payments/tokens/charge': tokenChargeHandler,
  'POST /gw/payments/tokens/auth': tokenAuthHandler,
  'POST /gw/cards/save': saveCardHandler,
  'GET /gw/cards': listCardsHandler,
  'DELETE /gw/cards': deleteCardHandler,
  'POST /gw/subscriptions': createSubscriptionHandler,
  'PUT /gw/subscriptions': updateSubscriptionHandler,
  'GET /gw/subscriptions': listSubscriptionsHandler,
};

/** The table above, plus GET and DELETE /gw/subscriptions/{id}: the only routes with an id in the path. */
const WITH_IDS = new Proxy(ROUTES, {
  get(table, key) {
    if (typeof key !== 'string') return undefined;
    if (Object.hasOwn(table, key)) return table[key];
    const match = /^(GET|DELETE) \/gw\/subscriptions\/([^/]+)$/.exec(key);
    return match ? subscriptionByIdHandler(decodeURIComponent(match[2]!)) : undefined;
  },
});

export function createPitechSimulator(options: PitechSimulatorOptions): PitechSimulator {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const ttlMs = options.orderTtlMs ?? 20 * 60_000;
  const store = createOrderStore(now, ttlMs);
  const cards = createCardStore(now, store.clientsIdFor, options.savedCards);
  const saveCardOrders = createSaveCardOrderStore(now, ttlMs, store.clientsIdFor);
  const subscriptions = createSubscriptionStore(now, cards, store.clientsIdFor);
  const callbacks = createCallbackSender(() => options.fetch ?? globalThis.fetch, options.callbackDelayMs ?? 0);
  const ctx: SimContext = {
    baseUrl,
    appId: options.appId ?? PITECH_SANDBOX_CREDENTIALS.appId,
    secretId: options.secretId ?? PITECH_SANDBOX_CREDENTIALS.secretId,
    now,
    store,
    cards,
    saveCardOrders,
    subscriptions,
    callbacks,
    view: {
      merchantName: options.merchantName ?? PITECH_DEFAULT_MERCHANT_NAME,
      merchantsId: 1002,
      paymentUrl: (o) => `${baseUrl}?ordersId=${o.ordersId}&orderDate=${o.orderDate}&uuid=${o.uuid}`,
      saveCardUrl: (o) => `${baseUrl}?orderId=${o.orderId}&orderDate=${o.orderDate}&uuid=${o.uuid}`,
    },
  };

  return {
    baseUrl,
    handle: routeTable(baseUrl, WITH_IDS, ctx, (message, _path, url) => errorResponse(500, message, url.pathname, now())),
    orders: () => store.all().map((o) => structuredClone(o)),
    getOrder: (id) => {
      const order = store.get(id);
      return order && structuredClone(order);
    },
    savedCards: (extClientRef) =>
      cards.all().filter((c) => extClientRef === undefined || c.extClientRef === extClientRef).map((c) => structuredClone(c)),
    subscriptions: (extClientRef) =>
      subscriptions.all().filter((s) => extClientRef === undefined || s.extClientRef === extClientRef).map((s) => structuredClone(s)),
    runSubscriptions: (at) => subscriptions.run(at.getTime()),
    callbacks: callbacks.records,
    idle: callbacks.idle,
    reset() {
      store.reset();
      saveCardOrders.reset();
      subscriptions.reset();
      // After the orders, which give customers their clientsId again.
      cards.reset();
      callbacks.reset();
    },
  };
}
