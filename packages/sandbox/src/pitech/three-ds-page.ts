import { htmlResponse } from '../http.js';
import type { SimContext } from './context.js';
import { renderThreeDsPage } from './payment-page.js';
import { cardOfOrder, savedCardOutcome, settle } from './settle.js';
import type { PitechOrder } from './types.js';

// The 3-D Secure step of a saved card's payment (IN_3DS): the shopper continues or cancels. In the
// sandbox only the 3-D Secure test card comes here, and its authentication never completes.

export function showThreeDsPage(order: PitechOrder, ctx: SimContext): Response {
  return htmlResponse(renderThreeDsPage({ order, merchantName: ctx.view.merchantName, actionUrl: `${ctx.baseUrl}/pay` }));
}

/** Settles the order; the caller sends the callback and the redirect. */
export function submitThreeDsPage(order: PitechOrder, form: URLSearchParams, ctx: SimContext): void {
  const card = cardOfOrder(order, ctx);
  if (form.get('action') === 'cancel' || !card) {
    ctx.store.setState(order, 'ERROR', 'Cancelled by customer');
    return;
  }
  settle(order, savedCardOutcome(card, false), ctx);
}
