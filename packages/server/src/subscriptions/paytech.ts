// pay.tech subscriptions, merchant API only: found and cancelled at pay.tech by pay.tech's own id (from
// its back office). Nothing is stored here: pay.tech's answer is the answer. The id is checked before
// pay.tech hears of it.
import { type PaytechSubscription, PaytechSubscriptionId } from '@pay-checkout/protocol';
import { ApiError } from '../http/errors.js';
import { ProviderError } from '../providers/http.js';
import type { PaytechSubscriptions } from '../providers/paytech/subscriptions.js';
import type { SubscriptionContext } from './context.js';
import { providerRefusal } from './service.js';

export async function getPaytechSubscription(ctx: SubscriptionContext, id: string): Promise<PaytechSubscription> {
  const paytech = checked(ctx, id);
  try {
    return await paytech.find(id);
  } catch (error) {
    throw refusal(error, 'read the subscription');
  }
}

/** Patch subscription to CANCELLED; one pay.tech will not cancel because it is cancelled already answers as it is. */
export async function cancelPaytechSubscription(ctx: SubscriptionContext, id: string): Promise<PaytechSubscription> {
  const paytech = checked(ctx, id);
  let canceled: PaytechSubscription;
  try {
    canceled = await paytech.cancel(id);
  } catch (error) {
    // The simulator answers a second cancel with CANCELLED; pay.tech itself may refuse it instead.
    if (!(error instanceof ProviderError) || error.kind !== 'rejected' || error.status === 404) throw refusal(error, 'cancel the subscription');
    const current = await getPaytechSubscription(ctx, id);
    if (current.state !== 'canceled') throw refusal(error, 'cancel the subscription');
    return current;
  }
  ctx.service.logger.info('paytech_subscription.canceled', { subscriptionId: id, providerState: canceled.providerState });
  return canceled;
}

/** pay.tech's subscription API, once the id can be one of pay.tech's: an id that cannot exist is as unknown as one that does not. */
function checked(ctx: SubscriptionContext, id: string): PaytechSubscriptions {
  if (!ctx.paytech) throw new ApiError(400, 'provider_not_configured', 'pay.tech is not configured on this server', { provider: 'paytech' });
  if (!PaytechSubscriptionId.safeParse(id).success) {
    throw new ApiError(404, 'subscription_not_found', 'No pay.tech subscription with this id (pay.tech ids are 32 letters or digits)');
  }
  return ctx.paytech;
}

function refusal(error: unknown, what: string): unknown {
  if (error instanceof ProviderError && error.kind === 'rejected' && error.status === 404) {
    return new ApiError(404, 'subscription_not_found', 'pay.tech has no subscription with this id');
  }
  return providerRefusal(error, what, 'pay.tech');
}
