import type { CallbackSender } from './callbacks.js';
import type { OrderStore } from './orders.js';
import type { SaveCardOrderStore } from './save-card-orders.js';
import type { CardStore } from './saved-cards.js';
import type { SubscriptionStore } from './subscriptions.js';
import type { ViewContext } from './views.js';

/** What the route handlers share inside one simulator instance. */
export interface SimContext {
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  appId: string;
  secretId: string;
  now: () => number;
  store: OrderStore;
  /** The customers' saved cards and the SAVE_CARD orders that save them. */
  cards: CardStore;
  saveCardOrders: SaveCardOrderStore;
  /** Section 5: the customers' subscriptions on their saved cards. */
  subscriptions: SubscriptionStore;
  callbacks: CallbackSender;
  view: ViewContext;
}
