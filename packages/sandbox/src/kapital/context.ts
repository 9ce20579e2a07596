import type { OrderStore } from './orders.js';

/** What the route handlers share inside one simulator instance. */
export interface SimContext {
  /** Public base URL without a trailing slash; the API is under /api, the hosted page at /flex. */
  baseUrl: string;
  username: string;
  password: string;
  merchantName: string;
  now: () => number;
  store: OrderStore;
  /** Next srcToken id of a card entered on the hosted page. */
  nextTokenId: () => number;
}
