import type { CallbackSender } from './callbacks.js';
import type { OrderStore } from './orders.js';
import type { ViewContext } from './views.js';

/** What the route handlers share inside one simulator instance. */
export interface SimContext {
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  appId: string;
  secretId: string;
  now: () => number;
  store: OrderStore;
  callbacks: CallbackSender;
  view: ViewContext;
}
