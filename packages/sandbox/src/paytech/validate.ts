// The document's list is kept once, by the server's adapter.
import { PAYTECH_PAYMENT_METHODS } from '@pay-checkout/server/paytech-payment-methods';
import { luhnValid } from '../pitech/card-form.js';
import type { PaytechPaymentRequest, PaytechRequestCard } from './types.js';

// Hand-written checks of the Create payment body against the document's field rules (types,
// enums, lengths, the amount range). No zod at runtime: the sandbox stays dependency-light.
type Result<T> = { ok: true; value: T } | { ok: false; message: string };

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const METHODS: ReadonlySet<string> = new Set(PAYTECH_PAYMENT_METHODS);
const TYPES = new Set(['DEPOSIT', 'WITHDRAWAL', 'REFUND']);
/** The document's amount: number [0.00001 .. 1000000000]. */
export const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0.00001 && v <= 1_000_000_000;
const text = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 512) return false;
  try {
    const { protocol } = new URL(v);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

const OPTIONAL: Record<string, [(v: unknown) => boolean, string]> = {
  referenceId: [text(256), 'must be a string of at most 256 characters'],
  paymentMethod: [(v) => typeof v === 'string' && METHODS.has(v), 'must be one of the PaymentMethod values'],
  amount: [isAmount, 'must be a number from 0.00001 to 1000000000'],
  parentPaymentId: [text(32), 'must be a string of at most 32 characters'],
  description: [text(512), 'must be a string of at most 512 characters'],
  customer: [isObject, 'must be an object'],
  billingAddress: [isObject, 'must be an object'],
  returnUrl: [isHttpUrl, 'must be an http(s) URL of at most 512 characters'],
  webhookUrl: [isHttpUrl, 'must be an http(s) URL of at most 512 characters'],
  startRecurring: [(v) => typeof v === 'boolean', 'must be true or false'],
  preAuth: [(v) => typeof v === 'boolean', 'must be true or false'],
  recurringToken: [(v) => typeof v === 'string', 'must be a string'],
  subscription: [isObject, 'must be an object'],
  additionalParameters: [isObject, 'must be an object'],
};

export function validatePaymentRequest(body: unknown): Result<PaytechPaymentRequest> {
  if (!isObject(body)) return { ok: false, message: 'Request body must be a JSON object' };
  const problems: string[] = [];
  if (typeof body.paymentType !== 'string' || !TYPES.has(body.paymentType)) problems.push('paymentType: must be DEPOSIT, WITHDRAWAL or REFUND');
  // ISO 4217 for fiat, or a cryptocurrency symbol.
  if (typeof body.currency !== 'string' || !/^[A-Z][A-Z0-9]{1,9}$/.test(body.currency)) problems.push('currency: is required (ISO 4217 code)');
  for (const [key, [ok, message]] of Object.entries(OPTIONAL)) {
    if (body[key] !== undefined && body[key] !== null && !ok(body[key])) problems.push(`${key}: ${message}`);
  }
  if (body.card !== undefined && body.paymentType !== 'WITHDRAWAL') {
    problems.push('card: collecting card data on the merchant side (PCI DSS) is simulated for WITHDRAWAL only; leave it out to use the checkout page');
  } else if (body.card !== undefined) {
    problems.push(...cardProblems(body.card));
  }
  if (body.paymentType === 'WITHDRAWAL' && body.amount === undefined) problems.push('amount: is required for a WITHDRAWAL');
  if (body.paymentType === 'REFUND' && !body.parentPaymentId) problems.push('parentPaymentId: is required for REFUND');
  if (body.preAuth === true && body.paymentType !== 'DEPOSIT') problems.push('preAuth: only a DEPOSIT can be pre-authorized');
  problems.push(...recurringProblems(body));
  if (problems.length) return { ok: false, message: problems.join('; ') };
  // Unknown fields are dropped; null optionals count as absent.
  const value = Object.fromEntries(
    Object.entries(body).filter(([k, v]) => (k === 'paymentType' || k === 'currency' || k === 'card' || k in OPTIONAL) && v !== null),
  ) as unknown as PaytechPaymentRequest;
  return { ok: true, value };
}

/** A withdrawal's card: the number (Luhn-checked, never echoed), and the optional holder and expiry. */
function cardProblems(card: unknown): string[] {
  if (!isObject(card)) return ['card: must be an object'];
  const problems: string[] = [];
  const { cardNumber, cardholderName, expiryMonth, expiryYear } = card as Partial<Record<keyof PaytechRequestCard, unknown>>;
  if (typeof cardNumber !== 'string' || !/^\d{12,19}$/.test(cardNumber) || !luhnValid(cardNumber)) problems.push('card.cardNumber: must be a valid card number');
  if (cardholderName !== undefined && !text(256)(cardholderName)) problems.push('card.cardholderName: must be a string of at most 256 characters');
  if (expiryMonth !== undefined && !(typeof expiryMonth === 'string' && /^(0[1-9]|1[0-2])$/.test(expiryMonth))) problems.push('card.expiryMonth: must be MM');
  if (expiryYear !== undefined && !(typeof expiryYear === 'string' && /^\d{4}$/.test(expiryYear))) problems.push('card.expiryYear: must be YYYY');
  return problems;
}

/** A chain is started or continued by a DEPOSIT; a continuing one has no page, so it names its amount. */
function recurringProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const continues = body.recurringToken !== undefined && body.recurringToken !== null;
  if (continues && body.paymentType !== 'DEPOSIT') problems.push('recurringToken: only a DEPOSIT continues a recurring chain');
  if (continues && body.startRecurring === true) problems.push('startRecurring: a payment cannot start and continue a chain at once');
  if (continues && body.paymentType === 'DEPOSIT' && body.amount === undefined) problems.push('amount: is required to continue a recurring chain');
  if (body.startRecurring === true && body.paymentType !== 'DEPOSIT') problems.push('startRecurring: only a DEPOSIT starts a recurring chain');
  // "Used only with 'startRecurring=true'."
  if (body.subscription !== undefined && body.subscription !== null && body.startRecurring !== true) problems.push('subscription: is used only with startRecurring=true');
  return problems;
}
