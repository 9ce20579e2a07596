// Subscriptions at PITECH, merchant API only: read, listed, changed and canceled there (created in
// create.ts). PITECH is the truth for the schedule; every read passes its counters through
// absorb(), which records new charges as payments.
import type {
  Subscription,
  SubscriptionList,
  SubscriptionListQuery,
  SubscriptionSyncResult,
} from '@pay-checkout/protocol';
import { toMajorUnits } from '@pay-checkout/protocol/money';
import { ApiError } from '../http/errors.js';
import { ProviderError } from '../providers/http.js';
import { type PitechSubscription, type PitechSubscriptionTerms, toPitechTime } from '../providers/pitech/subscriptions.js';
import type { SubscriptionRecord } from '../store/types.js';
import { repeatEvery } from '../repeat.js';
import { absorb } from './charges.js';
import type { SubscriptionContext } from './context.js';
import { checkUpdateRequest, requirePitech } from './request.js';
import { subscriptionView } from './views.js';

/** The subscription as PITECH has it now, with any new charges recorded. */
export async function getSubscription(ctx: SubscriptionContext, id: string): Promise<Subscription> {
  return subscriptionView((await refresh(ctx, await recordOf(ctx, id))).record);
}

/** One page of PITECH's list (5.4); subscriptions not made through this server are left out. */
export async function listSubscriptions(ctx: SubscriptionContext, query: SubscriptionListQuery): Promise<SubscriptionList> {
  const pitech = requirePitech(ctx);
  const sort = query.sort === 'createdAt,asc' ? 'createTime,asc' : 'createTime,desc';
  let page;
  try {
    page = await pitech.list({ extClientRef: query.customerId, page: query.page, size: query.size, sort });
  } catch (error) {
    throw providerRefusal(error, 'list subscriptions');
  }
  const data: Subscription[] = [];
  for (const remote of page.content) {
    const record = await ctx.service.store.findSubscriptionByProviderId(remote.subscriptionsId);
    if (record) data.push(subscriptionView((await locked(ctx, record.id, () => absorbFresh(ctx, record.id, remote))).record));
  }
  return { data, page: query.page, size: query.size, totalElements: page.totalElements, totalPages: page.totalPages };
}

export async function updateSubscription(ctx: SubscriptionContext, id: string, input: unknown): Promise<Subscription> {
  const change = checkUpdateRequest(ctx, input);
  const pitech = requirePitech(ctx);
  const { record } = await refresh(ctx, await recordOf(ctx, id));
  if (record.state !== 'active') throw notActive(record);
  const amount = change.amount ?? { value: record.amount, currency: record.currency };
  // 5.2 takes the whole set of terms: what is not changed is sent as it is.
  const terms: PitechSubscriptionTerms = {
    amount: toMajorUnits(amount.value, amount.currency),
    period: change.period ?? record.period,
    interval: change.interval ?? record.interval,
    currency: amount.currency,
    description: change.description ?? record.description,
    startTime: toPitechTime(change.startTime ?? record.startTime),
  };
  let remote: PitechSubscription;
  try {
    remote = await pitech.update(record.providerSubscriptionId!, terms);
  } catch (error) {
    throw providerRefusal(error, 'update the subscription');
  }
  return locked(ctx, id, async () => {
    const current = await recordOf(ctx, id);
    const next: SubscriptionRecord = {
      ...current,
      amount: amount.value,
      currency: amount.currency,
      period: terms.period,
      interval: terms.interval,
      description: terms.description,
      startTime: change.startTime ? `${toPitechTime(change.startTime)}.000Z` : current.startTime,
      updatedAt: ctx.service.now().toISOString(),
    };
    const saved = (await ctx.service.store.updateSubscription(next)) ?? (await recordOf(ctx, id));
    ctx.service.logger.info('subscription.updated', { subscriptionId: id, fields: Object.keys(change) });
    return subscriptionView((await absorb(ctx, saved, remote)).record);
  });
}

/** DELETE at PITECH (5.5); canceling a canceled subscription answers it as it is. */
export async function cancelSubscription(ctx: SubscriptionContext, id: string): Promise<Subscription> {
  const pitech = requirePitech(ctx);
  const { record } = await refresh(ctx, await recordOf(ctx, id));
  if (record.state === 'canceled') return subscriptionView(record);
  if (record.state !== 'active') throw notActive(record);
  let remote: PitechSubscription;
  try {
    remote = await pitech.remove(record.providerSubscriptionId!);
  } catch (error) {
    throw providerRefusal(error, 'cancel the subscription');
  }
  return locked(ctx, id, async () => {
    // Charges made before the delete are still recorded, then the subscription ends here.
    const { record: absorbed } = await absorb(ctx, await recordOf(ctx, id), remote);
    const canceled = await ctx.service.store.updateSubscription({ ...absorbed, state: 'canceled', nextChargeAt: null, updatedAt: ctx.service.now().toISOString() });
    ctx.service.logger.info('subscription.canceled', { subscriptionId: id });
    return subscriptionView(canceled ?? (await recordOf(ctx, id)));
  });
}

/** Reads every active subscription at PITECH and records the charges it made since the last read. */
export async function syncSubscriptions(ctx: SubscriptionContext): Promise<SubscriptionSyncResult> {
  if (!ctx.pitech) return { checked: 0, recorded: 0 };
  const active = await ctx.service.store.listSubscriptionsInState('active');
  let recorded = 0;
  for (const record of active) {
    try {
      recorded += (await refresh(ctx, record)).recorded;
    } catch (error) {
      // One unreadable subscription does not hold up the others; the next sync tries it again.
      if (!(error instanceof ApiError)) throw error;
      ctx.service.logger.warn('subscription.sync_failed', { subscriptionId: record.id, message: error.message });
    }
  }
  return { checked: active.length, recorded };
}

/** Starts the background sync; the returned function stops it, after the run in flight. */
export function scheduleSync(ctx: SubscriptionContext, everyMs: number): () => Promise<void> {
  return repeatEvery(everyMs, () => syncSubscriptions(ctx), (error) => ctx.service.logger.error('subscription.sync_error', { message: error.message }));
}

export async function recordOf(ctx: SubscriptionContext, id: string): Promise<SubscriptionRecord> {
  const record = await ctx.service.store.getSubscription(id);
  if (!record || record.state === 'pending' || record.state === 'unknown' || !record.providerSubscriptionId) throw new ApiError(404, 'subscription_not_found', 'No subscription with this id');
  return record;
}

/** Reads PITECH (5.3) for a subscription still running here, and absorbs what it says. */
async function refresh(ctx: SubscriptionContext, record: SubscriptionRecord) {
  if (record.state !== 'active') return { record, recorded: 0 };
  const pitech = requirePitech(ctx);
  let remote: PitechSubscription;
  try {
    remote = await pitech.get(record.providerSubscriptionId!);
  } catch (error) {
    throw providerRefusal(error, 'read the subscription');
  }
  return locked(ctx, record.id, () => absorbFresh(ctx, record.id, remote));
}

/** Absorbs against the row as stored now: another call may have recorded charges meanwhile. */
async function absorbFresh(ctx: SubscriptionContext, id: string, remote: PitechSubscription) {
  return absorb(ctx, await recordOf(ctx, id), remote);
}

/** Runs `work` after any other work on the same subscription in this process. */
async function locked<T>(ctx: SubscriptionContext, id: string, work: () => Promise<T>): Promise<T> {
  const before = ctx.locks.get(id) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  ctx.locks.set(id, run);
  try {
    return await run;
  } finally {
    if (ctx.locks.get(id) === run) ctx.locks.delete(id);
  }
}

function notActive(record: SubscriptionRecord): ApiError {
  return new ApiError(409, 'subscription_not_active', `This subscription is ${record.state}; it can no longer be changed`, { state: record.state });
}

export function providerRefusal(error: unknown, what: string, provider = 'PITECH'): unknown {
  if (!(error instanceof ProviderError)) return error;
  return error.kind === 'rejected'
    ? new ApiError(502, 'provider_error', `${provider} refused to ${what}: ${error.providerMessage ?? error.message}`)
    : new ApiError(503, 'provider_unavailable', `${provider} is not reachable; could not ${what}, try again`);
}
