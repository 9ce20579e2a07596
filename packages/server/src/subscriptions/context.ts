// What the subscription functions share: the checkout service (store, saved cards, the payment save
// path) and PITECH's and pay.tech's subscription APIs when those providers are configured.
import type { CheckoutService } from '../payments/service.js';
import type { PaytechSubscriptions } from '../providers/paytech/subscriptions.js';
import type { PitechSubscriptions } from '../providers/pitech/subscriptions.js';

export interface SubscriptionContext {
  service: CheckoutService;
  pitech: PitechSubscriptions | null;
  /** Find and cancel only (paytech.ts). */
  paytech: PaytechSubscriptions | null;
  /** One sync or read of a subscription at a time in this process; other processes are kept off by the ids charges get. */
  locks: Map<string, Promise<unknown>>;
}
