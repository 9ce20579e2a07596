import { storedCardOutcome } from './card-form.js';
import type { SimContext } from './context.js';
import { actionId, randomDigits } from './format.js';
import { findTestCard, PMO, pmoTitle } from './test-cards.js';
import { DUAL_MESSAGE_ORDERS, type KapitalOrder, type KapitalTransaction, STORED_TOKEN_ORDERS } from './types.js';
import type { TranRequest } from './validate.js';

// The transactions of an order: the hosted page's purchase or authorization, the merchant's
// payment with a saved card, clearing, reversal and refund, and the credit of an OCT order (a
// payout to a card) (Execution Transaction). Amounts in qəpik.

export interface TranError {
  errorCode: string;
  message: string;
  /** errorDetails of the answer (a PMO decline's code and match). */
  details?: Record<string, unknown>;
}

function record(order: KapitalOrder, ctx: SimContext, fields: Omit<KapitalTransaction, 'actionId' | 'ridByPmo' | 'regTime'>): KapitalTransaction {
  const tran: KapitalTransaction = { actionId: actionId(ctx.now()), ridByPmo: randomDigits(8), regTime: ctx.now(), ...fields };
  order.trans.push(tran);
  return tran;
}

const approved = () => ({ approvalCode: randomDigits(6), pmoResultCode: '1' });

/** The card on the hosted page was approved: Order_SMS is paid, Order_DMS is held. */
export function approveHostedPayment(order: KapitalOrder, ctx: SimContext): void {
  const single = order.typeRid === 'Order_SMS';
  record(order, ctx, {
    ...approved(), amount: order.amount, clearAmount: single ? order.amount : 0,
    phase: single ? 'Single' : 'Auth', type: 'Purchase', isReversal: false, description: 'Purchase',
  });
  order.authorized = order.amount;
  if (single) order.cleared = order.amount;
  ctx.store.setStatus(order, single ? 'FullyPaid' : 'Authorized', 'Consumer');
}

/** The processing declined the card with `pmoResultCode`. */
export function declineHostedPayment(order: KapitalOrder, ctx: SimContext, pmoResultCode: string): void {
  record(order, ctx, {
    pmoResultCode, amount: order.amount, clearAmount: 0,
    phase: order.typeRid === 'Order_SMS' ? 'Single' : 'Auth', type: 'Purchase', isReversal: false, description: 'Purchase',
  });
  ctx.store.setStatus(order, 'Declined', 'Consumer');
}

const wrongStatus = (order: KapitalOrder, action: string): TranError => ({
  errorCode: 'InvalidOrderState',
  message: `Cannot ${action} an order in status ${order.status} (${order.typeRid})`,
});
const tooMuch = (what: string, limit: number): TranError => ({
  errorCode: 'InvalidAmt',
  message: `The ${what} amount exceeds the ${(limit / 100).toFixed(2)} available`,
});

const isPaid = (order: KapitalOrder) => order.status === 'FullyPaid' || order.status === 'PartiallyPaid';

/** Applies an Execution Transaction request; the new transaction, or why the bank refuses it. */
export function executeTran(order: KapitalOrder, req: TranRequest, ctx: SimContext): KapitalTransaction | TranError {
  const login = ctx.username;
  if (req.type === 'Credit') return credit(order, req, ctx);
  if (order.typeRid === 'OCT') return { errorCode: 'TranProhibited', message: 'An OCT order takes a Credit transaction only' };

  if (req.type === 'Refund') {
    if (!isPaid(order)) return wrongStatus(order, 'refund');
    if (req.phase !== 'Single') return { errorCode: 'InvalidRequest', message: 'A refund is sent with phase Single' };
    const refundable = order.cleared - order.refunded;
    const amount = req.amount ?? refundable;
    if (amount > refundable) return tooMuch('refund', refundable);
    order.refunded += amount;
    const tran = record(order, ctx, { ...approved(), amount, clearAmount: -amount, phase: 'Single', type: 'Refund', isReversal: false, description: 'Refund' });
    if (order.refunded === order.cleared) ctx.store.setStatus(order, 'Refunded', login);
    return tran;
  }

  if (req.voidKind) return reverse(order, req, ctx);

  if (req.phase === 'Clearing') {
    if (!DUAL_MESSAGE_ORDERS.has(order.typeRid) || !(order.status === 'Authorized' || order.status === 'PartiallyPaid')) return wrongStatus(order, 'clear');
    const clearable = order.authorized - order.cleared;
    const amount = req.amount ?? clearable;
    if (amount > clearable) return tooMuch('clearing', clearable);
    order.cleared += amount;
    const tran = record(order, ctx, { ...approved(), amount, clearAmount: amount, phase: 'Clearing', type: 'Purchase', isReversal: false, description: 'Purchase' });
    // "Fully paid: clearing ... for the full order amount (or several clearing transactions)".
    ctx.store.setStatus(order, order.cleared >= order.amount ? 'FullyPaid' : 'PartiallyPaid', login);
    return tran;
  }
  // Single or Auth without voidKind: a payment with a saved card, which needs Set Source Token first.
  if (!STORED_TOKEN_ORDERS.has(order.typeRid)) return { errorCode: 'InvalidOrderState', message: `${order.typeRid} orders are paid on the hosted page` };
  return payWithStoredCard(order, req, ctx);
}

const noToken: TranError = { errorCode: 'InvalidOrderState', message: 'The order has no source token; set one before executing a payment' };

/**
 * "Purchase with saved card" (Order_REC, phase Single) and "Preauthorization with saved card"
 * (DMSN3D, phase Auth with authorizationKind): the stored card is charged at once, no CVV2 or 3-D Secure.
 */
function payWithStoredCard(order: KapitalOrder, req: TranRequest, ctx: SimContext): KapitalTransaction | TranError {
  if (order.status !== 'Preparing') return wrongStatus(order, 'pay');
  if (!order.card) return noToken;
  const dual = DUAL_MESSAGE_ORDERS.has(order.typeRid);
  const phase = dual ? 'Auth' : 'Single';
  if (req.phase !== phase) return { errorCode: 'InvalidRequest', message: `tran.phase: ${order.typeRid} orders are paid with phase ${phase}` };
  if (dual && !req.authorizationKind) return { errorCode: 'InvalidRequest', message: 'tran.authorizationKind: must be used with phase Auth' };
  if (!req.cofUsage) return { errorCode: 'InvalidRequest', message: 'tran.conditions.cofUsage: required for a payment with a saved card' };
  const amount = req.amount ?? order.amount;
  if (amount > order.amount) return tooMuch('payment', order.amount);
  const login = ctx.username;
  const outcome = storedCardOutcome(order.card);
  if (outcome.kind === 'decline') {
    const tran = record(order, ctx, {
      pmoResultCode: outcome.pmoResultCode, amount, clearAmount: 0, phase, type: 'Purchase', isReversal: false, description: 'Purchase',
    });
    ctx.store.setStatus(order, 'Declined', login);
    return pmoDecline(tran);
  }
  const tran = record(order, ctx, {
    ...approved(), amount, clearAmount: dual ? 0 : amount, phase, type: 'Purchase', isReversal: false, description: 'Purchase',
  });
  order.authorized = amount;
  if (!dual) order.cleared = amount;
  ctx.store.setStatus(order, dual ? 'Authorized' : amount === order.amount ? 'FullyPaid' : 'PartiallyPaid', login);
  return tran;
}

/**
 * "Execute Credit Operation": phase Single, type Credit, on an OCT order whose destination card is
 * set. The test cards decide as for payments (no expiry or CVV2 is sent for a credit); any other
 * card is unknown to the processing (52).
 */
function credit(order: KapitalOrder, req: TranRequest, ctx: SimContext): KapitalTransaction | TranError {
  if (order.typeRid !== 'OCT') return { errorCode: 'TranProhibited', message: 'Credit transactions need an OCT order' };
  if (order.status !== 'Preparing') return wrongStatus(order, 'credit');
  if (req.phase !== 'Single') return { errorCode: 'InvalidRequest', message: 'tran.phase: a credit is sent with phase Single' };
  if (!order.dstCard) return { errorCode: 'InvalidOrderState', message: 'The order has no destination token; set one before executing a credit' };
  const amount = req.amount ?? order.amount;
  if (amount !== order.amount) return { errorCode: 'InvalidAmt', message: `A credit is for the order amount, ${(order.amount / 100).toFixed(2)}` };
  const test = findTestCard(order.dstCard.pan);
  const login = ctx.username;
  if (!test || test.outcome === 'declined') {
    const tran = record(order, ctx, {
      pmoResultCode: test?.pmoResultCode ?? PMO.invalidCard, amount, clearAmount: 0, phase: 'Single', type: 'Credit', isReversal: false, description: 'Credit',
    });
    ctx.store.setStatus(order, 'Declined', login);
    return pmoDecline(tran);
  }
  // Money leaves the merchant: the clearing amount is negative, as for a refund.
  const tran = record(order, ctx, { ...approved(), amount, clearAmount: -amount, phase: 'Single', type: 'Credit', isReversal: false, description: 'Credit' });
  order.authorized = amount;
  order.cleared = amount;
  // The collection names no status for a credit order; the sandbox marks it paid.
  ctx.store.setStatus(order, 'FullyPaid', login);
  return tran;
}

/** The collection's PmoDecline answer; the sandbox never prints the card in it. */
function pmoDecline(tran: KapitalTransaction): TranError {
  const code = tran.pmoResultCode;
  const desc = pmoTitle(code);
  return {
    errorCode: 'PmoDecline',
    message: `Transaction declined by PMO: Auth Response: ${code} - ${desc}`,
    details: {
      // The example's reason for 52; the collection names no other.
      ...(code === '52' && { declineReason: 'SrcCardInvalid' }),
      match: { ridByPmo: tran.ridByPmo },
      pmoResultCode: code,
      pmoDeclineDesc: desc,
    },
  };
}

/** Reversal: voidKind Full, or Partial ("used to return funds that are less than the original amount. Can be used once"). */
function reverse(order: KapitalOrder, req: TranRequest, ctx: SimContext): KapitalTransaction | TranError {
  let reversible: number;
  if (req.phase === 'Auth') {
    if (order.status !== 'Authorized') return wrongStatus(order, 'reverse the authorization of');
    reversible = order.authorized - order.cleared;
  } else {
    const dual = req.phase !== 'Single';
    if (DUAL_MESSAGE_ORDERS.has(order.typeRid) !== dual || !isPaid(order)) return wrongStatus(order, `reverse (phase ${req.phase})`);
    if (order.refunded > 0) return { errorCode: 'InvalidOrderState', message: 'A refunded order cannot be reversed' };
    reversible = order.cleared;
  }
  let amount = reversible;
  if (req.voidKind === 'Partial') {
    if (req.amount === null) return { errorCode: 'InvalidAmt', message: 'A partial reversal needs tran.amount' };
    if (req.amount >= reversible) return { errorCode: 'InvalidAmt', message: 'A partial reversal must be less than the original amount' };
    if (order.trans.some((t) => t.isReversal)) return { errorCode: 'TranProhibited', message: 'A partial reversal can be used once' };
    amount = req.amount;
  }
  const tran = record(order, ctx, {
    ...approved(), amount, clearAmount: req.phase === 'Auth' ? 0 : -amount,
    phase: req.phase, type: 'Purchase', isReversal: true, description: 'Purchase',
  });
  const login = ctx.username;
  if (req.phase === 'Auth') {
    order.authorized -= amount;
    if (order.authorized === 0) ctx.store.setStatus(order, 'Voided', login);
  } else if (req.phase === 'Single') {
    order.authorized -= amount;
    order.cleared -= amount;
    if (order.authorized === 0) ctx.store.setStatus(order, 'Voided', login);
  } else {
    // A clearing reversal undoes the clearing; the authorization stays until it is reversed too.
    order.cleared -= amount;
    if (order.cleared === 0) ctx.store.setStatus(order, 'Authorized', login);
  }
  return tran;
}
