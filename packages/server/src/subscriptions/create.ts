// Creating a subscription: checked before PITECH is called, recorded under its Idempotency-Key, sent
// once. A repeat of the same request answers with the subscription. When PITECH's answer to the
// create is lost, the subscription may exist there all the same: a repeat looks for it in the
// customer's list first, and creates again only when it is not there, so a card is never
// subscribed twice for one request.
import type { Subscription } from '@pay-checkout/protocol';
import { toMajorUnits } from '@pay-checkout/protocol/money';
import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { randomId } from '../http/secrets.js';
import { ProviderError } from '../providers/http.js';
import { fromPitechTime, type PitechSubscription, toPitechTime } from '../providers/pitech/subscriptions.js';
import type { SavedCardRecord, SubscriptionRecord } from '../store/types.js';
import { absorb } from './charges.js';
import type { SubscriptionContext } from './context.js';
import { checkCreateRequest, requirePitech } from './request.js';
import { providerRefusal } from './service.js';
import { stateOf, subscriptionView } from './views.js';

/** A create in flight longer than this was cut off (a crash mid-call): a repeat may settle it. */
const IN_FLIGHT_MS = 2 * 60_000;
/** How far back in the customer's list a lost create is looked for. */
const LOOK_BACK = 50;

export async function createSubscription(ctx: SubscriptionContext, input: unknown, idempotencyKey: string): Promise<Subscription> {
  if (!/^[\x21-\x7e]{8,255}$/.test(idempotencyKey)) throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8 to 255 printable characters');
  requirePitech(ctx);
  const { request, card } = await checkCreateRequest(ctx, input);
  const { store } = ctx.service;
  const now = ctx.service.now().toISOString();
  const record: SubscriptionRecord = {
    id: randomId('sub'),
    provider: 'pitech',
    providerSubscriptionId: null,
    customerId: request.customerId,
    savedCardId: card.id,
    amount: request.amount.value,
    currency: request.amount.currency,
    interval: request.interval,
    period: request.period,
    maxPeriods: request.maxPeriods ?? null,
    description: request.description,
    email: request.email,
    // PITECH keeps whole seconds.
    startTime: `${toPitechTime(request.startTime)}.000Z`,
    state: 'pending',
    successfulCharges: 0,
    failedCharges: 0,
    nextChargeAt: null,
    lastChargeAt: null,
    idempotencyKey,
    requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  const claim = await store.claimSubscription(record);
  if (claim.claimed) return send(ctx, record, card);

  const earlier = claim.existing;
  if (earlier.requestHash !== record.requestHash) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different subscription request', { subscriptionId: earlier.id });
  }
  if (earlier.state !== 'pending' && earlier.state !== 'unknown') return subscriptionView(earlier);
  const cutOff = ctx.service.now().getTime() - Date.parse(earlier.updatedAt) > IN_FLIGHT_MS;
  if (earlier.state === 'pending' && !cutOff) throw inUse(earlier);
  // Lost (or cut off): taken over by this request alone, then looked for at PITECH before sending again.
  const taken = await store.updateSubscription({ ...earlier, state: 'pending', updatedAt: ctx.service.now().toISOString() });
  if (!taken) throw inUse(earlier);
  let found: PitechSubscription | null;
  try {
    found = await findLost(ctx, taken, card);
  } catch (error) {
    await store.updateSubscription({ ...taken, state: 'unknown', updatedAt: ctx.service.now().toISOString() });
    throw providerRefusal(error, 'find the subscription');
  }
  if (found) {
    ctx.service.logger.info('subscription.recovered', { subscriptionId: taken.id });
    return link(ctx, taken, found);
  }
  return send(ctx, taken, card);
}

async function send(ctx: SubscriptionContext, record: SubscriptionRecord, card: SavedCardRecord): Promise<Subscription> {
  const { store, logger } = ctx.service;
  let remote: PitechSubscription;
  try {
    remote = await requirePitech(ctx).create({
      cardsId: card.providerCardId,
      amount: toMajorUnits(record.amount, record.currency),
      period: record.period,
      interval: record.interval,
      extClientRef: record.customerId,
      currency: record.currency,
      email: record.email,
      description: record.description,
      startTime: toPitechTime(record.startTime),
      ...(record.maxPeriods !== null && { maxPeriods: record.maxPeriods }),
    });
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'unavailable') {
      // PITECH may have created it: the same key looks for it before creating again.
      await store.updateSubscription({ ...record, state: 'unknown', updatedAt: ctx.service.now().toISOString() });
      logger.warn('subscription.outcome_unknown', { subscriptionId: record.id, message: error.message });
      throw new ApiError(503, 'provider_unavailable', 'PITECH did not answer; repeat the request with the same Idempotency-Key to settle it', {
        subscriptionId: record.id,
      });
    }
    // Refused outright: nothing was created, and the key may be used again.
    await store.deleteSubscription(record.id);
    throw providerRefusal(error, 'create the subscription');
  }
  logger.info('subscription.created', { subscriptionId: record.id, customerId: record.customerId, amount: record.amount, currency: record.currency });
  return link(ctx, record, remote);
}

async function link(ctx: SubscriptionContext, record: SubscriptionRecord, remote: PitechSubscription): Promise<Subscription> {
  const linked = await ctx.service.store.updateSubscription({
    ...record,
    providerSubscriptionId: remote.subscriptionsId,
    state: stateOf(remote.state),
    updatedAt: ctx.service.now().toISOString(),
  });
  if (!linked) throw inUse(record);
  return subscriptionView((await absorb(ctx, linked, remote)).record);
}

/** The customer's newest subscription at PITECH with exactly this request's terms, not yet ours. */
async function findLost(ctx: SubscriptionContext, record: SubscriptionRecord, card: SavedCardRecord): Promise<PitechSubscription | null> {
  const page = await requirePitech(ctx).list({ extClientRef: record.customerId, page: 0, size: LOOK_BACK, sort: 'createTime,desc' });
  for (const remote of page.content) {
    const same =
      remote.cardsId === card.providerCardId &&
      remote.currency === record.currency &&
      remote.amount === toMajorUnits(record.amount, record.currency) &&
      remote.description === record.description &&
      fromPitechTime(remote.startTime) === record.startTime;
    if (same && !(await ctx.service.store.findSubscriptionByProviderId(remote.subscriptionsId))) return remote;
  }
  return null;
}

function inUse(record: SubscriptionRecord): ApiError {
  return new ApiError(409, 'idempotency_key_in_use', 'A subscription with this Idempotency-Key is being created', { subscriptionId: record.id });
}
