// Payouts: checked before any provider call, recorded under their idempotency key, sent once. A
// repeat of the same request answers with the payout; a lost answer leaves the payout `unknown`,
// and the next repeat reads the provider first and sends only when it shows no money moved.
import type { Balances, Payout, PayoutList, PayoutListQuery, PayoutProvider, PayoutState } from '@pay-checkout/protocol';
import { maskCardNumber } from '@pay-checkout/protocol';
import { ApiError } from '../http/errors.js';
import { randomId } from '../http/secrets.js';
import type { Logger } from '../log.js';
import { ProviderError } from '../providers/http.js';
import type { PayoutRecord, Store } from '../store/types.js';
import { checkPayoutRequest, hashRequest, sameRequest } from './request.js';
import type { PayoutAdapter, PayoutInput, PayoutOutcome } from './types.js';
import { payoutView, redactCardNumbers } from './views.js';

/** A payout in flight longer than this was cut off (a crash mid-call): a repeat may settle it. */
const IN_FLIGHT_MS = 5 * 60_000;

export interface PayoutContext {
  store: Store;
  logger: Logger;
  adapters: ReadonlyMap<PayoutProvider, PayoutAdapter>;
  now(): Date;
}

export interface PayoutOptions {
  /** The same key with the same request answers with the first payout instead of paying twice. */
  idempotencyKey?: string | undefined;
  /** Who asked, kept with the payout. */
  actor: string;
}

export async function createPayout(ctx: PayoutContext, input: unknown, options: PayoutOptions): Promise<Payout> {
  const key = options.idempotencyKey ?? randomId('po');
  if (!/^[\x21-\x7e]{8,255}$/.test(key)) throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8 to 255 printable characters');
  const { request, adapter } = checkPayoutRequest(input, ctx.adapters);
  const now = ctx.now().toISOString();
  const record: PayoutRecord = {
    id: randomId('po'),
    provider: request.provider,
    amount: request.amount.value,
    currency: request.amount.currency,
    state: 'pending',
    reference: request.reference,
    description: request.description ?? null,
    destinationMasked: maskCardNumber(request.destination.cardNumber),
    providerRef: null,
    providerState: null,
    idempotencyKey: key,
    requestHash: hashRequest(request),
    actor: options.actor,
    failure: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  const given: Omit<PayoutInput, 'payout' | 'repeat'> = { card: request.destination, customer: request.customer };

  const claim = await ctx.store.claimPayout(record);
  if (claim.claimed) return payoutView(await send(ctx, adapter, record, { ...given, payout: record, repeat: false }));

  const earlier = claim.existing;
  if (!sameRequest(request, earlier.requestHash)) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different payout request', { payoutId: earlier.id });
  }
  if (earlier.state === 'succeeded' || earlier.state === 'failed') return payoutView(earlier);
  if (earlier.state === 'pending' && earlier.providerState !== null) return payoutView(await sync(ctx, earlier));
  const cutOff = ctx.now().getTime() - Date.parse(earlier.updatedAt) > IN_FLIGHT_MS;
  if (earlier.state === 'pending' && !cutOff) throw new ApiError(409, 'idempotency_key_in_use', 'A payout with this Idempotency-Key is in progress', { payoutId: earlier.id });
  // Unknown (or cut off): taken over by this request alone, then settled with the provider's record first.
  const taken = await ctx.store.updatePayout({ ...earlier, state: 'pending', providerState: null, updatedAt: ctx.now().toISOString() });
  if (!taken) throw new ApiError(409, 'idempotency_key_in_use', 'A payout with this Idempotency-Key is in progress', { payoutId: earlier.id });
  ctx.logger.info('payout.settling', { payoutId: taken.id, provider: taken.provider });
  return payoutView(await send(ctx, adapter, taken, { ...given, payout: taken, repeat: true }));
}

export async function getPayout(ctx: PayoutContext, id: string): Promise<Payout> {
  const record = await ctx.store.getPayout(id);
  if (!record) throw new ApiError(404, 'payout_not_found', 'No payout with this id');
  return payoutView(await sync(ctx, record));
}

export async function listPayouts(ctx: PayoutContext, query: PayoutListQuery): Promise<PayoutList> {
  // One more than asked for tells whether there is a next page.
  const rows = await ctx.store.listPayouts({ limit: query.limit + 1, after: query.after, reference: query.reference });
  const page = rows.slice(0, query.limit);
  return { data: page.map(payoutView), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function payoutBalances(ctx: PayoutContext, provider: PayoutProvider): Promise<Balances> {
  const adapter = ctx.adapters.get(provider);
  if (!adapter) throw new ApiError(400, 'provider_not_configured', `${provider} is not configured for payouts on this server`, { provider });
  if (!adapter.balances) throw new ApiError(400, 'operation_not_supported', `${adapter.displayName} has no balance call`);
  try {
    return { provider, available: await adapter.balances(), retrievedAt: ctx.now().toISOString() };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const unavailable = error.kind === 'unavailable';
    throw new ApiError(unavailable ? 503 : 502, unavailable ? 'provider_unavailable' : 'provider_error', `${adapter.displayName} did not give its balances: ${redactCardNumbers(error.providerMessage ?? error.message)}`);
  }
}

async function send(ctx: PayoutContext, adapter: PayoutAdapter, record: PayoutRecord, input: PayoutInput): Promise<PayoutRecord> {
  let current = record;
  const remember = async (providerRef: Record<string, string>) => {
    current = (await ctx.store.updatePayout({ ...current, providerRef, updatedAt: ctx.now().toISOString() })) ?? current;
  };
  let outcome: PayoutOutcome;
  try {
    outcome = await adapter.send({ ...input, payout: current }, remember);
  } catch (error) {
    if (!(error instanceof ProviderError)) {
      // Our own failure mid-call: the money may or may not have moved.
      await save(ctx, current, { state: 'unknown', providerState: current.providerState, failure: null });
      throw error;
    }
    if (error.kind === 'unavailable') {
      ctx.logger.warn('payout.outcome_unknown', { payoutId: current.id, provider: current.provider, message: redactCardNumbers(error.message) });
      return save(ctx, current, { state: 'unknown', providerState: current.providerState, failure: null });
    }
    // Refused outright (a request the provider would not take): nothing was paid.
    const message = redactCardNumbers(error.providerMessage ?? error.message);
    ctx.logger.warn('payout.refused', { payoutId: current.id, provider: current.provider, message });
    return save(ctx, current, { state: 'failed', providerState: 'refused', failure: { code: 'provider_error', message } });
  }
  const saved = await save(ctx, current, outcome);
  ctx.logger.info('payout.sent', {
    payoutId: saved.id,
    provider: saved.provider,
    amount: saved.amount,
    currency: saved.currency,
    destination: saved.destinationMasked,
    state: saved.state,
    actor: saved.actor,
    repeat: input.repeat,
  });
  return saved;
}

/** Reads the provider for a payout not final yet; what it cannot read now stays as it was. */
async function sync(ctx: PayoutContext, record: PayoutRecord): Promise<PayoutRecord> {
  const inFlight = record.state === 'pending' && record.providerState === null;
  if (record.state === 'succeeded' || record.state === 'failed' || inFlight) return record;
  const adapter = ctx.adapters.get(record.provider);
  if (!adapter) return record;
  try {
    const outcome = await adapter.read(record);
    // Unknown and nothing at the provider: only a repeat with the card can finish it.
    if (!outcome) return record;
    return await save(ctx, record, outcome);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    ctx.logger.warn('payout.read_failed', { payoutId: record.id, provider: record.provider, message: redactCardNumbers(error.message) });
    return record;
  }
}

/** An outcome to record: the provider's, or `unknown` when its answer was lost. */
interface Recorded {
  state: PayoutState;
  providerState: string | null;
  failure: PayoutOutcome['failure'];
  amount?: number | undefined;
  currency?: string | undefined;
}

async function save(ctx: PayoutContext, record: PayoutRecord, outcome: Recorded): Promise<PayoutRecord> {
  let state = outcome.state;
  // Paid, but not what we asked for: never reported as done; the merchant reconciles it.
  if (state === 'succeeded' && (outcome.amount !== record.amount || outcome.currency !== record.currency)) {
    ctx.logger.error('payout.amount_mismatch', { payoutId: record.id, provider: record.provider, expected: record.amount, reported: outcome.amount, currency: outcome.currency });
    state = 'unknown';
  }
  const failure = outcome.failure ? { code: outcome.failure.code, message: redactCardNumbers(outcome.failure.message) } : null;
  const next: PayoutRecord = { ...record, state, providerState: outcome.providerState, failure, updatedAt: ctx.now().toISOString() };
  if (next.state === record.state && next.providerState === record.providerState && JSON.stringify(next.failure) === JSON.stringify(record.failure)) return record;
  const saved = await ctx.store.updatePayout(next);
  // Someone else wrote it since it was read: theirs stands.
  return saved ?? (await ctx.store.getPayout(record.id)) ?? record;
}
