// Reconciliation: payments still in flight (a lost answer, a callback that never came, a shopper
// who closed the tab on the way back) are re-read from the provider until they are final. Each
// instance sweeps on its own timer; a lease per payment, taken in the shared store, lets only one
// instance read a given payment per lease window, so several servers don't hit the provider twice.
import type { Logger } from '../log.js';
import { repeatEvery } from '../repeat.js';
import type { PaymentRecord, Store } from '../store/types.js';

export interface ReconcileResult {
  /** Payments in flight that were old enough to look at. */
  checked: number;
  /** Of those, how many this run moved to another state. */
  changed: number;
  /** Still in flight afterwards (the provider has no final answer yet, or could not be read). */
  unsettled: number;
  /** Skipped because another instance holds their lease. */
  leased: number;
}

export interface ReconcileOptions {
  /** Only payments untouched for this long: younger ones are still in the shopper's hands. */
  minAgeMs: number;
  /** How long one instance keeps a payment to itself. */
  leaseMs: number;
  /** At most this many payments per run. */
  batch: number;
}

export interface Reconciler {
  store: Store;
  logger: Logger;
  now(): Date;
  /** Reads the provider and records what it says (CheckoutService.syncPayment with force). */
  sync(payment: PaymentRecord): Promise<PaymentRecord>;
}

export async function reconcilePayments(ctx: Reconciler, options: ReconcileOptions): Promise<ReconcileResult> {
  const now = ctx.now();
  const due = await ctx.store.listUnsettledPayments(new Date(now.getTime() - options.minAgeMs).toISOString(), options.batch);
  const result: ReconcileResult = { checked: 0, changed: 0, unsettled: 0, leased: 0 };
  for (const payment of due) {
    // The rate-limit table is shared by every instance and takes one entry per window atomically:
    // exactly the lease we need, without a second locking mechanism.
    if (!(await ctx.store.takeRateLimit(`reconcile:${payment.id}`, 1, options.leaseMs, now.getTime()))) {
      result.leased++;
      continue;
    }
    result.checked++;
    const synced = await ctx.sync(payment);
    if (synced.state !== payment.state) result.changed++;
    if (synced.state === 'requires_action' || synced.state === 'processing') result.unsettled++;
  }
  if (result.checked > 0) ctx.logger.info('reconcile.run', { ...result });
  return result;
}

/** Runs a sweep every `everyMs`; the returned function stops it after the run in flight. */
export function scheduleReconcile(ctx: Reconciler, options: ReconcileOptions, everyMs: number): () => Promise<void> {
  return repeatEvery(everyMs, () => reconcilePayments(ctx, options), (error) => ctx.logger.error('reconcile.error', { message: error.message }));
}
