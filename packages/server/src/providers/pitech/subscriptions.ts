// PITECH subscriptions (section 5): create (5.1), update (5.2), read (5.3), list a page (5.4),
// delete (5.5). PITECH prints times without a zone ("2021-07-30T15:36:00"); they are read and
// written as UTC. Amounts are floats in major units, converted at this edge.
import { z } from 'zod';
import { ProviderError } from '../http.js';
import type { PitechClient } from './client.js';

const Count = z.number().int().min(0);

/** The subscription model of 5.1; unknown fields are kept, not refused. */
export const PitechSubscription = z.looseObject({
  subscriptionsId: z.string().min(1),
  extClientRef: z.string().nullish(),
  cardsId: z.string().nullish(),
  amount: z.number(),
  currency: z.string(),
  state: z.string(),
  description: z.string().nullish(),
  startTime: z.string().nullish(),
  interval: z.string().nullish(),
  period: z.number().nullish(),
  maxPeriods: z.number().nullish(),
  successfulTransactionsCount: Count.nullish().transform((n) => n ?? 0),
  failedTransactionsCount: Count.nullish().transform((n) => n ?? 0),
  lastTransactionTime: z.string().nullish(),
  nextTransactionTime: z.string().nullish(),
});
export type PitechSubscription = z.infer<typeof PitechSubscription>;

const PitechSubscriptionPage = z.looseObject({
  content: z.array(z.unknown()),
  totalElements: z.number().int(),
  totalPages: z.number().int(),
});

export interface PitechSubscriptionTerms {
  amount: number;
  period: number;
  interval: 'DAY' | 'WEEK' | 'MONTH';
  currency: string;
  description: string;
  startTime: string;
}

/** 5.1's request. */
export interface PitechNewSubscription extends PitechSubscriptionTerms {
  cardsId: string;
  extClientRef: string;
  email: string;
  maxPeriods?: number;
}

export interface PitechSubscriptionPage {
  content: PitechSubscription[];
  totalElements: number;
  totalPages: number;
}

export function pitechSubscriptions(client: PitechClient) {
  return {
    create: async (request: PitechNewSubscription) => read(await client.send('POST', '/gw/subscriptions', request)),
    update: async (subscriptionsId: string, terms: PitechSubscriptionTerms) => read(await client.send('PUT', '/gw/subscriptions', { subscriptionsId, ...terms })),
    get: async (subscriptionsId: string) => read(await client.send('GET', `/gw/subscriptions/${encodeURIComponent(subscriptionsId)}`)),
    remove: async (subscriptionsId: string) => read(await client.send('DELETE', `/gw/subscriptions/${encodeURIComponent(subscriptionsId)}`)),
    async list(query: { extClientRef?: string | undefined; page: number; size: number; sort: string }): Promise<PitechSubscriptionPage> {
      const params = new URLSearchParams({ page: String(query.page), size: String(query.size), sort: query.sort });
      if (query.extClientRef) params.set('extClientRef', query.extClientRef);
      const parsed = PitechSubscriptionPage.safeParse(await client.send('GET', `/gw/subscriptions?${params}`));
      if (!parsed.success) throw new ProviderError('PITECH answered the subscription list with an unexpected body', 'unavailable');
      // One unreadable entry is left out rather than losing the page.
      const content = parsed.data.content.flatMap((entry) => {
        const one = PitechSubscription.safeParse(entry);
        return one.success ? [one.data] : [];
      });
      return { content, totalElements: parsed.data.totalElements, totalPages: parsed.data.totalPages };
    },
  };
}

export type PitechSubscriptions = ReturnType<typeof pitechSubscriptions>;

function read(body: unknown): PitechSubscription {
  const parsed = PitechSubscription.safeParse(body);
  if (!parsed.success) throw new ProviderError('PITECH answered with an unexpected subscription body', 'unavailable');
  return parsed.data;
}

/** A time as PITECH prints it: UTC, to the second, no zone. */
export function toPitechTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/** PITECH's zone-less time read as UTC; one with a zone is read as written. */
export function fromPitechTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(zoned ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
