import { jsonResponse } from '../http.js';
import { fail, type Handler, readJson, refuse } from './api.js';
import type { SimContext } from './context.js';
import { pitechLocalTime } from './format.js';
import type { PitechSubscription, PitechSubscriptionInterval, SubscriptionChange } from './subscriptions.js';

// Section 5: create (5.1), update (5.2), read one (5.3), list a page (5.4) and delete (5.5)
// subscriptions. Every answer but the list is the subscription model of 5.1.

type Result<T> = { ok: true; value: T } | { ok: false; message: string };
const INTERVALS: readonly string[] = ['DAY', 'WEEK', 'MONTH'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** "2021-07-30T15:36:00": the document's times carry no zone; the sandbox reads them as UTC. */
function readTime(v: unknown): number | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(v)) return null;
  const ms = Date.parse(`${v}Z`);
  return Number.isNaN(ms) ? null : ms;
}

const seconds = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export function subscriptionResponse(s: PitechSubscription): Record<string, unknown> {
  return {
    createTime: pitechLocalTime(s.createTime),
    updateTime: pitechLocalTime(s.updateTime),
    createBy: 'sandbox-app-id',
    updateBy: null,
    subscriptionsId: s.subscriptionsId,
    extClientRef: s.extClientRef,
    clientsId: s.clientsId,
    cardsId: s.cardsId,
    amount: s.amount,
    currency: s.currency,
    email: s.email,
    description: s.description,
    state: s.state,
    startTime: seconds(s.startTime),
    interval: s.interval,
    period: s.period,
    maxPeriods: s.maxPeriods,
    successfulTransactionsCount: s.successfulTransactionsCount,
    failedTransactionsCount: s.failedTransactionsCount,
    lastTransactionTime: s.lastTransactionTime === null ? null : seconds(s.lastTransactionTime),
    nextTransactionTime: s.nextTransactionTime === null ? null : seconds(s.nextTransactionTime),
    '2phase': false,
  };
}

/** The fields 5.1 and 5.2 share; `partial` for 5.2, whose example sends some of them. */
function readTerms(body: Record<string, unknown>, problems: string[], partial: boolean): SubscriptionChange {
  const change: SubscriptionChange = {};
  const field = <K extends keyof SubscriptionChange>(key: K, ok: boolean, value: SubscriptionChange[K], message: string) => {
    if (body[key] === undefined || body[key] === null) {
      if (!partial) problems.push(`${key}: is required`);
      return;
    }
    if (!ok) problems.push(`${key}: ${message}`);
    else change[key] = value;
  };
  const { amount, currency, description, interval, period } = body;
  field('amount', typeof amount === 'number' && Number.isFinite(amount) && amount > 0, amount as number, 'must be a number greater than 0');
  field('currency', typeof currency === 'string' && /^[A-Z]{3}$/.test(currency), currency as string, 'must be a 3-letter code such as KZT');
  field('description', nonEmpty(description), description as string, 'must not be empty');
  field('interval', typeof interval === 'string' && INTERVALS.includes(interval), interval as PitechSubscriptionInterval, 'must be DAY, WEEK or MONTH');
  field('period', positiveInt(period), period as number, 'must be a positive integer');
  const start = readTime(body.startTime);
  field('startTime', start !== null, start ?? 0, 'must be a date and time such as 2021-07-30T15:36:00');
  return change;
}

function refused(ctx: SimContext, url: URL, problems: string[]): Response {
  return fail(ctx, url, 400, problems.join('; '));
}

async function body(request: Request): Promise<Result<Record<string, unknown>>> {
  const json = await readJson(request);
  if (!json.ok) return { ok: false, message: 'Malformed JSON request body' };
  if (!isObject(json.body)) return { ok: false, message: 'Request body must be a JSON object' };
  return { ok: true, value: json.body };
}

export const createSubscriptionHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const read = await body(request);
  if (!read.ok) return fail(ctx, url, 400, read.message);
  const b = read.value;
  const problems: string[] = [];
  const terms = readTerms(b, problems, false);
  if (!nonEmpty(b.cardsId)) problems.push('cardsId: is required');
  if (!nonEmpty(b.extClientRef)) problems.push('extClientRef: is required');
  if (!nonEmpty(b.email)) problems.push('email: is required');
  if (b.maxPeriods !== undefined && b.maxPeriods !== null && !positiveInt(b.maxPeriods)) problems.push('maxPeriods: must be a positive integer');
  if (problems.length) return refused(ctx, url, problems);
  const card = ctx.cards.get(b.cardsId as string);
  // Another customer's card answers as an unknown one, as tokens/charge does.
  if (!card || card.state === 'DELETED' || card.extClientRef !== b.extClientRef) return fail(ctx, url, 404, 'Card not found');
  if (card.state !== 'ACTIVE' || !card.confirmed) return fail(ctx, url, 400, `Card is ${card.confirmed ? card.state : 'not confirmed'}`);
  const subscription = ctx.subscriptions.create({
    extClientRef: b.extClientRef as string,
    cardsId: card.cardsId,
    amount: terms.amount!,
    currency: terms.currency!,
    email: b.email as string,
    description: terms.description!,
    startTime: terms.startTime!,
    interval: terms.interval!,
    period: terms.period!,
    maxPeriods: (b.maxPeriods as number | undefined) ?? null,
  });
  return jsonResponse(subscriptionResponse(subscription));
};

export const updateSubscriptionHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const read = await body(request);
  if (!read.ok) return fail(ctx, url, 400, read.message);
  const problems: string[] = [];
  const change = readTerms(read.value, problems, true);
  if (!nonEmpty(read.value.subscriptionsId)) problems.push('subscriptionsId: is required');
  if (problems.length) return refused(ctx, url, problems);
  const subscription = ctx.subscriptions.get(read.value.subscriptionsId as string);
  if (!subscription || subscription.state === 'DELETED') return fail(ctx, url, 404, 'Subscription not found');
  if (subscription.state !== 'ACTIVE') return fail(ctx, url, 400, `Subscription is ${subscription.state}`);
  ctx.subscriptions.update(subscription, change);
  return jsonResponse(subscriptionResponse(subscription));
};

/** GET and DELETE /gw/subscriptions/{id}: the id is in the path, so these are matched outside the route table. */
export const subscriptionByIdHandler = (id: string): Handler => async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const subscription = ctx.subscriptions.get(id);
  // A deleted subscription still reads (state DELETED); it cannot be deleted twice.
  if (!subscription || (request.method === 'DELETE' && subscription.state === 'DELETED')) return fail(ctx, url, 404, 'Subscription not found');
  if (request.method === 'DELETE') ctx.subscriptions.remove(subscription);
  return jsonResponse(subscriptionResponse(subscription));
};

const SORTABLE: Record<string, (s: PitechSubscription) => number> = {
  createTime: (s) => s.createTime,
  updateTime: (s) => s.updateTime,
  startTime: (s) => s.startTime,
  amount: (s) => s.amount,
};

/** 5.4: one Spring-style page, filtered by clientsId and extClientRef when given. */
export const listSubscriptionsHandler: Handler = async (request, ctx, url) => {
  const denied = refuse(request, ctx, url);
  if (denied) return denied;
  const q = url.searchParams;
  const page = Number(q.get('page') ?? 0);
  const size = Number(q.get('size') ?? 20);
  if (!Number.isInteger(page) || page < 0) return fail(ctx, url, 400, 'page: must be a whole number from 0');
  if (!Number.isInteger(size) || size < 1 || size > 2000) return fail(ctx, url, 400, 'size: must be a whole number from 1');
  const [field = 'createTime', direction = 'asc'] = (q.get('sort') ?? 'createTime,asc').split(',').map((part) => part.trim());
  const key = SORTABLE[field];
  if (!key || !['asc', 'desc'].includes(direction.toLowerCase())) return fail(ctx, url, 400, `sort: cannot sort by ${field},${direction}`);
  const clientsId = q.get('clientsId')?.trim();
  const extClientRef = q.get('extClientRef')?.trim();
  const sign = direction.toLowerCase() === 'asc' ? 1 : -1;
  // Ties in time keep the order of creation, so pages never overlap.
  const all = ctx.subscriptions
    .all()
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => (!clientsId || String(s.clientsId) === clientsId) && (!extClientRef || s.extClientRef === extClientRef))
    .sort((a, b) => sign * (key(a.s) - key(b.s) || a.index - b.index))
    .map(({ s }) => s);
  const content = all.slice(page * size, page * size + size);
  const totalPages = Math.ceil(all.length / size);
  const sort = { unsorted: false, sorted: true, empty: false };
  return jsonResponse({
    content: content.map(subscriptionResponse),
    pageable: { sort, pageNumber: page, pageSize: size, offset: page * size, paged: true, unpaged: false },
    last: page >= totalPages - 1,
    totalPages,
    totalElements: all.length,
    number: page,
    sort,
    first: page === 0,
    numberOfElements: content.length,
    size,
    empty: content.length === 0,
  });
};
