// A payout request checked before any provider is called: the schema, then what the chosen provider
// takes. Each refusal has its own stable code, so a merchant's code can tell them apart.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CreatePayoutRequest, currencyExponent, isSupportedCurrency } from '@pay-checkout/protocol';
import { ApiError } from '../http/errors.js';
import type { PayoutAdapter } from './types.js';

/** The parsed request and the provider that will send it. */
export interface CheckedPayout {
  request: CreatePayoutRequest;
  adapter: PayoutAdapter;
}

export function checkPayoutRequest(input: unknown, adapters: ReadonlyMap<string, PayoutAdapter>): CheckedPayout {
  const parsed = CreatePayoutRequest.safeParse(input);
  if (!parsed.success) throw refusal(parsed.error.issues, input);
  const request = parsed.data;
  const adapter = adapters.get(request.provider);
  if (!adapter) throw new ApiError(400, 'provider_not_configured', `${request.provider} is not configured for payouts on this server`, { provider: request.provider });
  const { currency } = request.amount;
  if (!adapter.currencies.includes(currency)) {
    throw new ApiError(400, 'currency_not_supported', `${adapter.displayName} does not pay out in ${currency} (it takes ${adapter.currencies.join(', ')})`, {
      currencies: adapter.currencies,
    });
  }
  return { request, adapter };
}

/** The first problem, with the code that names it; the card number itself is never echoed. */
function refusal(issues: readonly { path: PropertyKey[]; message: string }[], input: unknown): ApiError {
  const at = (issue: { path: PropertyKey[] }) => issue.path.map(String).join('.');
  const amount = issues.find((issue) => at(issue).startsWith('amount'));
  if (amount && at(amount) === 'amount.currency') {
    return new ApiError(400, 'currency_not_supported', `amount.currency ${amount.message}`, { field: 'amount.currency' });
  }
  if (amount && at(amount) === 'amount.value') {
    const currency = (input as { amount?: { currency?: unknown } } | null)?.amount?.currency;
    const decimals = typeof currency === 'string' && isSupportedCurrency(currency) ? ` (${currency} has ${currencyExponent(currency)} decimals)` : '';
    return new ApiError(400, 'amount_out_of_range', `amount.value must be a positive whole number of minor units${decimals}`, { field: 'amount.value' });
  }
  const card = issues.find((issue) => at(issue) === 'destination.cardNumber');
  if (card) return new ApiError(400, 'card_number_invalid', `destination.cardNumber ${card.message}`, { field: 'destination.cardNumber' });
  const first = issues[0];
  const details = { issues: issues.map((issue) => ({ path: at(issue), message: issue.message })) };
  return new ApiError(400, 'invalid_request', first ? `Invalid request body: ${at(first) || '(root)'} ${first.message}` : 'Invalid request body', details);
}

/**
 * A salted hash of the request, to tell a repeat from another request under the same key. Salted:
 * the request holds a card number, whose few unknown digits an unsalted hash would give away.
 */
export function hashRequest(request: CreatePayoutRequest, salt = randomBytes(16).toString('hex')): string {
  return `${salt}.${createHash('sha256').update(salt).update(canonical(request)).digest('hex')}`;
}

export function sameRequest(request: CreatePayoutRequest, stored: string): boolean {
  const [salt] = stored.split('.');
  const again = Buffer.from(hashRequest(request, salt));
  const before = Buffer.from(stored);
  return again.length === before.length && timingSafeEqual(again, before);
}

/** JSON with keys sorted, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
