// createCheckout(config): the Express router to mount plus the typed Node API over the same service.
import type { CreateSessionRequest, CreateSessionResponse, PaymentView, ProviderId, SessionView } from '@pay-checkout/protocol';
import type { Router } from 'express';
import { type CheckoutConfigInput, parseConfig } from './config.js';
import { ApiError } from './http/errors.js';
import { createRouter } from './http/router.js';
import { jsonLogger } from './log.js';
import { PaymentEvents } from './payments/events.js';
import { runOperation } from './payments/operations.js';
import { CheckoutService } from './payments/service.js';
import { createKapitalAdapter } from './providers/kapital/adapter.js';
import { createMonetixAdapter } from './providers/monetix/adapter.js';
import { createPaytechAdapter } from './providers/paytech/adapter.js';
import { createPitechAdapter } from './providers/pitech/adapter.js';
import type { ProviderAdapter } from './providers/types.js';
import { openSqliteStore } from './store/sqlite.js';

export interface Checkout {
  /** Mount it where `publicUrl` points, e.g. app.use('/api/pay', checkout.router). */
  router: Router;
  /** Creates a checkout session; hand `clientSecret` to the page that renders <pay-checkout>. */
  createSession(input: CreateSessionRequest): Promise<CreateSessionResponse>;
  /** The session as the element sees it, with its latest payment re-read from the provider. */
  getSession(sessionId: string): Promise<SessionView>;
  /** A payment's verified state, re-read from the provider while it is not final. */
  getPayment(paymentId: string): Promise<PaymentView>;
  /** Takes all (no amount) or part of an authorized payment. */
  capture(paymentId: string, options?: { amount?: number }): Promise<PaymentView>;
  /** Releases an authorization, or reverses a charge where the provider allows it. */
  cancel(paymentId: string, options?: { amount?: number }): Promise<PaymentView>;
  /** Refunds all (no amount) or part of a payment; the state follows the provider's confirmation. */
  refund(paymentId: string, options?: { amount?: number }): Promise<PaymentView>;
  /** The provider's own record of what it did with the payment (pay.tech operations). */
  providerOperations(paymentId: string): Promise<object[]>;
  close(): Promise<void>;
}

export function createCheckout(input: CheckoutConfigInput): Checkout {
  const config = parseConfig(input);
  const logger = config.logger ?? jsonLogger();
  const store = openSqliteStore(config.database.path);
  const providers = new Map<ProviderId, ProviderAdapter>();
  if (config.providers.pitech) providers.set('pitech', createPitechAdapter(config.providers.pitech, config.providerTimeoutMs));
  if (config.providers.kapital) providers.set('kapital', createKapitalAdapter(config.providers.kapital, config.providerTimeoutMs));
  if (config.providers.paytech) providers.set('paytech', createPaytechAdapter(config.providers.paytech, config.providerTimeoutMs));
  if (config.providers.monetix) {
    providers.set('monetix', createMonetixAdapter(config.providers.monetix, config.providerTimeoutMs, (event, fields) => logger.warn(event, fields)));
  }

  const service = new CheckoutService(config, store, providers, logger, new PaymentEvents());
  return {
    router: createRouter(config, service, logger),
    createSession: (request) => service.createSession(request),
    getSession: async (sessionId) => service.sessionView(await service.getSession(sessionId)),
    getPayment: (paymentId) => service.getPaymentView(paymentId),
    capture: async (paymentId, options) => service.view(await runOperation(service, 'capture', paymentId, options?.amount)),
    cancel: async (paymentId, options) => service.view(await runOperation(service, 'cancel', paymentId, options?.amount)),
    refund: async (paymentId, options) => service.view(await runOperation(service, 'refund', paymentId, options?.amount)),
    providerOperations: async (paymentId) => {
      const payment = await service.getPaymentRecord(paymentId);
      const adapter = service.adapter(payment.provider);
      if (!adapter?.listOperations) throw new ApiError(400, 'invalid_request', `${payment.provider} does not list operations`);
      return adapter.listOperations(payment);
    },
    close: () => store.close(),
  };
}
