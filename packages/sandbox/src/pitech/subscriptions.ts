import { randomToken } from './format.js';
import type { CardStore } from './saved-cards.js';

// Subscriptions (section 5): PITECH charges a saved card every `period` × `interval` from startTime,
// on its own clock. The sandbox charges only when told (runSubscriptions), so tests set the time.

export type PitechSubscriptionInterval = 'DAY' | 'WEEK' | 'MONTH';
export type PitechSubscriptionState = 'ACTIVE' | 'DELETED' | 'ENDED';

export interface PitechSubscription {
  subscriptionsId: string;
  extClientRef: string;
  clientsId: number;
  cardsId: string;
  amount: number;
  currency: string;
  email: string;
  description: string;
  state: PitechSubscriptionState;
  /** Epoch ms; printed without a zone, as the document does. */
  startTime: number;
  interval: PitechSubscriptionInterval;
  period: number;
  maxPeriods: number | null;
  successfulTransactionsCount: number;
  failedTransactionsCount: number;
  lastTransactionTime: number | null;
  nextTransactionTime: number | null;
  createTime: number;
  updateTime: number;
}

export type NewSubscription = Pick<
  PitechSubscription,
  'extClientRef' | 'cardsId' | 'amount' | 'currency' | 'email' | 'description' | 'startTime' | 'interval' | 'period' | 'maxPeriods'
>;

export type SubscriptionChange = Partial<Pick<PitechSubscription, 'amount' | 'currency' | 'description' | 'startTime' | 'interval' | 'period'>>;

export interface SubscriptionStore {
  create(input: NewSubscription): PitechSubscription;
  get(subscriptionsId: string): PitechSubscription | undefined;
  update(subscription: PitechSubscription, change: SubscriptionChange): void;
  remove(subscription: PitechSubscription): void;
  all(): PitechSubscription[];
  /** Charges every ACTIVE subscription due at `now`, as many periods as have come; answers the charges made. */
  run(now: number): number;
  reset(): void;
}

/** The time `period` intervals after `from` (UTC calendar months for MONTH). */
export function addPeriod(from: number, interval: PitechSubscriptionInterval, period: number): number {
  const date = new Date(from);
  if (interval === 'MONTH') date.setUTCMonth(date.getUTCMonth() + period);
  else date.setUTCDate(date.getUTCDate() + period * (interval === 'WEEK' ? 7 : 1));
  return date.getTime();
}

export function createSubscriptionStore(now: () => number, cards: CardStore, clientsIdFor: (extClientRef: string) => number): SubscriptionStore {
  const subscriptions = new Map<string, PitechSubscription>();

  function charge(subscription: PitechSubscription, at: number): void {
    const card = cards.get(subscription.cardsId);
    // A card deleted or switched off since is declined, as PITECH could not charge it.
    const paid = card !== undefined && card.state === 'ACTIVE' && card.confirmed && card.outcome === 'success';
    if (paid) subscription.successfulTransactionsCount++;
    else subscription.failedTransactionsCount++;
    subscription.lastTransactionTime = at;
    subscription.updateTime = at;
    const charged = subscription.successfulTransactionsCount + subscription.failedTransactionsCount;
    if (subscription.maxPeriods !== null && charged >= subscription.maxPeriods) {
      subscription.state = 'ENDED';
      subscription.nextTransactionTime = null;
    } else {
      subscription.nextTransactionTime = addPeriod(subscription.nextTransactionTime ?? at, subscription.interval, subscription.period);
    }
  }

  return {
    create(input) {
      const t = now();
      const subscription: PitechSubscription = {
        ...input,
        subscriptionsId: randomToken('subs_'),
        clientsId: clientsIdFor(input.extClientRef),
        state: 'ACTIVE',
        successfulTransactionsCount: 0,
        failedTransactionsCount: 0,
        lastTransactionTime: null,
        nextTransactionTime: input.startTime,
        createTime: t,
        updateTime: t,
      };
      subscriptions.set(subscription.subscriptionsId, subscription);
      return subscription;
    },
    get: (id) => subscriptions.get(id),
    update(subscription, change) {
      Object.assign(subscription, Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)));
      // A new start moves the next charge; otherwise the schedule keeps its place.
      if (change.startTime !== undefined) subscription.nextTransactionTime = change.startTime;
      subscription.updateTime = now();
    },
    remove(subscription) {
      subscription.state = 'DELETED';
      subscription.nextTransactionTime = null;
      subscription.updateTime = now();
    },
    all: () => [...subscriptions.values()],
    run(at) {
      let charges = 0;
      for (const subscription of subscriptions.values()) {
        while (subscription.state === 'ACTIVE' && subscription.nextTransactionTime !== null && subscription.nextTransactionTime <= at) {
          charge(subscription, subscription.nextTransactionTime);
          charges++;
        }
      }
      return charges;
    },
    reset: () => subscriptions.clear(),
  };
}
