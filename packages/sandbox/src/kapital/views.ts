import { randomUUID } from 'node:crypto';
import { bakuTime, cryptValue, displayPan, major, utcTime } from './format.js';
import type { KapitalOrder, KapitalTransaction } from './types.js';

// JSON shapes of the collection's examples, built from an order. Key order follows the examples.

export interface ViewContext {
  baseUrl: string;
  merchantName: string;
}

// Fixed terminal and merchant of the sandbox, with the example's values.
const TERMINAL = { id: 41, rid: 'E1000010', mcc: 3011, status: 'Active' };
const MERCHANT_ID = 101;

/** Create Order "Success response". */
export function createdOrderBody(order: KapitalOrder, ctx: ViewContext): Record<string, unknown> {
  return {
    order: { id: order.id, hppUrl: `${ctx.baseUrl}/flex`, password: order.password, status: order.status, cvv2AuthStatus: 'Required', secret: order.secret },
  };
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
  return {
    order: {
      id: order.id,
      hppUrl: `${ctx.baseUrl}/flex`,
      hppRedirectUrl: r.hppRedirectUrl,
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
      ...trans,
      cvv2AuthStatus: order.card ? 'Provided' : 'Required',
      tdsV1AuthStatus: 'IneligibleOrder',
      tdsV2AuthStatus: order.card ? 'Verified' : 'Required',
      tdsServerUrl: `${ctx.baseUrl}/tds`,
      authorizedChargeAmount: major(order.authorized),
      clearedChargeAmount: major(order.cleared),
      clearedRefundAmount: major(order.refunded),
      title,
      ...(r.description !== undefined && { description: r.description }),
      language: r.language,
      ...(levels.token > 0 && order.card && { srcToken: srcTokenView(order) }),
      merchant: {
        id: MERCHANT_ID, rid: TERMINAL.rid, title: ctx.merchantName,
        businessAddress: { country: 'AZE', countryA2: 'AZ', countryN3: 31 }, trustConsumerPhone: false,
      },
      initiationEnvKind: 'Browser',
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
    id: order.tokenId,
    paymentMethod: 'Card',
    role: 'Src',
    status: 'Active',
    regTime: bakuTime(card.enteredAt),
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
