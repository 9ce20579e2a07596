// Merchant routes for payouts to cards (API key): send one, read one, list them, and the
// provider's balance available for payouts.
import { BalancesQuery, PayoutListQuery } from '@pay-checkout/protocol';
import { IDEMPOTENCY_HEADER } from '@pay-checkout/protocol/paths';
import type { RequestHandler, Router } from 'express';
import { createPayout, getPayout, listPayouts, type PayoutContext, payoutBalances } from '../payouts/service.js';
import { actorOf } from './actor.js';
import { ApiError } from './errors.js';
import { jsonBody } from './middleware.js';

export function mountPayoutRoutes(router: Router, merchantOnly: RequestHandler, payouts: PayoutContext): void {
  // Once per Idempotency-Key: a repeat answers with the same payout (and settles one left unknown).
  router.post('/v1/payouts', merchantOnly, jsonBody, async (req, res) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (!key) throw new ApiError(400, 'idempotency_key_required', 'The Idempotency-Key header is required');
    res.status(201).json(await createPayout(payouts, req.body, { idempotencyKey: key, actor: actorOf(req) }));
  });

  // Newest first.
  router.get('/v1/payouts', merchantOnly, async (req, res) => {
    const query = PayoutListQuery.safeParse(req.query);
    if (!query.success) throw ApiError.invalid(query.error, 'query');
    res.json(await listPayouts(payouts, query.data));
  });

  // Re-read from the provider while it is not final.
  router.get('/v1/payouts/:payoutId', merchantOnly, async (req, res) => {
    const id = req.params.payoutId;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new ApiError(404, 'not_found', 'No such resource');
    res.json(await getPayout(payouts, id));
  });

  router.get('/v1/balances', merchantOnly, async (req, res) => {
    const query = BalancesQuery.safeParse(req.query);
    if (!query.success) throw ApiError.invalid(query.error, 'query');
    res.json(await payoutBalances(payouts, query.data.provider));
  });
}
