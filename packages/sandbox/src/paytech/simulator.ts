import { errorResponse } from '../http.js';
import { balancesHandler, captureHandler, createHandler, findHandler, listHandler, operationsHandler, voidHandler } from './api.js';
import { createBalances } from './balances.js';
import type { SimContext } from './context.js';
import { showCheckout, showThreeDs, submitCheckout, submitThreeDs } from './hosted-page.js';
import { createPaymentStore } from './payments.js';
import { createRecurringTokens } from './recurring.js';
import { type PatternRoute, patternTable } from './routes.js';
import { createSubscriptionStore, findSubscriptionHandler, patchSubscriptionHandler, type PaytechSubscription } from './subscriptions.js';
import { type PaytechPayment, type PaytechWebhookRecord, WEBHOOK_STATES } from './types.js';
import { paymentView } from './views.js';
import { createWebhookSender } from './webhooks.js';

/** pay.tech's test environment. */
export const PAYTECH_SANDBOX_URL = 'https://engine-sandbox.pay.tech';
/** The shop keys the sandbox accepts unless told otherwise. */
export const PAYTECH_SANDBOX_CREDENTIALS = { apiKey: 'sandbox-api-key', signingKey: 'sandbox-signing-key' } as const;

export interface PaytechSimulatorOptions {
  /** Public URL the simulator is reached at; routes are matched relative to its path. */
  baseUrl: string;
  /** Shop API key expected as the Bearer token. */
  apiKey?: string;
  /** Shop signing key for the webhooks' Signature header. */
  signingKey?: string;
  /** Shown on the checkout page. Default "TEST shop" (the document's example description). */
  merchantName?: string;
  /** A CHECKOUT deposit nobody pays becomes CANCELLED (1.04) after this long. Default 30 minutes. */
  checkoutTtlMs?: number;
  /** A 3-D Secure step nobody answers becomes DECLINED (5.01) after this long. Default 10 minutes. */
  threeDsTtlMs?: number;
  /** Delay before each webhook is POSTed. Default 0. */
  webhookDelayMs?: number;
  /** Used to POST webhooks. Default: globalThis.fetch at call time (so msw can patch it). */
  fetch?: typeof fetch;
  /** Funds available for withdrawal per currency, major units. Default 100000 in each of the region's and the usual settlement currencies. */
  balances?: Record<string, number>;
  /** Clock in epoch milliseconds. Default Date.now. */
  now?: () => number;
}

export interface PaytechSimulator {
  readonly baseUrl: string;
  /** Answers a simulator route, or null when the request is not one. Never throws. */
  handle(request: Request): Promise<Response | null>;
  /** Snapshots of all payments (deposits, refunds, withdrawals), oldest first. */
  payments(): PaytechPayment[];
  getPayment(id: string): PaytechPayment | undefined;
  /** Webhooks sent so far, in order, with the merchant's HTTP status or the error. */
  webhooks(): PaytechWebhookRecord[];
  /** Funds available for withdrawal per currency, major units, as Get withdrawal balances answers them. */
  balances(): Record<string, number>;
  /** Test control: sets what is available for withdrawal in a currency (major units). */
  setBalance(currency: string, amount: number): void;
  /**
   * Test control: a recurringToken for this card, as if an earlier payment had started the chain
   * (a declining test card's chain declines; the page only ever keeps cards that went through).
   */
  keepRecurringCard(card: { number: string; cardholderName?: string; expiry?: string }): string;
  /** Snapshots of the subscriptions started by paid deposits, oldest first (their ids are what a back office shows). */
  subscriptions(): PaytechSubscription[];
  /** Resolves once every scheduled webhook has been delivered or has failed. */
  idle(): Promise<void>;
  /** Forgets all payments, webhooks, recurring tokens and subscriptions, cancels webhooks not yet sent, and puts the balances back to their seed. */
  reset(): void;
}

const ROUTES: Record<string, PatternRoute<SimContext>> = {
  'POST /api/v1/payments': createHandler,
  'GET /api/v1/payments': listHandler,
  'GET /api/v1/payments/:id': findHandler,
  'POST /api/v1/payments/:id/capture': captureHandler,
  'POST /api/v1/payments/:id/void': voidHandler,
  'GET /api/v1/payments/:id/operations': operationsHandler,
  'GET /api/v1/balances': balancesHandler,
  'GET /api/v1/subscriptions/:id': findSubscriptionHandler,
  'PATCH /api/v1/subscriptions/:id': patchSubscriptionHandler,
  'GET /m/payment/:id': showCheckout,
  'POST /m/payment/:id': submitCheckout,
  'GET /m/payment/:id/3ds': showThreeDs,
  'POST /m/payment/:id/3ds': submitThreeDs,
};

export function createPaytechSimulator(options: PaytechSimulatorOptions): PaytechSimulator {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const signingKey = options.signingKey ?? PAYTECH_SANDBOX_CREDENTIALS.signingKey;
  const webhooks = createWebhookSender(() => options.fetch ?? globalThis.fetch, signingKey, options.webhookDelayMs ?? 0);
  const view = { redirectUrl: (p: PaytechPayment) => `${baseUrl}/m/payment/${p.id}` };
  const subscriptions = createSubscriptionStore();
  // Final states (and AUTHORIZED) are announced to the payment's webhookUrl, as they happen.
  const notify = (payment: PaytechPayment) => {
    subscriptions.startFor(payment);
    const url = payment.request.webhookUrl;
    if (url && WEBHOOK_STATES.has(payment.state)) webhooks.send(url, paymentView(structuredClone(payment), view, true));
  };
  const store = createPaymentStore(
    now,
    { checkoutTtlMs: options.checkoutTtlMs ?? 30 * 60_000, threeDsTtlMs: options.threeDsTtlMs ?? 10 * 60_000 },
    notify,
  );
  const ctx: SimContext = {
    baseUrl,
    apiKey: options.apiKey ?? PAYTECH_SANDBOX_CREDENTIALS.apiKey,
    merchantName: options.merchantName ?? 'TEST shop',
    now,
    store,
    balances: createBalances(options.balances),
    recurring: createRecurringTokens(),
    subscriptions,
    view,
  };

  return {
    baseUrl,
    handle: patternTable(baseUrl, ROUTES, ctx, (message, url) => errorResponse(500, message, url.pathname, now())),
    payments: () => store.all().map((p) => structuredClone(p)),
    getPayment: (id) => {
      const payment = store.get(id);
      return payment && structuredClone(payment);
    },
    balances: () => ctx.balances.all(),
    setBalance: (currency, amount) => ctx.balances.set(currency, amount),
    keepRecurringCard: (card) => ctx.recurring.keep(card),
    subscriptions: () => subscriptions.all(),
    webhooks: webhooks.records,
    idle: webhooks.idle,
    reset() {
      store.reset();
      webhooks.reset();
      ctx.balances.reset();
      ctx.recurring.reset();
      subscriptions.reset();
    },
  };
}
