import { randomUUID } from 'node:crypto';
import { bakuTime, cryptValue, displayPan, major, utcTime } from './format.js';
import { type KapitalCard, type KapitalOrder, type KapitalTransaction, PAGELESS_ORDERS, STORED_TOKEN_ORDERS } from './types.js';

// JSON shapes of the collection's examples, built from an order. Key order follows the examples.

export interface ViewContext {
  baseUrl: string;
  merchantName: string;
}

// Fixed terminal and merchant of the sandbox, with the example's values.
const TERMINAL = { id: 41, rid: 'E1000010', mcc: 3011, status: 'Active' };
const MERCHANT_ID = 101;

/** Create Order "Success response"; a Recurring (or credit) order's has no secret and needs no CVV2. */
export function createdOrderBody(order: KapitalOrder, ctx: ViewContext): Record<string, unknown> {
  const base = { id: order.id, hppUrl: `${ctx.baseUrl}/flex`, password: order.password, status: order.status };
  if (PAGELESS_ORDERS.has(order.typeRid)) return { order: { ...base, cvv2AuthStatus: 'IneligibleOrder' } };
  return { order: { ...base, cvv2AuthStatus: 'Required', secret: order.secret } };
}

/** Set Source Token "Success Response": the order's authentication needs and its new source token. */
export function srcTokenBody(order: KapitalOrder): Record<string, unknown> {
  return {
    order: {
      status: order.status,
      cvv2AuthStatus: 'IneligibleOrder',
      tdsV1AuthStatus: 'IneligibleOrder',
      tdsV2AuthStatus: 'IneligibleOrder',
      otpAutStatus: 'IneligibleOrder',
      srcToken: storedSrcTokenView(order),
    },
  };
}

/** Set Destination Token: not shown by the collection; the Set Source Token answer's shape, with the masked card as dstToken. */
export function dstTokenBody(order: KapitalOrder): Record<string, unknown> {
  return { order: { status: order.status, dstToken: dstTokenView(order) } };
}

function dstTokenView(order: KapitalOrder): Record<string, unknown> {
  const card = order.dstCard!;
  return { ...cardToken(order.dstTokenId, 'Dst', card), entryMode: 'ECommerce', displayName: displayPan(card.pan), card: { brand: card.brand } };
}

/** What every card token view starts with. */
function cardToken(id: number | undefined, role: 'Src' | 'Dst', card: KapitalCard): Record<string, unknown> {
  return { id, paymentMethod: 'Card', role, status: 'Active', regTime: bakuTime(card.enteredAt) };
}

/** Execution Transaction "Success Response". */
export function tranBody(tran: KapitalTransaction): Record<string, unknown> {
  return { tran: { approvalCode: tran.approvalCode, match: { tranActionId: tran.actionId, ridByPmo: tran.ridByPmo }, pmoResultCode: tran.pmoResultCode } };
}

export interface DetailLevels {
  order: number;
  tran: number;
  token: number;
}

const ORDER_TYPES = {
  Order_SMS: { allowVoid: true, hppTranPhase: 'Single', title: 'Single message', phases: ['Single', 'Prepare'], authKinds: ['Final', 'Undefined'] },
  Order_DMS: { allowVoid: true, hppTranPhase: 'Auth', title: 'Dual message', phases: ['Auth', 'Clearing'], authKinds: ['Preliminary', 'Final'] },
  // The collection shows no status of these two; titles are the sandbox's own words.
  Order_REC: { allowVoid: true, hppTranPhase: 'Single', title: 'Recurring', phases: ['Single'], authKinds: ['Final', 'Undefined'] },
  DMSN3D: { allowVoid: true, hppTranPhase: 'Auth', title: 'Dual message without 3-D Secure', phases: ['Auth', 'Clearing'], authKinds: ['Preliminary', 'Final'] },
  OCT: { allowVoid: false, hppTranPhase: 'Single', title: 'Order credit transaction', phases: ['Single'], authKinds: ['Final', 'Undefined'] },
} as const;

/** Get Order Status: "Simple" without detail levels, "Detailed" with orderDetailLevel (trans, srcToken by their own levels). */
export function statusBody(order: KapitalOrder, ctx: ViewContext, levels: DetailLevels): Record<string, unknown> {
  const finish = order.finishedAt === null ? {} : { finishTime: bakuTime(order.finishedAt) };
  const trans = levels.tran > 0 && order.trans.length > 0 ? { trans: order.trans.map((t) => tranView(order, t)) } : {};
  const title = order.request.title ?? ctx.merchantName;
  if (levels.order <= 0) {
    return {
      order: {
        id: order.id, typeRid: order.typeRid, status: order.status,
        ...(order.prevStatus && { prevStatus: order.prevStatus }),
        lastStatusLogin: order.lastStatusLogin, amount: major(order.amount), currency: order.request.currency,
        createTime: bakuTime(order.createdAt), ...finish, ...trans, title, type: { title: ORDER_TYPES[order.typeRid].title },
      },
    };
  }
  const r = order.request;
  const amount = major(order.amount);
  const type = ORDER_TYPES[order.typeRid];
  const storedToken = STORED_TOKEN_ORDERS.has(order.typeRid);
  // Stored-token and credit orders skip CVV2 and 3-D Secure; page orders provide them with the card.
  const auth = (provided: string) => (PAGELESS_ORDERS.has(order.typeRid) ? 'IneligibleOrder' : order.card ? provided : 'Required');
  return {
    order: {
      id: order.id,
      hppUrl: `${ctx.baseUrl}/flex`,
      ...(r.hppRedirectUrl !== undefined && { hppRedirectUrl: r.hppRedirectUrl }),
      password: order.password,
      status: order.status,
      ...(order.prevStatus && { prevStatus: order.prevStatus }),
      lastStatusLogin: order.lastStatusLogin,
      amount,
      currency: r.currency,
      terminal: { id: TERMINAL.id, rid: TERMINAL.rid, title: TERMINAL.rid, mcc: TERMINAL.mcc, status: TERMINAL.status },
      srcAmount: amount,
      srcAmountFull: amount,
      srcCurrency: r.currency,
      dstAmount: amount,
      dstCurrency: r.currency,
      createTime: bakuTime(order.createdAt),
      ...finish,
      // "With COF data": the card the page kept, by the id a Set Source Token names (storedId).
      ...(levels.token > 0 && order.storedTokenId !== undefined && { storedTokens: [{ id: order.storedTokenId }] }),
      ...trans,
      cvv2AuthStatus: auth('Provided'),
      tdsV1AuthStatus: 'IneligibleOrder',
      tdsV2AuthStatus: auth('Verified'),
      tdsServerUrl: `${ctx.baseUrl}/tds`,
      authorizedChargeAmount: major(order.authorized),
      clearedChargeAmount: major(order.cleared),
      clearedRefundAmount: major(order.refunded),
      title,
      ...(r.description !== undefined && { description: r.description }),
      language: r.language,
      ...(levels.token > 0 && order.card && { srcToken: storedToken ? storedSrcTokenView(order) : srcTokenView(order) }),
      ...(levels.token > 0 && order.dstCard && { dstToken: dstTokenView(order) }),
      merchant: {
        id: MERCHANT_ID, rid: TERMINAL.rid, title: ctx.merchantName,
        businessAddress: { country: 'AZE', countryA2: 'AZ', countryN3: 31 }, trustConsumerPhone: false,
      },
      initiationEnvKind: order.initiationEnvKind ?? 'Browser',
      type: {
        allowVoid: type.allowVoid, hppTranPhase: type.hppTranPhase, secretLength: 6, title: type.title, rid: order.typeRid,
        paymentMethods: ['Card'], cardBrands: ['Visa', 'Mastercard'],
        allowTdsAttempt: false, allowTdsCant: false, allowTdsChallenged: false, allowSurcharge: false,
        allowTranTypes: ['Purchase', 'Refund', 'CheckToken'], allowTranPhases: [...type.phases], allowAuthKinds: [...type.authKinds],
        allowCofStoreUsages: ['Cit', 'PartialShipment', 'Instalment', 'Recurring', 'UnspecifiedMit', 'DelayedCharge'],
        orderClass: 'Sale', allowCVV2: true,
      },
      hppCofCapturePurposes: r.hppCofCapturePurposes ?? [],
      custAttrs: [],
      reportPubs: {},
    },
  };
}

function tranView(order: KapitalOrder, t: KapitalTransaction): Record<string, unknown> {
  return {
    ...(t.approvalCode !== undefined && { approvalCode: t.approvalCode }),
    actionId: t.actionId,
    orderId: order.id,
    terminalId: TERMINAL.id,
    merchantId: MERCHANT_ID,
    billingStatus: 'Normal',
    isReversal: t.isReversal,
    ridByAcquirer: t.ridByPmo,
    ridByPmo: t.ridByPmo,
    regTime: bakuTime(t.regTime),
    clearAmount: major(t.clearAmount),
    clearCcy: order.request.currency,
    amount: major(t.amount),
    currency: order.request.currency,
    description: t.description,
    phase: t.phase,
    type: t.type,
    pmoResultCode: t.pmoResultCode,
  };
}

function srcTokenView(order: KapitalOrder): Record<string, unknown> {
  const card = order.card!;
  const tranId = randomUUID();
  const dsTranId = randomUUID();
  const eci = card.brand === 'Visa' ? '05' : '02';
  const tdsARes = JSON.stringify({
    threeDSServerTransID: tranId, acsTransID: randomUUID(), dsTransID: dsTranId, messageType: 'ARes', messageVersion: '2.2.0',
    acsOperatorID: 'ACS-SANDBOX', eci, transStatus: 'Y',
  });
  return {
    ...cardToken(order.tokenId, 'Src', card),
    entryMode: 'ECommerce',
    displayName: displayPan(card.pan),
    owner: {},
    card: {
      authentication: {
        needCvv2: false, needTds: false, tranId, tdsDsTranId: dsTranId, timestamp: utcTime(card.enteredAt),
        tdsProtocolVer: '2.2.0', cryptType: 'Tds', cryptVal: cryptValue(), eci, tdsARes,
      },
      expiration: card.expiration,
      brand: card.brand,
      issuerRid: card.brand === 'Visa' ? '4' : '5',
    },
  };
}

/** A source token set from a stored card: the shape of the Set Source Token example, no authentication. */
function storedSrcTokenView(order: KapitalOrder): Record<string, unknown> {
  const card = order.card!;
  return { ...cardToken(order.tokenId, 'Src', card), displayName: displayPan(card.pan), card: { expiration: card.expiration, brand: card.brand } };
}
