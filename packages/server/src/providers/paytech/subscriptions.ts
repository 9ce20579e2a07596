// pay.tech's Subscriptions API: Find subscription and Patch subscription (to CANCELLED), by the id
// pay.tech gives the merchant (its back office). The document collapses the Subscription object; its
// `state` is the field Patch subscription names, so it is the one read. Nothing else is taken from the
// answer: no amounts or schedule are known, and the object may carry the chain's recurringToken.
import type { PaytechSubscription, PaytechSubscriptionState } from '@pay-checkout/protocol';
import { z } from 'zod';
import { ProviderError } from '../http.js';
import { PaytechClient } from './client.js';
import type { PaytechSettings } from './config.js';
import { PAYTECH_PATHS, pathWithId } from './paths.js';

const SubscriptionAnswer = z.looseObject({
  result: z.looseObject({ id: z.string().nullish(), state: z.string().min(1) }),
});

/**
 * pay.tech's state in ours:
 *   ACTIVE    -> active
 *   CANCELLED -> canceled
 *   any other -> unknown (pay.tech's word stays in providerState): claiming `active` could hide an
 *                ended subscription, claiming `canceled` could hide one that still charges.
 */
export function subscriptionStateOf(providerState: string): PaytechSubscriptionState {
  if (providerState === 'ACTIVE') return 'active';
  if (providerState === 'CANCELLED') return 'canceled';
  return 'unknown';
}

export function createPaytechSubscriptions(settings: PaytechSettings, timeoutMs: number) {
  const client = new PaytechClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, timeoutMs });

  async function read(route: { method: 'GET' | 'PATCH'; path: string }, id: string, body?: unknown): Promise<PaytechSubscription> {
    const parsed = SubscriptionAnswer.safeParse(await client.call(route.method, pathWithId(route.path, id), body));
    if (!parsed.success) throw new ProviderError('pay.tech answered with an unexpected subscription body', 'unavailable');
    const { id: answered, state } = parsed.data.result;
    // The id is ours to know (we asked by it); an answer about another one is not an answer.
    if (answered && answered !== id) throw new ProviderError('pay.tech answered for another subscription', 'unavailable');
    return { id, provider: 'paytech', state: subscriptionStateOf(state), providerState: state };
  }

  return {
    find: (id: string) => read(PAYTECH_PATHS.findSubscription, id),
    cancel: (id: string) => read(PAYTECH_PATHS.patchSubscription, id, { state: 'CANCELLED' }),
  };
}

export type PaytechSubscriptions = ReturnType<typeof createPaytechSubscriptions>;
