// createCheckout(config): the Express router to mount plus the typed Node API over the same service.
import {
  type CreateSessionRequest,
  type CreateSessionResponse,
  type MerchantPayment,
  type OperationKind,
  type Balances,
  type PaymentList,
  PaymentListQuery,
  type PaytechSubscription,
  type Payout,
  type PayoutList,
  PayoutListQuery,
  type PayoutProvider,
  type ProviderId,
  type SessionView,
  type Subscription,
  type SubscriptionList,
  SubscriptionListQuery,
  type SubscriptionSyncResult,
} from '@pay-checkout/protocol';
import type { Router } from 'express';
import { type CheckoutConfigInput, parseConfig } from './config.js';
import { ApiError } from './http/errors.js';
import { createRouter } from './http/router.js';
import { jsonLogger, withLogDir } from './log.js';
import { followOtherInstances, PaymentEvents } from './payments/events.js';
import { NotificationDelivery } from './notifications/delivery.js';
import { listMerchantPayments, merchantPayment } from './payments/merchant-payments.js';
import { runOperation } from './payments/operations.js';
import { type ReconcileOptions, type ReconcileResult, type Reconciler, reconcilePayments, scheduleReconcile } from './payments/reconciler.js';
import { CheckoutService } from './payments/service.js';
import { createPayout, getPayout, listPayouts, type PayoutContext, payoutBalances } from './payouts/service.js';
import type { PayoutAdapter } from './payouts/types.js';
import { createKapitalAdapter } from './providers/kapital/adapter.js';
import { createKapitalPayouts } from './providers/kapital/payout.js';
import { createMonetixAdapter } from './providers/monetix/adapter.js';
import { createPaytechAdapter } from './providers/paytech/adapter.js';
import { createPaytechPayouts } from './providers/paytech/payout.js';
import { createPaytechSubscriptions } from './providers/paytech/subscriptions.js';
import { createPitechAdapter } from './providers/pitech/adapter.js';
import { PitechClient } from './providers/pitech/client.js';
import { pitechSubscriptions } from './providers/pitech/subscriptions.js';
import type { SubscriptionContext } from './subscriptions/context.js';
import { createSubscription } from './subscriptions/create.js';
import { cancelPaytechSubscription, getPaytechSubscription } from './subscriptions/paytech.js';
import {
  cancelSubscription,
  getSubscription,
  listSubscriptions,
  scheduleSync,
  syncSubscriptions,
  updateSubscription,
} from './subscriptions/service.js';
import type { ProviderAdapter } from './providers/types.js';
import type { OutboxDelivery } from './store/types.js';
import { openStore } from './store/open.js';

export interface Checkout {
  /** Mount it where `publicUrl` points, e.g. app.use('/api/pay', checkout.router). */
  router: Router;
  /** Creates a checkout session; hand `clientSecret` to the page that renders <pay-checkout>. */
  createSession(input: CreateSessionRequest): Promise<CreateSessionResponse>;
  /** The session as the element sees it, with its latest payment re-read from the provider. */
  getSession(sessionId: string): Promise<SessionView>;
  /** A payment as the merchant sees it: verified state (re-read while not final), operations, what each can still take. */
  getPayment(paymentId: string): Promise<MerchantPayment>;
  /** Payments, newest first; pass `nextCursor` as `after` for the next page. */
  listPayments(query?: Partial<PaymentListQuery>): Promise<PaymentList>;
  /** Takes all (no amount) or part of an authorized payment. */
  capture(paymentId: string, options?: OperationOptions): Promise<MerchantPayment>;
  /** Releases a whole authorization. */
  cancel(paymentId: string, options?: OperationOptions): Promise<MerchantPayment>;
  /** Returns a charge before settlement (all, or part where the provider allows). */
  reverse(paymentId: string, options?: OperationOptions): Promise<MerchantPayment>;
  /** Refunds all (no amount) or part of what remains; repeated partial refunds up to the charge. */
  refund(paymentId: string, options?: OperationOptions): Promise<MerchantPayment>;
  /** The provider's own record of what it did with the payment (pay.tech operations). */
  providerOperations(paymentId: string): Promise<object[]>;
  /** Merchant notifications of a payment (or all), with their delivery state. */
  notifications(paymentId?: string): Promise<OutboxDelivery[]>;
  /** Sends the notifications that are due now (they are also sent in the background). */
  deliverNotifications(): Promise<number>;
  /**
   * Pays out to a card (CreatePayoutRequest). Repeating it with the same idempotencyKey answers with
   * the same payout, and settles one whose outcome was left unknown without paying twice.
   */
  createPayout(request: unknown, options?: PayoutOptions): Promise<Payout>;
  /** A payout, re-read from the provider while it is not final. */
  getPayout(payoutId: string): Promise<Payout>;
  /** Payouts, newest first; pass `nextCursor` as `after` for the next page. */
  listPayouts(query?: Partial<PayoutListQuery>): Promise<PayoutList>;
  /** What the provider can pay out now, per currency, minor units (pay.tech). */
  balances(provider: PayoutProvider): Promise<Balances>;
  /**
   * Subscribes a customer's saved PITECH card (CreateSubscriptionRequest); PITECH charges it on its
   * schedule. The same idempotencyKey answers with the same subscription.
   */
  createSubscription(request: unknown, options: { idempotencyKey: string }): Promise<Subscription>;
  /** A subscription as PITECH has it now (its new charges recorded as payments first). */
  getSubscription(subscriptionId: string): Promise<Subscription>;
  /** One page of PITECH's list, sorted by creation. */
  listSubscriptions(query?: Partial<SubscriptionListQuery>): Promise<SubscriptionList>;
  /** Changes amount, schedule, start or description (UpdateSubscriptionRequest) of an active subscription. */
  updateSubscription(subscriptionId: string, change: unknown): Promise<Subscription>;
  /** Cancels at PITECH; charges made before stay recorded. */
  cancelSubscription(subscriptionId: string): Promise<Subscription>;
  /**
   * Reads every active subscription at PITECH and records each charge it made since the last read
   * as a payment (with its merchant notification). Also runs every `subscriptionSyncMs`.
   */
  syncSubscriptions(): Promise<SubscriptionSyncResult>;
  /** A pay.tech subscription by pay.tech's id (from its back office), as pay.tech has it now. */
  getPaytechSubscription(subscriptionId: string): Promise<PaytechSubscription>;
  /** Cancels it at pay.tech (Patch subscription); a cancelled one answers as it is. */
  cancelPaytechSubscription(subscriptionId: string): Promise<PaytechSubscription>;
  /**
   * Re-reads payments still in flight from their providers now (it also runs every `reconcile.everyMs`);
   * options override the configured age, lease and batch for this run.
   */
  reconcile(options?: Partial<ReconcileOptions>): Promise<ReconcileResult>;
  close(): Promise<void>;
}

export interface OperationOptions {
  /** Minor units; absent: all the operation can take. */
  amount?: number;
  /** Repeating an operation with the same key answers with its first outcome. */
  idempotencyKey?: string;
  /** Who asked (kept with the operation); "node" by default. */
  actor?: string;
  reason?: string;
}

export interface PayoutOptions {
  /** Without one, each call is a new payout. */
  idempotencyKey?: string;
  /** Who asked (kept with the payout); "node" by default. */
  actor?: string;
}

export function createCheckout(input: CheckoutConfigInput): Checkout {
  const config = parseConfig(input);
  // A logger passed in also writes to the log folder when one is set (the log scan reads it).
  const logger = config.logger ? withLogDir(config.logger) : jsonLogger();
  const store = openStore(config.database);
  const providers = new Map<ProviderId, ProviderAdapter>();
  if (config.providers.pitech) providers.set('pitech', createPitechAdapter(config.providers.pitech, config.providerTimeoutMs));
  if (config.providers.kapital) providers.set('kapital', createKapitalAdapter(config.providers.kapital, config.providerTimeoutMs));
  if (config.providers.paytech) providers.set('paytech', createPaytechAdapter(config.providers.paytech, config.providerTimeoutMs));
  if (config.providers.monetix) {
    providers.set('monetix', createMonetixAdapter(config.providers.monetix, config.providerTimeoutMs, (event, fields) => logger.warn(event, fields)));
  }

  const payoutAdapters = new Map<PayoutProvider, PayoutAdapter>();
  if (config.providers.kapital) payoutAdapters.set('kapital', createKapitalPayouts(config.providers.kapital, config.providerTimeoutMs));
  if (config.providers.paytech) payoutAdapters.set('paytech', createPaytechPayouts(config.providers.paytech, config.providerTimeoutMs));
  const payouts: PayoutContext = { store, logger, adapters: payoutAdapters, now: () => new Date() };

  const notifications = new NotificationDelivery(store, { webhook: config.notifications, hook: config.onPaymentEvent }, logger);
  const service = new CheckoutService(config, store, providers, logger, new PaymentEvents(), notifications);
  notifications.start();
  const pitechSettings = config.providers.pitech;
  const subscriptions: SubscriptionContext = {
    service,
    pitech: pitechSettings ? pitechSubscriptions(new PitechClient({ ...pitechSettings, timeoutMs: config.providerTimeoutMs })) : null,
    paytech: config.providers.paytech ? createPaytechSubscriptions(config.providers.paytech, config.providerTimeoutMs) : null,
    locks: new Map(),
  };
  const stopSync = subscriptions.pitech ? scheduleSync(subscriptions, config.subscriptionSyncMs) : async () => undefined;
  const unfollow = followOtherInstances(service.events, store, logger);
  const reconciler: Reconciler = { store, logger, now: () => new Date(), sync: (payment) => service.syncPayment(payment, true) };
  const stopReconcile = scheduleReconcile(reconciler, config.reconcile, config.reconcile.everyMs);
  const operate = (kind: OperationKind) => async (paymentId: string, options: OperationOptions = {}) => {
    const { payment } = await runOperation(service, { kind, paymentId, actor: options.actor ?? 'node', ...options });
    return merchantPayment(service, payment);
  };
  return {
    router: createRouter(config, service, logger, payouts, subscriptions),
    createSession: (request) => service.createSession(request),
    getSession: async (sessionId) => service.sessionView(await service.getSession(sessionId)),
    getPayment: async (paymentId) => merchantPayment(service, await service.getPaymentRecord(paymentId)),
    listPayments: (query = {}) => listMerchantPayments(service, PaymentListQuery.parse(query)),
    capture: operate('capture'),
    cancel: operate('cancel'),
    reverse: operate('reverse'),
    refund: operate('refund'),
    providerOperations: async (paymentId) => {
      const payment = await service.getPaymentRecord(paymentId);
      const adapter = service.adapter(payment.provider);
      if (!adapter?.listOperations) throw new ApiError(400, 'operation_not_supported', `${payment.provider} does not list operations`);
      return adapter.listOperations(payment);
    },
    notifications: (paymentId) => store.listEvents(paymentId),
    deliverNotifications: () => notifications.sendDue(),
    createPayout: (request, options = {}) => createPayout(payouts, request, { idempotencyKey: options.idempotencyKey, actor: options.actor ?? 'node' }),
    getPayout: (payoutId) => getPayout(payouts, payoutId),
    listPayouts: (query = {}) => listPayouts(payouts, PayoutListQuery.parse(query)),
    balances: (provider) => payoutBalances(payouts, provider),
    createSubscription: (request, options) => createSubscription(subscriptions, request, options.idempotencyKey),
    getSubscription: (subscriptionId) => getSubscription(subscriptions, subscriptionId),
    listSubscriptions: (query = {}) => listSubscriptions(subscriptions, SubscriptionListQuery.parse(query)),
    updateSubscription: (subscriptionId, change) => updateSubscription(subscriptions, subscriptionId, change),
    cancelSubscription: (subscriptionId) => cancelSubscription(subscriptions, subscriptionId),
    syncSubscriptions: () => syncSubscriptions(subscriptions),
    getPaytechSubscription: (subscriptionId) => getPaytechSubscription(subscriptions, subscriptionId),
    cancelPaytechSubscription: (subscriptionId) => cancelPaytechSubscription(subscriptions, subscriptionId),
    reconcile: (options = {}) => reconcilePayments(reconciler, { ...config.reconcile, ...options }),
    close: async () => {
      await stopReconcile();
      await unfollow();
      await stopSync();
      await notifications.stop();
      await store.close();
    },
  };
}
