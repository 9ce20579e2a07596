import type { Balances } from './balances.js';
import type { PaymentStore } from './payments.js';
import type { RecurringTokens } from './recurring.js';
import type { SubscriptionStore } from './subscriptions.js';
import type { ViewContext } from './views.js';

/** What the route handlers share inside one simulator instance. */
export interface SimContext {
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  merchantName: string;
  now: () => number;
  store: PaymentStore;
  /** Funds available for withdrawal. */
  balances: Balances;
  /** Cards kept for recurring chains, by recurringToken. */
  recurring: RecurringTokens;
  /** Started by paid deposits that asked for one, by subscription id. */
  subscriptions: SubscriptionStore;
  view: ViewContext;
}
