// A subscription request checked before PITECH is called: the schema, PITECH being configured and
// taking the currency, a start still to come, and the saved card being the customer's own PITECH
// card. Each refusal has its own stable code.
import { CreateSubscriptionRequest, currencyExponent, isSupportedCurrency, type Money, UpdateSubscriptionRequest } from '@pay-checkout/protocol';
import type { ZodError } from 'zod';
import { ApiError } from '../http/errors.js';
import type { SavedCardRecord } from '../store/types.js';
import type { SubscriptionContext } from './context.js';

export interface CheckedSubscription {
  request: CreateSubscriptionRequest;
  card: SavedCardRecord;
}

export async function checkCreateRequest(ctx: SubscriptionContext, input: unknown): Promise<CheckedSubscription> {
  const parsed = CreateSubscriptionRequest.safeParse(input);
  if (!parsed.success) throw refusal(parsed.error, input);
  const request = parsed.data;
  checkTerms(ctx, request.amount, request.startTime);
  const card = await ctx.service.store.getSavedCard(request.savedCardId);
  // Another customer's card, or another provider's, is as unknown as a card that never was.
  if (!card || card.customerId !== request.customerId || card.provider !== 'pitech') {
    throw new ApiError(404, 'saved_card_not_found', 'No such saved PITECH card for this customer', { field: 'savedCardId' });
  }
  return { request, card };
}

export function checkUpdateRequest(ctx: SubscriptionContext, input: unknown): UpdateSubscriptionRequest {
  const parsed = UpdateSubscriptionRequest.safeParse(input);
  if (!parsed.success) throw refusal(parsed.error, input);
  requirePitech(ctx);
  if (parsed.data.amount) checkTerms(ctx, parsed.data.amount, parsed.data.startTime);
  else if (parsed.data.startTime) checkStart(ctx, parsed.data.startTime);
  return parsed.data;
}

/** The subscription API, or a refusal when PITECH is not configured here. */
export function requirePitech(ctx: SubscriptionContext): NonNullable<SubscriptionContext['pitech']> {
  if (!ctx.pitech) throw new ApiError(400, 'provider_not_configured', 'PITECH is not configured on this server; subscriptions need it', { provider: 'pitech' });
  return ctx.pitech;
}

function checkTerms(ctx: SubscriptionContext, amount: Money, startTime: string | undefined): void {
  requirePitech(ctx);
  const currencies = ctx.service.adapter('pitech')?.currencies ?? [];
  if (!currencies.includes(amount.currency)) {
    throw new ApiError(400, 'currency_not_supported', `PITECH does not charge subscriptions in ${amount.currency} (it takes ${currencies.join(', ')})`, {
      currencies,
    });
  }
  if (startTime) checkStart(ctx, startTime);
}

function checkStart(ctx: SubscriptionContext, startTime: string): void {
  if (Date.parse(startTime) <= ctx.service.now().getTime()) {
    throw new ApiError(400, 'invalid_request', 'startTime must be in the future', { field: 'startTime' });
  }
}

/** The first problem, with the code that names it. */
function refusal(error: ZodError, input: unknown): ApiError {
  const at = (issue: { path: PropertyKey[] }) => issue.path.map(String).join('.');
  const currency = error.issues.find((issue) => at(issue) === 'amount.currency');
  if (currency) return new ApiError(400, 'currency_not_supported', `amount.currency ${currency.message}`, { field: 'amount.currency' });
  if (error.issues.some((issue) => at(issue) === 'amount.value')) {
    const given = (input as { amount?: { currency?: unknown } } | null)?.amount?.currency;
    const decimals = typeof given === 'string' && isSupportedCurrency(given) ? ` (${given} has ${currencyExponent(given)} decimals)` : '';
    return new ApiError(400, 'amount_out_of_range', `amount.value must be a positive whole number of minor units${decimals}`, { field: 'amount.value' });
  }
  return ApiError.invalid(error);
}
