import type { OrderStore } from './orders.js';
import type { StoredTokens } from './stored-tokens.js';

/** What the route handlers share inside one simulator instance. */
export interface SimContext {
  /** Public base URL without a trailing slash; the API is under /api, the hosted page at /flex. */
  baseUrl: string;
  username: string;
  password: string;
  merchantName: string;
  now: () => number;
  store: OrderStore;
  /** Next token id: the srcToken of an order, or a stored token. */
  nextTokenId: () => number;
  /** Cards kept on file (card-on-file), by storedId. */
  storedTokens: StoredTokens;
}
