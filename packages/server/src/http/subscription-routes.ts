// Merchant routes for PITECH subscriptions (API key): create one, read one, list them, change one,
// cancel one. Reads pass PITECH's counters through, recording its new charges as payments. And for
// pay.tech subscriptions, by pay.tech's id: read one, cancel one.
import { SubscriptionListQuery } from '@pay-checkout/protocol';
import { IDEMPOTENCY_HEADER } from '@pay-checkout/protocol/paths';
import type { Request, RequestHandler, Router } from 'express';
import type { SubscriptionContext } from '../subscriptions/context.js';
import { createSubscription } from '../subscriptions/create.js';
import { cancelPaytechSubscription, getPaytechSubscription } from '../subscriptions/paytech.js';
import { cancelSubscription, getSubscription, listSubscriptions, updateSubscription } from '../subscriptions/service.js';
import { ApiError } from './errors.js';
import { jsonBody } from './middleware.js';

export function mountSubscriptionRoutes(router: Router, merchantOnly: RequestHandler, subscriptions: SubscriptionContext): void {
  // Once per Idempotency-Key: a repeat answers with the same subscription.
  router.post('/v1/subscriptions', merchantOnly, jsonBody, async (req, res) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (!key) throw new ApiError(400, 'idempotency_key_required', 'The Idempotency-Key header is required');
    res.status(201).json(await createSubscription(subscriptions, req.body, key));
  });

  // PITECH's pages, sorted by creation.
  router.get('/v1/subscriptions', merchantOnly, async (req, res) => {
    const query = SubscriptionListQuery.safeParse(req.query);
    if (!query.success) throw ApiError.invalid(query.error, 'query');
    res.json(await listSubscriptions(subscriptions, query.data));
  });

  router.get('/v1/subscriptions/:subscriptionId', merchantOnly, async (req, res) => {
    res.json(await getSubscription(subscriptions, idOf(req)));
  });

  router.patch('/v1/subscriptions/:subscriptionId', merchantOnly, jsonBody, async (req, res) => {
    res.json(await updateSubscription(subscriptions, idOf(req), req.body));
  });

  // Cancels at PITECH; the charges it made before stay recorded.
  router.delete('/v1/subscriptions/:subscriptionId', merchantOnly, async (req, res) => {
    res.json(await cancelSubscription(subscriptions, idOf(req)));
  });

  // pay.tech's ids are pay.tech's, not ours: under /v1/paytech they never meet /v1/subscriptions/{id},
  // where an id is one of our PITECH subscriptions. Cancel is an action (POST, like a payment's
  // cancel), not a DELETE: the subscription stays readable at pay.tech. The id is checked in paytech.ts.
  router.get('/v1/paytech/subscriptions/:subscriptionId', merchantOnly, async (req, res) => {
    res.json(await getPaytechSubscription(subscriptions, paytechIdOf(req)));
  });

  router.post('/v1/paytech/subscriptions/:subscriptionId/cancel', merchantOnly, async (req, res) => {
    res.json(await cancelPaytechSubscription(subscriptions, paytechIdOf(req)));
  });
}

function idOf(req: Request): string {
  const id = req.params.subscriptionId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new ApiError(404, 'not_found', 'No such resource');
  return id;
}

/** Checked against pay.tech's pattern in paytech.ts; anything else reads as no id. */
function paytechIdOf(req: Request): string {
  const id = req.params.subscriptionId;
  return typeof id === 'string' ? id : '';
}
