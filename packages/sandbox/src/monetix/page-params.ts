import { monetixSign, monetixVerify } from '@pay-checkout/server/monetix-signature';
import type { MonetixContext } from './context.js';
import { isObject, type Result } from './validate.js';

// Payment Page URL parameters (Tables 3 and 4) and their signature.
//
// Signature convention of this sandbox: every query parameter except `signature` is signed,
// as the string it is in the URL, except project_id and payment_amount, which are signed as
// numbers (as in the EPayWidget config). payment_methods_options is therefore signed as its
// JSON string. (A number and its decimal string flatten to the same item, so this only
// matters for odd spellings such as "01234".)

const REQUIRED = [
  'project_id', 'payment_id', 'customer_id', 'customer_first_name', 'customer_last_name',
  'customer_email', 'payment_currency', 'payment_amount',
] as const;

const NUMERIC = new Set(['project_id', 'payment_amount']);

function toSign(params: Record<string, string>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, NUMERIC.has(k) ? Number(v) : v]));
}

/** A signed Payment Page URL; object values (payment_methods_options) are sent as JSON strings. */
export function buildMonetixPaymentPageUrl(
  baseUrl: string,
  params: Record<string, string | number | Record<string, unknown>>,
  secretKey: string,
): string {
  const strings = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );
  const query = new URLSearchParams({ ...strings, signature: monetixSign(toSign(strings), secretKey) });
  return `${baseUrl.replace(/\/+$/, '')}/payment?${query}`;
}

export interface PageRequest {
  paymentId: string;
  customer: { id: string; first_name: string; last_name: string; email: string };
  amount: number;
  currency: string;
  selectedOperator?: string;
  successUrl?: string;
  failUrl?: string;
}

const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** payment_methods_options arrives as a JSON string; undefined when it is not an object. */
function parseOptions(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Verified and checked parameters of a Payment Page request. */
export function readPageRequest(search: URLSearchParams, ctx: MonetixContext): Result<PageRequest> {
  const { signature, ...params } = Object.fromEntries(search);
  if (!signature || Number(params.project_id) !== ctx.projectId || !monetixVerify({ ...toSign(params), signature }, ctx.secretKey)) {
    return { ok: false, message: 'Invalid signature' };
  }
  const problems = REQUIRED.filter((k) => !params[k]?.trim()).map((k) => `${k}: required`);
  const amount = Number(params.payment_amount);
  if (params.payment_amount && !(/^\d+$/.test(params.payment_amount) && amount > 0)) {
    problems.push('payment_amount: a positive integer in minor units');
  }
  if (params.payment_currency && params.payment_currency !== 'KZT') problems.push('payment_currency: only KZT');
  for (const k of ['merchant_success_url', 'merchant_fail_url']) {
    if (params[k] !== undefined && !isHttpUrl(params[k])) problems.push(`${k}: must be an http(s) URL`);
  }
  const options = parseOptions(params.payment_methods_options);
  if (!options) problems.push('payment_methods_options: must be a JSON object');
  if (problems.length) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      paymentId: params.payment_id!,
      customer: {
        id: params.customer_id!, first_name: params.customer_first_name!,
        last_name: params.customer_last_name!, email: params.customer_email!,
      },
      amount,
      currency: 'KZT',
      ...(typeof options?.selected_operator === 'string' && { selectedOperator: options.selected_operator }),
      ...(params.merchant_success_url && { successUrl: params.merchant_success_url }),
      ...(params.merchant_fail_url && { failUrl: params.merchant_fail_url }),
    },
  };
}
