import { randomInt } from 'node:crypto';
import { fail, ok, readJson, refuse } from './api.js';
import type { SimContext } from './context.js';
import type { PatternRoute } from './routes.js';
import type { PaytechPayment } from './types.js';
import { isObject } from './validate.js';

// Subscriptions API: Find subscription and Patch subscription (to CANCELLED). A DEPOSIT sent with
// startRecurring and a `subscription` object starts one once that deposit is COMPLETED (paid on the
// page, or captured after preAuth), as a recurring chain starts only with a card that went through.
// The document collapses SubscriptionRequest and the Subscription object: the request's fields are
// kept as given, with our id, state and the initiating paymentId, and nothing is charged on a schedule.

export type PaytechSubscriptionState = 'ACTIVE' | 'CANCELLED';

export type PaytechSubscription = Record<string, unknown> & {
  id: string;
  state: PaytechSubscriptionState;
  /** The DEPOSIT that started it. */
  paymentId: string;
};

export interface SubscriptionStore {
  /** Starts the subscription a deposit asked for once it is COMPLETED; once per deposit. */
  startFor(payment: PaytechPayment): void;
  get(id: string): PaytechSubscription | undefined;
  all(): PaytechSubscription[];
  reset(): void;
}

/** The document's path pattern for a subscription id. */
const SUBSCRIPTION_ID = /^[a-zA-Z0-9]{32}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Mixed case, unlike payment ids (hex), so clients are held to the whole pattern. */
const newSubscriptionId = () => Array.from({ length: 32 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export function createSubscriptionStore(): SubscriptionStore {
  const subscriptions = new Map<string, PaytechSubscription>();
  const started = new Set<string>();
  return {
    startFor(payment) {
      const { startRecurring, subscription } = payment.request;
      if (payment.paymentType !== 'DEPOSIT' || payment.state !== 'COMPLETED' || startRecurring !== true || !subscription) return;
      if (started.has(payment.id)) return;
      started.add(payment.id);
      let id: string;
      do id = newSubscriptionId();
      while (subscriptions.has(id));
      subscriptions.set(id, { ...structuredClone(subscription), id, state: 'ACTIVE', paymentId: payment.id });
    },
    get: (id) => subscriptions.get(id),
    all: () => [...subscriptions.values()].map((s) => structuredClone(s)),
    reset() {
      subscriptions.clear();
      started.clear();
    },
  };
}

type Handler = PatternRoute<SimContext>;

/** Auth, then the id's format, then the subscription: 401, 400, 404 in the simulator's error shape. */
const withSubscription = (handle: (subscription: PaytechSubscription, request: Request, ctx: SimContext, url: URL) => Promise<Response> | Response): Handler =>
  (request, ctx, url, params) => {
    const denied = refuse(request, ctx, url);
    if (denied) return denied;
    const id = params.id ?? '';
    if (!SUBSCRIPTION_ID.test(id)) return fail(ctx, url, 400, 'id: must be 32 letters or digits');
    const subscription = ctx.subscriptions.get(id);
    if (!subscription) return fail(ctx, url, 404, `Subscription ${id} not found`);
    return handle(subscription, request, ctx, url);
  };

export const findSubscriptionHandler = withSubscription((subscription, _request, ctx) => ok(ctx, structuredClone(subscription)));

/** The only change the document has is `{"state":"CANCELLED"}`; a cancelled one answers as it is. */
export const patchSubscriptionHandler = withSubscription(async (subscription, request, ctx, url) => {
  const json = await readJson(request);
  if (!json.ok) return fail(ctx, url, 400, 'Malformed JSON request body');
  if (!isObject(json.body)) return fail(ctx, url, 400, 'Request body must be a JSON object');
  if (json.body.state !== 'CANCELLED') return fail(ctx, url, 400, 'state: must be CANCELLED');
  subscription.state = 'CANCELLED';
  return ok(ctx, structuredClone(subscription));
});
