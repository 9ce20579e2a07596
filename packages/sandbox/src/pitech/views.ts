import { pitechLocalTime, pitechTime, randomToken } from './format.js';
import type { PitechOrder, PitechSaveCardOrder, PitechSavedCard } from './types.js';

// JSON shapes of the spec, built from an order. Key order follows the spec's examples.

export interface ViewContext {
  merchantName: string;
  merchantsId: number;
  paymentUrl: (order: PitechOrder) => string;
  /** A SAVE_CARD page: the document's link names the id orderId. */
  saveCardUrl: (order: PitechSaveCardOrder) => string;
}

/**
 * The 3.1 response (also 3.4.x, commit, reverse, refund). With `withPayment` (status,
 * 3.2) the card and bank fields of 3.3's response are added once a card was tried,
 * plus `message` when the payment failed and the committed and refunded sums once there are any.
 */
export function orderResponse(order: PitechOrder, ctx: ViewContext, withPayment = false): Record<string, unknown> {
  const r = order.request;
  const p = withPayment ? order.payment : undefined;
  const failed = withPayment && order.message !== undefined && !['SUCCESS', 'AUTH_OK', 'REFUND', 'REVERSE'].includes(order.state);
  return {
    merchantName: ctx.merchantName,
    extOrdersId: r.extOrdersId,
    amount: r.amount,
    uuid: order.uuid,
    orderDate: order.orderDate,
    ordersId: order.ordersId,
    currency: r.currency,
    state: order.state,
    ...(p && {
      card: { ...p.card },
      bankReferenceId: p.bankReferenceId,
      bankReferenceTime: pitechTime(p.bankReferenceTime),
      ...(p.approvalCode !== undefined && { approvalCode: p.approvalCode }),
      ...(p.paymentResponseCode !== undefined && { paymentResponseCode: p.paymentResponseCode }),
    }),
    ...(failed && { message: order.message }),
    // The document prints no amounts after a commit or refund; the status read reports them, named
    // after the request fields (refundAmount: the sum so far), so a partial refund can be told apart.
    ...(withPayment && order.committedAmount !== undefined && { commitAmount: order.committedAmount }),
    ...(withPayment && order.refundedAmount !== undefined && { refundAmount: order.refundedAmount }),
    paymentUrl: ctx.paymentUrl(order),
    successReturnUrl: r.successReturnUrl,
    errorReturnUrl: r.errorReturnUrl,
    clientsId: order.clientsId,
    extClientRef: r.extClientRef ?? null,
    payload: mergedPayload(order),
    description: r.description,
    ...(r.cardsId !== undefined && { cardsId: r.cardsId }),
  };
}

/** The spec echoes the payload with the customer's email merged in. */
export function mergedPayload(order: PitechOrder): Record<string, unknown> {
  const { payload = {}, email } = order.request;
  return email === undefined ? { ...payload } : { ...payload, email };
}

/**
 * Section 6 callback body. As printed there, the success example names the id
 * `orderId` and the failure example `ordersId`; both are reproduced.
 */
export function callbackBody(order: PitechOrder, ctx: ViewContext, now: number): Record<string, unknown> {
  const success = order.state === 'SUCCESS' || order.state === 'AUTH_OK';
  const r = order.request;
  const p = order.payment;
  const amount = r.amount;
  return {
    eventTime: pitechTime(now),
    eventId: randomToken('Event_'),
    callbackType: success ? 'PAY' : 'FAIL',
    [success ? 'orderId' : 'ordersId']: order.ordersId,
    ordersTime: pitechTime(order.createdAt),
    ordersState: order.state,
    ordersStateTime: pitechTime(order.stateChangedAt),
    // Absent only when no card was entered (order cancelled on the page).
    ...(p && { bankReferenceId: p.bankReferenceId, bankReferenceTime: pitechTime(p.bankReferenceTime) }),
    merchantsId: ctx.merchantsId,
    extOrdersId: r.extOrdersId,
    extClientRef: r.extClientRef ?? null,
    payload: mergedPayload(order),
    clientsId: order.clientsId,
    ...(p && { cardsId: r.cardsId ?? p.cardsId, card: { ...p.card } }),
    // The spec's example: billAmount 288.3 of 300, i.e. net of a 3.9% fee.
    billAmount: Math.round(amount * 0.961 * 100) / 100,
    totalAmount: amount,
    authAmount: amount,
    currency: r.currency,
    message: order.message ?? (success ? 'Approved' : 'Declined'),
    description: r.description,
    '2phase': order.twoPhase,
    // A saved card charged by its token alone passed no 3-D Secure.
    '3ds': p !== undefined && !p.frictionless,
    subscription: false,
  };
}

/** Section 4.1 response. */
export function saveCardOrderResponse(order: PitechSaveCardOrder, ctx: ViewContext): Record<string, unknown> {
  const r = order.request;
  return {
    merchantName: ctx.merchantName,
    amount: r.amount,
    uuid: order.uuid,
    orderDate: order.orderDate,
    orderId: order.orderId,
    currency: r.currency,
    state: order.state,
    paymentUrl: ctx.saveCardUrl(order),
    successReturnUrl: r.successReturnUrl,
    errorReturnUrl: r.errorReturnUrl,
    clientsId: order.clientsId,
    extClientRef: r.extClientRef,
    payload: {},
    description: SAVE_CARD_DESCRIPTION,
    paymentType: 'SAVE_CARD',
  };
}

/** As the document's 4.1 example prints it ("Card saving"). */
export const SAVE_CARD_DESCRIPTION = 'Сохранение карты';

/** One card of section 4.2's list. */
export function savedCardResponse(card: PitechSavedCard): Record<string, unknown> {
  return {
    cardsId: card.cardsId,
    maskedPan: card.maskedPan,
    holderName: card.holderName,
    issuer: card.issuer,
    clientsId: card.clientsId,
    state: card.state,
    createTime: pitechLocalTime(card.createdAt),
    updateTime: pitechLocalTime(card.updatedAt),
    confirmed: card.confirmed,
  };
}
