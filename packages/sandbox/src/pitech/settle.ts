import type { SimContext } from './context.js';
import { randomDigits } from './format.js';
import type { PitechTestOutcome } from './test-cards.js';
import type { PitechCard, PitechOrder, PitechSavedCard } from './types.js';
import { callbackBody } from './views.js';

// How a payment ends, whether the card was entered on the page or charged by its token: the card
// and bank fields, the state the test card leads to, and the merchant's callback.

export interface CardOutcome {
  card: PitechCard;
  cardsId: string;
  outcome: PitechTestOutcome;
  message: string;
  /** Charged by its token without 3-D Secure. */
  frictionless?: boolean;
}

export const isPaid = (o: PitechOrder) => ['SUCCESS', 'AUTH_OK', 'REFUND', 'REVERSE'].includes(o.state);

export function settle(order: PitechOrder, result: CardOutcome, ctx: SimContext): void {
  const success = result.outcome === 'success';
  order.payment = {
    card: { ...result.card },
    cardsId: result.cardsId,
    ...(result.frictionless && { frictionless: true as const }),
    bankReferenceId: randomDigits(12),
    bankReferenceTime: ctx.now(),
    ...(success && { approvalCode: randomDigits(6), paymentResponseCode: 'OK' }),
  };
  const state = success ? (order.twoPhase ? 'AUTH_OK' : 'SUCCESS') : result.outcome === 'timed_out' ? 'TIMED_OUT' : 'ERROR';
  ctx.store.setState(order, state, result.message);
}

/** Schedules the section 6 callback to the URL the order's outcome calls for, if the merchant gave one. */
export function notifyMerchant(order: PitechOrder, ctx: SimContext): void {
  const r = order.request;
  const callbackUrl = isPaid(order) ? r.callbackSuccessUrl : r.callbackErrorUrl;
  if (!callbackUrl) return;
  const snapshot = structuredClone(order); // later commits must not leak into this event
  ctx.callbacks.send(callbackUrl, () => callbackBody(snapshot, ctx.view, ctx.now()));
}

/** Charging a saved card: what its test card does on the page. */
export function savedCardOutcome(card: PitechSavedCard, frictionless: boolean): CardOutcome {
  return {
    card: { mask: card.maskedPan, owner: card.holderName, issuer: card.issuer },
    cardsId: card.cardsId,
    outcome: card.outcome,
    message: card.message,
    frictionless,
  };
}

/** The saved card a token order charges; still found once deleted, so a payment under way can finish. */
export function cardOfOrder(order: PitechOrder, ctx: SimContext): PitechSavedCard | undefined {
  return order.request.cardsId === undefined ? undefined : ctx.cards.get(order.request.cardsId);
}
