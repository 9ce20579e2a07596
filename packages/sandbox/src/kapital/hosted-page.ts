import { htmlResponse, redirectResponse } from '../http.js';
import { checkCard, outcomeOf, readCardForm, type EnteredCard } from './card-form.js';
import type { SimContext } from './context.js';
import { renderMessagePage, renderPaymentPage } from './page.js';
import { approveHostedPayment, declineHostedPayment } from './transactions.js';
import { type KapitalOrder, PAGELESS_ORDERS } from './types.js';
import { asksToKeepCard } from './stored-tokens.js';

// The hosted payment page at hppUrl (/flex?id=&password=) and its form POST. When the shopper is
// done, the bank sends them to hppRedirectUrl with ?ID=<order id>&STATUS=<order status>. An order
// created with all three card-on-file purposes keeps the card: the bank issues a stored token.

/** hppRedirectUrl with ID and STATUS added to whatever query it has. */
export function returnUrl(order: KapitalOrder): string {
  // Hosted-page orders always have one (validate.ts); stored-token orders never reach the page.
  const url = new URL(order.request.hppRedirectUrl!);
  url.searchParams.append('ID', String(order.id));
  url.searchParams.append('STATUS', order.status);
  return url.toString();
}

const notFound = () => htmlResponse(renderMessagePage('Payment not found', 'This payment link is not valid.'), 404);

/**
 * The order named by id and password, or nothing (a wrong password looks like an unknown order).
 * Stored-token orders are paid through the API only, so the page does not know them either.
 */
function findOrder(ctx: SimContext, fields: URLSearchParams): KapitalOrder | undefined {
  const order = ctx.store.get(fields.get('id') ?? '');
  return order && order.password === fields.get('password') && !PAGELESS_ORDERS.has(order.typeRid) ? order : undefined;
}

/** Any order that is no longer being prepared cannot be paid again. */
function alreadyPage(order: KapitalOrder, status: number): Response {
  const title = order.status === 'Expired' ? 'Payment expired' : 'Payment already processed';
  return htmlResponse(renderMessagePage(title, `This order is already ${order.status}.`, { href: returnUrl(order), text: 'Return to the shop' }), status);
}

const page = (order: KapitalOrder, ctx: SimContext, extra: Partial<Parameters<typeof renderPaymentPage>[0]> = {}) =>
  renderPaymentPage({ order, merchantName: ctx.merchantName, actionUrl: `${ctx.baseUrl}/flex`, keepsCard: asksToKeepCard(order.request), ...extra });

export function showPaymentPage(ctx: SimContext, url: URL): Response {
  const order = findOrder(ctx, url.searchParams);
  if (!order) return notFound();
  if (order.status !== 'Preparing') return alreadyPage(order, 200);
  return htmlResponse(page(order, ctx));
}

export async function submitPaymentPage(request: Request, ctx: SimContext): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const order = findOrder(ctx, form);
  if (!order) return notFound();
  if (order.status !== 'Preparing') return alreadyPage(order, 409);

  if (form.get('action') === 'cancel') {
    // "Cancelled": by the consumer before payment; "Refused": after an unsuccessful attempt.
    ctx.store.setStatus(order, order.failedAttempts > 0 ? 'Refused' : 'Cancelled', 'Consumer');
    return redirectResponse(returnUrl(order));
  }
  const values = readCardForm(form);
  const checked = checkCard(values, ctx.now());
  if ('errors' in checked) {
    order.failedAttempts += 1;
    return htmlResponse(page(order, ctx, { values, errors: checked.errors }), 422);
  }
  pay(order, checked.card, ctx);
  return redirectResponse(returnUrl(order));
}

function pay(order: KapitalOrder, card: EnteredCard, ctx: SimContext): void {
  const outcome = outcomeOf(card);
  if (outcome.kind === 'reject') {
    // "Rejected by the PSP (before payment)": the terminal takes Visa and Mastercard only.
    ctx.store.setStatus(order, 'Rejected', 'System');
    return;
  }
  const [mm, yy] = card.expiry.split('/');
  order.card = { pan: card.pan, brand: card.brand!, expiration: `${mm}${yy}`, holder: card.holder, enteredAt: ctx.now() };
  order.tokenId = ctx.nextTokenId();
  if (outcome.kind === 'approve') {
    approveHostedPayment(order, ctx);
    // Only a card that paid is kept on file.
    if (asksToKeepCard(order.request)) order.storedTokenId = ctx.storedTokens.keep(order.card);
  } else {
    declineHostedPayment(order, ctx, outcome.pmoResultCode);
  }
}
