import { isKzMobile } from './test-phones.js';

// Required-field checks of the Gate requests (Tables 5-8). Hand-written: no runtime deps.

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
export const isPositiveInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** Value at a dotted path such as "customer.email". */
function at(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** Collects "path: problem" messages, all of them at once. */
function checker(body: Record<string, unknown>) {
  const problems: string[] = [];
  return {
    problems,
    strings(...paths: string[]) {
      for (const p of paths) if (!nonEmpty(at(body, p))) problems.push(`${p}: required (string)`);
    },
    rule(path: string, ok: (v: unknown) => boolean, message: string) {
      if (!ok(at(body, path))) problems.push(`${path}: ${message}`);
    },
  };
}

function done<T>(problems: string[], value: () => T): Result<T> {
  return problems.length ? { ok: false, message: problems.join('; ') } : { ok: true, value: value() };
}

export interface SaleRequest {
  paymentId: string;
  customer: { id: string; ip_address: string; first_name: string; last_name: string; email: string };
  number: string;
  amount: number;
  currency: string;
  description: string;
}

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** POST /v2/payment/mobile/sale (Table 5, Figure 6). */
export function validateSale(body: Record<string, unknown>): Result<SaleRequest> {
  const c = checker(body);
  c.strings('general.payment_id', 'customer.id', 'customer.ip_address', 'customer.first_name', 'customer.last_name', 'customer.email');
  c.rule('account.number', (v) => typeof v === 'string' && isKzMobile(v), 'required: 11 digits starting with 77, digits only (e.g. 77011234567)');
  c.rule('payment.amount', isPositiveInt, 'required: a positive integer in minor units (1000.00 KZT is 100000)');
  c.rule('payment.currency', (v) => v === 'KZT', 'required: KZT (the only currency of this method)');
  c.rule('payment.description', optionalString, 'must be a string');
  return done(c.problems, () => {
    const customer = body.customer as SaleRequest['customer'];
    return {
      paymentId: at(body, 'general.payment_id') as string,
      customer: {
        id: customer.id, ip_address: customer.ip_address, first_name: customer.first_name,
        last_name: customer.last_name, email: customer.email,
      },
      number: at(body, 'account.number') as string,
      amount: at(body, 'payment.amount') as number,
      currency: 'KZT',
      description: (at(body, 'payment.description') as string | undefined) ?? '',
    };
  });
}

/** POST /v2/payment/clarification (Table 6, Figure 7). */
export function validateClarification(body: Record<string, unknown>): Result<{ paymentId: string; code: string }> {
  const c = checker(body);
  c.strings('general.payment_id', 'additional_data.additional_data.approval_code');
  return done(c.problems, () => ({
    paymentId: at(body, 'general.payment_id') as string,
    code: at(body, 'additional_data.additional_data.approval_code') as string,
  }));
}

/** POST /v2/customer/action/resend (Table 7, Figure 8). */
export function validateResend(body: Record<string, unknown>): Result<{ paymentId: string }> {
  const c = checker(body);
  c.strings('general.payment_id', 'customer.ip_address');
  return done(c.problems, () => ({ paymentId: at(body, 'general.payment_id') as string }));
}

/** POST /v2/payment/status. */
export function validateStatus(body: Record<string, unknown>): Result<{ paymentId: string }> {
  const c = checker(body);
  c.strings('general.payment_id');
  return done(c.problems, () => ({ paymentId: at(body, 'general.payment_id') as string }));
}

/** POST /v2/payment/mobile/refund (Table 8, Figure 12): no amount means the rest of the payment. */
export function validateRefund(body: Record<string, unknown>): Result<{ paymentId: string; amount?: number }> {
  const c = checker(body);
  c.strings('general.payment_id');
  const payment = body.payment;
  if (payment !== undefined && !isObject(payment)) c.problems.push('payment: must be an object');
  const amount = at(body, 'payment.amount');
  if (amount !== undefined) {
    c.rule('payment.amount', isPositiveInt, 'must be a positive integer in minor units');
    c.rule('payment.currency', (v) => v === 'KZT', 'required with payment.amount: KZT');
  } else {
    c.rule('payment.currency', (v) => v === undefined || v === 'KZT', 'must be KZT');
  }
  c.rule('payment.description', optionalString, 'must be a string');
  return done(c.problems, () => ({
    paymentId: at(body, 'general.payment_id') as string,
    ...(amount !== undefined && { amount: amount as number }),
  }));
}
