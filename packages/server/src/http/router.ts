// The Express router a merchant mounts: element-facing session and payment endpoints, the merchant's
// session creation, the provider return handler and provider callbacks.
import { IDEMPOTENCY_HEADER } from '@pay-checkout/protocol/paths';
import express, { type Request, type Router } from 'express';
import type { ResolvedConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { CheckoutService } from '../payments/service.js';
import { ApiError, errorHandler, notFound } from './errors.js';
import { apiHeaders, corsAllowlist, jsonBody, requireApiKey } from './middleware.js';
import { bearerToken } from './secrets.js';

export function createRouter(config: ResolvedConfig, service: CheckoutService, logger: Logger): Router {
  const router = express.Router();
  const merchantOnly = requireApiKey(config.apiKey);
  const sessionFor = (req: Request) => service.authenticateSession(param(req, 'sessionId'), bearerToken(req.get('authorization')));

  router.use(apiHeaders, corsAllowlist(config.allowedOrigins));

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
    const result = await service.createPayment(session, req.body, req.get(IDEMPOTENCY_HEADER));
    res.status(result.status).json(result.body);
  });

  // Element: the payment's state, re-read from the provider while it is not final.
  router.get('/v1/sessions/:sessionId/payments/:paymentId', async (req, res) => {
    const session = await sessionFor(req);
    res.json(await service.getPaymentView(param(req, 'paymentId'), session.id));
  });

  // Merchant backend: any payment by id.
  router.get('/v1/payments/:paymentId', merchantOnly, async (req, res) => {
    res.json(await service.getPaymentView(param(req, 'paymentId')));
  });

  // The provider sends the shopper here; whatever the query says, the state comes from the provider.
  router.get('/v1/return/:paymentId', async (req, res) => {
    res.redirect(303, await service.handleReturn(param(req, 'paymentId')));
  });

  // Provider notifications.
  router.post('/v1/callbacks/:provider', jsonBody, async (req, res) => {
    await service.handleCallback(param(req, 'provider'), req.body);
    res.json({ received: true });
  });

  router.use(notFound);
  router.use(errorHandler(logger));
  return router;
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) {
    throw new ApiError(404, 'not_found', 'No such resource');
  }
  return value;
}
