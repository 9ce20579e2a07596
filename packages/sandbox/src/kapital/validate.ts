import { luhnValid } from '../pitech/card-form.js';
import { type KapitalLanguage, type KapitalOrderRequest, type KapitalOrderType, type KapitalTransaction, PAGELESS_ORDERS } from './types.js';

// Hand-written checks (no zod at runtime): the sandbox stays dependency-light. A failure carries
// the bank's error code for the answer.
export type Checked<T> = { ok: true; value: T } | { ok: false; errorCode: string; message: string };

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fail = (errorCode: string, message: string) => ({ ok: false, errorCode, message }) as const;

function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

/** "1", "1.0", "1.00" or a number: qəpik, or null when it is not a positive amount with at most 2 decimals. */
export function parseAmount(value: unknown): number | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return minor > 0 ? minor : null;
}

const LANGUAGES: readonly KapitalLanguage[] = ['az', 'en', 'ru'];
const ORDER_TYPES: readonly KapitalOrderType[] = ['Order_SMS', 'Order_DMS', 'Order_REC', 'DMSN3D', 'OCT'];
/** The terminal's allowCofStoreUsages (the "Detailed" example). */
export const COF_USAGES = ['Cit', 'PartialShipment', 'Instalment', 'Recurring', 'UnspecifiedMit', 'DelayedCharge'] as const;
const AUTHORIZATION_KINDS = ['Preliminary', 'Final'] as const;

/** Create Order body: { order: { typeRid, amount, currency, language, description, hppRedirectUrl, ... } }. */
export function validateOrderRequest(body: unknown): Checked<{ request: KapitalOrderRequest; amount: number; installmentMonths: number | null }> {
  if (!isObject(body) || !isObject(body.order)) return fail('InvalidRequest', 'Request body must be {"order": {...}}');
  const o = body.order;
  if (!ORDER_TYPES.includes(o.typeRid as KapitalOrderType)) {
    return fail('InvalidRequest', `order.typeRid: ${JSON.stringify(o.typeRid)} is not run by the sandbox (${ORDER_TYPES.join(', ')})`);
  }
  const typeRid = o.typeRid as KapitalOrderType;
  // Stored-token and credit orders never reach the hosted page: the Recurring and Order Credit
  // Transaction examples send no hppRedirectUrl.
  const pageless = PAGELESS_ORDERS.has(typeRid);
  const amount = parseAmount(o.amount);
  if (amount === null) return fail('InvalidAmt', 'order.amount: must be a positive decimal string such as "10.00"');
  if (o.currency !== 'AZN') return fail('InvalidRequest', 'order.currency: the terminal accepts AZN');
  const language = o.language ?? 'az';
  if (!LANGUAGES.includes(language as KapitalLanguage)) return fail('InvalidRequest', 'order.language: must be az, en or ru');
  if (o.description !== undefined && typeof o.description !== 'string') return fail('InvalidRequest', 'order.description: must be a string');
  if (!(pageless && o.hppRedirectUrl === undefined) && !isHttpUrl(o.hppRedirectUrl)) return fail('InvalidRequest', 'order.hppRedirectUrl: must be an http(s) URL');
  if (o.title !== undefined && typeof o.title !== 'string') return fail('InvalidRequest', 'order.title: must be a string');
  const purposes = o.hppCofCapturePurposes;
  if (purposes !== undefined && !(Array.isArray(purposes) && purposes.every((p) => typeof p === 'string'))) {
    return fail('InvalidRequest', 'order.hppCofCapturePurposes: must be an array of strings');
  }
  // Keeping the card is a hosted-page feature; a stored-token order already has one.
  if (purposes !== undefined && pageless) return fail('InvalidRequest', `order.hppCofCapturePurposes: not for typeRid ${typeRid}, which never reaches the page`);
  // Installment: "you must send taksit month in description field in this format: TAKSIT=6".
  const taksit = typeof o.description === 'string' ? /\bTAKSIT=(\d{1,2})\b/.exec(o.description) : null;
  const request: KapitalOrderRequest = {
    typeRid,
    amount: o.amount as string | number,
    currency: o.currency,
    language: language as KapitalLanguage,
    ...(typeof o.hppRedirectUrl === 'string' && { hppRedirectUrl: o.hppRedirectUrl }),
    ...(typeof o.description === 'string' && { description: o.description }),
    ...(typeof o.title === 'string' && { title: o.title }),
    ...(purposes !== undefined && { hppCofCapturePurposes: purposes as string[] }),
  };
  return { ok: true, value: { request, amount, installmentMonths: taksit ? Number(taksit[1]) : null } };
}

export interface TranRequest {
  phase: KapitalTransaction['phase'];
  /** qəpik, when given */
  amount: number | null;
  type: 'Refund' | 'Credit' | null;
  voidKind: 'Full' | 'Partial' | null;
  /** With phase Auth of a preauthorization with a saved card. */
  authorizationKind: (typeof AUTHORIZATION_KINDS)[number] | null;
  /** conditions.cofUsage: marks a payment with a stored card. */
  cofUsage: (typeof COF_USAGES)[number] | null;
}

/** Execution Transaction body: { tran: { phase, amount?, type?, voidKind?, ... } }. */
export function validateTranRequest(body: unknown): Checked<TranRequest> {
  if (!isObject(body) || !isObject(body.tran)) return fail('InvalidRequest', 'Request body must be {"tran": {...}}');
  const t = body.tran;
  if (t.phase !== 'Single' && t.phase !== 'Auth' && t.phase !== 'Clearing') return fail('InvalidRequest', 'tran.phase: must be Single, Auth or Clearing');
  let amount: number | null = null;
  if (t.amount !== undefined) {
    amount = parseAmount(t.amount);
    if (amount === null) return fail('InvalidAmt', 'tran.amount: must be a positive decimal string such as "1.00"');
  }
  if (t.type !== undefined && t.type !== 'Refund' && t.type !== 'Credit') return fail('InvalidRequest', 'tran.type: must be Refund or Credit');
  if (t.voidKind !== undefined && t.voidKind !== 'Full' && t.voidKind !== 'Partial') return fail('InvalidRequest', 'tran.voidKind: must be Full or Partial');
  if (t.voidKind !== undefined && t.type !== undefined) return fail('InvalidRequest', 'tran.voidKind and tran.type cannot be combined');
  if (t.authorizationKind !== undefined && !AUTHORIZATION_KINDS.includes(t.authorizationKind as never)) {
    return fail('InvalidRequest', `tran.authorizationKind: must be ${AUTHORIZATION_KINDS.join(' or ')}`);
  }
  if (t.authorizationKind !== undefined && t.phase !== 'Auth') return fail('InvalidRequest', 'tran.authorizationKind is used with phase Auth');
  if (t.conditions !== undefined && !isObject(t.conditions)) return fail('InvalidRequest', 'tran.conditions: must be an object');
  const cofUsage = isObject(t.conditions) ? t.conditions.cofUsage : undefined;
  if (cofUsage !== undefined && !COF_USAGES.includes(cofUsage as never)) return fail('InvalidRequest', `tran.conditions.cofUsage: must be one of ${COF_USAGES.join(', ')}`);
  return {
    ok: true,
    value: {
      phase: t.phase,
      amount,
      type: (t.type as TranRequest['type']) ?? null,
      voidKind: (t.voidKind as TranRequest['voidKind']) ?? null,
      authorizationKind: (t.authorizationKind as TranRequest['authorizationKind']) ?? null,
      cofUsage: (cofUsage as TranRequest['cofUsage']) ?? null,
    },
  };
}

export interface SrcTokenRequest {
  storedId: number;
  initiationEnvKind: 'Server' | 'Browser';
}

/** Set Source Token ("Standart token"): { order: { initiationEnvKind }, token: { storedId } }. */
export function validateSrcTokenRequest(body: unknown): Checked<SrcTokenRequest> {
  if (!isObject(body) || !isObject(body.token)) return fail('InvalidRequest', 'Request body must be {"order": {...}, "token": {...}}');
  const kind = isObject(body.order) ? body.order.initiationEnvKind : undefined;
  if (kind !== 'Server' && kind !== 'Browser') return fail('InvalidRequest', 'order.initiationEnvKind: must be Server (MIT, recurring) or Browser (CIT)');
  const token = body.token;
  if (token.extCof !== undefined) return fail('InvalidRequest', 'token.extCof: external card-on-file providers (TWO_COF) are not run by the sandbox; send token.storedId');
  const id = token.storedId;
  const storedId = typeof id === 'number' ? id : typeof id === 'string' && /^\d{1,12}$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(storedId) || storedId <= 0) return fail('InvalidRequest', 'token.storedId: must be the id of a saved card');
  return { ok: true, value: { storedId, initiationEnvKind: kind } };
}

export interface DstTokenRequest {
  pan: string;
}

/**
 * Set Destination Token / PAN: { token: { card: { panBlock: { data }, entryMode: "ECommerce" } } }.
 * The TWO token variant (extCof) names a card kept by an external provider the sandbox does not run.
 */
export function validateDstTokenRequest(body: unknown): Checked<DstTokenRequest> {
  if (!isObject(body) || !isObject(body.token)) return fail('InvalidRequest', 'Request body must be {"token": {...}}');
  const token = body.token;
  if (token.extCof !== undefined) return fail('InvalidRequest', 'token.extCof: external card-on-file providers (TWO_COF) are not run by the sandbox; send token.card.panBlock');
  const card = token.card;
  if (!isObject(card) || !isObject(card.panBlock)) return fail('InvalidRequest', 'token.card.panBlock.data: the card number is required');
  if (card.entryMode !== 'ECommerce') return fail('InvalidRequest', 'token.card.entryMode: must be ECommerce');
  const pan = card.panBlock.data;
  // The number itself is never echoed back.
  if (typeof pan !== 'string' || !/^\d{12,19}$/.test(pan) || !luhnValid(pan)) return fail('InvalidToken', 'token.card.panBlock.data: not a valid card number');
  return { ok: true, value: { pan } };
}
