// The Express router a merchant mounts: element-facing session and payment endpoints, the merchant's
// session creation, the provider return handler and provider callbacks.
import { OperationKind, OperationRequest, PaymentListQuery } from '@pay-checkout/protocol';
import { IDEMPOTENCY_HEADER } from '@pay-checkout/protocol/paths';
import express, { type Request, type Router } from 'express';
import type { ResolvedConfig } from '../config.js';
import { type Logger, recordSecretsForLogScan } from '../log.js';
import { handleCallback } from '../payments/callbacks.js';
import { cancelWaitingPayment, resendOtp, submitOtp } from '../payments/otp-relay.js';
import { listMerchantPayments, merchantPayment } from '../payments/merchant-payments.js';
import { runOperation } from '../payments/operations.js';
import { removeSavedCard } from '../payments/saved-cards.js';
import type { CheckoutService } from '../payments/service.js';
import type { PayoutContext } from '../payouts/service.js';
import type { SubscriptionContext } from '../subscriptions/context.js';
import { actorOf } from './actor.js';
import { streamPaymentEvents } from './live-updates.js';
import { ApiError, errorHandler, notFound } from './errors.js';
import { apiHeaders, corsAllowlist, jsonBody, rawBodyOf, requireApiKey, sameOriginWrites } from './middleware.js';
import { openApiDocument } from './openapi.js';
import { mountPayoutRoutes } from './payout-routes.js';
import { mountSubscriptionRoutes } from './subscription-routes.js';
import { bearerToken } from './secrets.js';

export function createRouter(config: ResolvedConfig, service: CheckoutService, logger: Logger, payouts: PayoutContext, subscriptions: SubscriptionContext): Router {
  const router = express.Router();
  const merchantOnly = requireApiKey(config.apiKey);
  const sessionFor = (req: Request) => service.authenticateSession(param(req, 'sessionId'), bearerToken(req.get('authorization')));

  router.use(apiHeaders, corsAllowlist(config.allowedOrigins));
  recordSecretsForLogScan(config);

  // Provider notifications, all four providers' in JSON (the raw bytes kept for signatures). Ahead of
  // the Origin check: providers post from their servers, and a callback is believed only through its
  // signature or a read of the provider.
  router.post('/v1/callbacks/:provider', jsonBody, async (req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    await handleCallback(service, param(req, 'provider'), req.body, { rawBody: rawBodyOf(req), headers });
    res.json({ received: true });
  });

  // Every other state change: refused from pages of origins the merchant did not allow.
  router.use(sameOriginWrites(config.allowedOrigins, config.publicUrl));

  // Merchant backend: create a session (amount, currency, order and return URL are fixed here).
  router.post('/v1/sessions', merchantOnly, jsonBody, async (req, res) => {
    res.status(201).json(await service.createSession(req.body));
  });

  // Element: read the session (and the verified state of its latest payment).
  router.get('/v1/sessions/:sessionId', async (req, res) => {
    res.json(await service.sessionView(await sessionFor(req)));
  });

  // Element: start a payment attempt, once per Idempotency-Key.
  router.post('/v1/sessions/:sessionId/payments', jsonBody, async (req, res) => {
    const session = await sessionFor(req);
    const result = await service.createPayment(session, req.body, req.get(IDEMPOTENCY_HEADER), { clientIp: clientIp(req) });
    const retryAfter = (result.body as { error?: { details?: { retryAfterSeconds?: number } } }).error?.details?.retryAfterSeconds;
    if (result.status === 429 && retryAfter) res.set('retry-after', String(retryAfter));
    res.status(result.status).json(result.body);
  });

  // Element: the payment's state, re-read from the provider while it is not final.
  router.get('/v1/sessions/:sessionId/payments/:paymentId', async (req, res) => {
    const session = await sessionFor(req);
    res.json(await service.getPaymentView(param(req, 'paymentId'), session.id));
  });

  // Element: the SMS code of a mobile payment, relayed to the provider.
  router.post('/v1/sessions/:sessionId/payments/:paymentId/otp', jsonBody, async (req, res) => {
    res.json(await submitOtp(service, await sessionFor(req), param(req, 'paymentId'), req.body));
  });

  // Element: ask for a new SMS code.
  router.post('/v1/sessions/:sessionId/payments/:paymentId/otp/resend', jsonBody, async (req, res) => {
    if (req.body && typeof req.body === 'object' && Object.keys(req.body).length > 0) {
      throw new ApiError(400, 'invalid_request', 'This request takes an empty JSON object');
    }
    res.json(await resendOtp(service, await sessionFor(req), param(req, 'paymentId'), clientIp(req)));
  });

  // Element: the shopper changes the number; the attempt waiting for its code is dropped.
  router.post('/v1/sessions/:sessionId/payments/:paymentId/cancel', jsonBody, async (req, res) => {
    res.json(await cancelWaitingPayment(service, await sessionFor(req), param(req, 'paymentId')));
  });

  // Element: the shopper forgets one of their saved cards.
  router.delete('/v1/sessions/:sessionId/saved-cards/:cardId', async (req, res) => {
    await removeSavedCard(service, await sessionFor(req), param(req, 'cardId'));
    res.status(204).end();
  });

  // Element: live updates of the session's payment (Server-Sent Events).
  router.get('/v1/sessions/:sessionId/events', async (req, res) => {
    await streamPaymentEvents(service, await sessionFor(req), req, res);
  });

  // Merchant backend: payments, newest first.
  router.get('/v1/payments', merchantOnly, async (req, res) => {
    const query = PaymentListQuery.safeParse(req.query);
    if (!query.success) throw ApiError.invalid(query.error, 'query');
    res.json(await listMerchantPayments(service, query.data));
  });

  // Merchant backend: a payment with its operations and the provider's own record.
  router.get('/v1/payments/:paymentId', merchantOnly, async (req, res) => {
    res.json(await merchantPayment(service, await service.getPaymentRecord(param(req, 'paymentId'))));
  });

  // Merchant backend: capture, cancel, reverse, refund; once per Idempotency-Key.
  for (const kind of OperationKind.options) {
    router.post(`/v1/payments/:paymentId/${kind}`, merchantOnly, jsonBody, async (req, res) => {
      const key = req.get(IDEMPOTENCY_HEADER);
      if (!key) throw new ApiError(400, 'idempotency_key_required', 'The Idempotency-Key header is required');
      const body = OperationRequest.safeParse(req.body);
      if (!body.success) throw ApiError.invalid(body.error);
      const { payment } = await runOperation(service, { kind, paymentId: param(req, 'paymentId'), idempotencyKey: key, actor: actorOf(req), ...body.data });
      res.json(await merchantPayment(service, payment));
    });
  }

  // Merchant backend: payouts to cards, and the balance available for them.
  mountPayoutRoutes(router, merchantOnly, payouts);

  // Merchant backend: PITECH subscriptions on saved cards.
  mountSubscriptionRoutes(router, merchantOnly, subscriptions);

  // The provider sends the shopper here; whatever the query says, the state comes from the provider.
  router.get('/v1/return/:paymentId', async (req, res) => {
    res.redirect(303, await service.handleReturn(param(req, 'paymentId')));
  });

  // The OpenAPI 3.1 description of this API; public, like any API reference.
  router.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument({ serverUrl: config.publicUrl }));
  });

  router.use(notFound);
  router.use(errorHandler(logger));
  return router;
}

/** The shopper's address as Express sees it; behind a proxy, set the app's 'trust proxy'. */
function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '0.0.0.0';
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
    throw new ApiError(404, 'not_found', 'No such resource');
  }
  return value;
}
