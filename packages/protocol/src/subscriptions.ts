// Schemas of subscriptions: PITECH charges a customer's saved card on its own schedule (section 5 of
// its document), merchant API only. Each charge it makes is recorded as a payment of its own.
// pay.tech's are only found and cancelled, by the id pay.tech gives.
import { z } from 'zod';
import { Money } from './schemas.js';

export const SubscriptionInterval = z.enum(['DAY', 'WEEK', 'MONTH']);

export const SubscriptionState = z.enum([
  'active',
  /** Charged `maxPeriods` times: PITECH charges it no more. */
  'ended',
  /** Canceled by the merchant (DELETE): PITECH charges it no more. */
  'canceled',
]);

const Text = z.string().trim().min(1).max(255);

/** Body of POST /v1/subscriptions. */
export const CreateSubscriptionRequest = z.strictObject({
  /** Our id of the customer's saved PITECH card (never PITECH's token). */
  savedCardId: z.string().min(1).max(128),
  /** The customer the card was saved for. */
  customerId: z.string().min(1).max(128),
  amount: Money,
  interval: SubscriptionInterval,
  /** Charged every `period` intervals: 2 with WEEK is every other week. */
  period: z.number().int().positive().max(1000),
  /** How many charges in all; absent: until canceled. */
  maxPeriods: z.number().int().positive().max(10_000).optional(),
  /** The first charge; must be in the future. */
  startTime: z.iso.datetime({ offset: true }),
  description: Text,
  /** Where PITECH sends the receipts. */
  email: z.email(),
});

/** Body of PATCH /v1/subscriptions/{id}: what PITECH's update (5.2) takes; at least one field. */
export const UpdateSubscriptionRequest = z
  .strictObject({
    amount: Money.optional(),
    interval: SubscriptionInterval.optional(),
    period: z.number().int().positive().max(1000).optional(),
    startTime: z.iso.datetime({ offset: true }).optional(),
    description: Text.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'must change at least one field');

export const Subscription = z.object({
  id: z.string(),
  provider: z.literal('pitech'),
  customerId: z.string(),
  savedCardId: z.string(),
  amount: Money,
  interval: SubscriptionInterval,
  period: z.number().int(),
  maxPeriods: z.number().int().nullable(),
  description: z.string(),
  state: SubscriptionState,
  /** Charges recorded as payments so far. */
  successfulCharges: z.number().int(),
  failedCharges: z.number().int(),
  nextChargeAt: z.iso.datetime().nullable(),
  lastChargeAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const SubscriptionSort = z.enum(['createdAt,asc', 'createdAt,desc']);

export const SubscriptionListQuery = z.strictObject({
  customerId: z.string().min(1).max(128).optional(),
  /** From 0, as PITECH counts pages. */
  page: z.coerce.number().int().min(0).max(100_000).default(0),
  size: z.coerce.number().int().min(1).max(100).default(20),
  sort: SubscriptionSort.default('createdAt,desc'),
});

/** One page of PITECH's list; subscriptions not made through this server are left out of `data`. */
export const SubscriptionList = z.object({
  data: z.array(Subscription),
  page: z.number().int(),
  size: z.number().int(),
  totalElements: z.number().int(),
  totalPages: z.number().int(),
});

/** What one sync found: subscriptions read and charges recorded as payments. */
export const SubscriptionSyncResult = z.object({
  checked: z.number().int(),
  recorded: z.number().int(),
});

/** pay.tech's subscription id, as its back office shows it: the document's path pattern. */
export const PaytechSubscriptionId = z.string().regex(/^[a-zA-Z0-9]{32}$/, 'must be 32 letters or digits');

/**
 * A pay.tech subscription's state in ours. pay.tech's document names only CANCELLED (what Patch
 * subscription sets); ACTIVE is the one before it. Any other state is `unknown`: neither running nor
 * ended is claimed, and `providerState` has pay.tech's word.
 */
export const PaytechSubscriptionState = z.enum(['active', 'canceled', 'unknown']);

/**
 * A subscription at pay.tech, read by pay.tech's id. The document collapses the Subscription object:
 * only its id and state are read, no amounts or schedule.
 */
export const PaytechSubscription = z.object({
  id: z.string(),
  provider: z.literal('paytech'),
  state: PaytechSubscriptionState,
  /** pay.tech's state as it answered it (ACTIVE, CANCELLED, ...). */
  providerState: z.string(),
});

export type SubscriptionInterval = z.infer<typeof SubscriptionInterval>;
export type SubscriptionState = z.infer<typeof SubscriptionState>;
export type CreateSubscriptionRequest = z.infer<typeof CreateSubscriptionRequest>;
export type UpdateSubscriptionRequest = z.infer<typeof UpdateSubscriptionRequest>;
export type Subscription = z.infer<typeof Subscription>;
export type SubscriptionSort = z.infer<typeof SubscriptionSort>;
export type SubscriptionListQuery = z.infer<typeof SubscriptionListQuery>;
export type SubscriptionList = z.infer<typeof SubscriptionList>;
export type SubscriptionSyncResult = z.infer<typeof SubscriptionSyncResult>;
export type PaytechSubscriptionState = z.infer<typeof PaytechSubscriptionState>;
export type PaytechSubscription = z.infer<typeof PaytechSubscription>;
