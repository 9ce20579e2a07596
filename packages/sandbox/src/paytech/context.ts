import type { Balances } from './balances.js';
import type { PaymentStore } from './payments.js';
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
  view: ViewContext;
}
