// PITECH charges subscriptions on its own schedule and tells no one (its document has no callback
// for them); it only counts. Each charge its counters show beyond what was recorded becomes one
// payment, written through the service's save path so the merchant is notified as for any payment.
// Charge n of a subscription always gets the same session and payment ids, so a charge recorded twice
// (two processes syncing at once, a crash before the counters were written) is found, not repeated.
import { randomId, sha256 } from '../http/secrets.js';
import { fromPitechTime, type PitechSubscription } from '../providers/pitech/subscriptions.js';
import { newPayment, type PaymentRecord, type SessionRecord, type SubscriptionRecord } from '../store/types.js';
import type { SubscriptionContext } from './context.js';
import { stateOf } from './views.js';

export interface Absorbed {
  record: SubscriptionRecord;
  /** Payments recorded by this call. */
  recorded: number;
}

/** Records PITECH's view of the subscription: new charges as payments, then its state and schedule. */
export async function absorb(ctx: SubscriptionContext, record: SubscriptionRecord, remote: PitechSubscription): Promise<Absorbed> {
  const { store, logger } = ctx.service;
  const newOk = Math.max(0, remote.successfulTransactionsCount - record.successfulCharges);
  const newFailed = Math.max(0, remote.failedTransactionsCount - record.failedCharges);
  // Only counters are known: within one sync, the order of charges is not, so successes come first.
  const at = fromPitechTime(remote.lastTransactionTime) ?? ctx.service.now().toISOString();
  let n = record.successfulCharges + record.failedCharges;
  let recorded = 0;
  for (let i = 0; i < newOk; i++) if (await recordCharge(ctx, record, ++n, 'succeeded', at)) recorded++;
  for (let i = 0; i < newFailed; i++) if (await recordCharge(ctx, record, ++n, 'failed', at)) recorded++;

  const next: SubscriptionRecord = {
    ...record,
    // Canceled here stays canceled, whatever PITECH's list still says.
    state: record.state === 'canceled' ? 'canceled' : stateOf(remote.state),
    successfulCharges: record.successfulCharges + newOk,
    failedCharges: record.failedCharges + newFailed,
    nextChargeAt: fromPitechTime(remote.nextTransactionTime),
    lastChargeAt: fromPitechTime(remote.lastTransactionTime),
  };
  const same = (['state', 'successfulCharges', 'failedCharges', 'nextChargeAt', 'lastChargeAt'] as const).every((key) => next[key] === record[key]);
  if (same) return { record, recorded };
  const saved = await store.updateSubscription({ ...next, updatedAt: ctx.service.now().toISOString() });
  if (!saved) return { record: (await store.getSubscription(record.id)) ?? record, recorded };
  if (saved.state !== record.state) logger.info('subscription.state_changed', { subscriptionId: record.id, from: record.state, to: saved.state });
  return { record: saved, recorded };
}

/** Charge n as a session and a payment of their own; false when it was recorded already. */
async function recordCharge(ctx: SubscriptionContext, sub: SubscriptionRecord, n: number, state: 'succeeded' | 'failed', at: string): Promise<boolean> {
  const { service } = ctx;
  const { store } = service;
  const paymentId = `pay_${sub.id}_${n}`;
  if (await store.getPayment(paymentId)) return false;
  const now = service.now();
  const session: SessionRecord = {
    id: `cs_${sub.id}_${n}`,
    // No shopper takes part: nobody holds a secret that opens this session.
    clientSecretHash: sha256(randomId('cx', 24)),
    orderId: `sub_${sub.id}_${n}`,
    amount: sub.amount,
    currency: sub.currency,
    description: sub.description,
    customer: { id: sub.customerId, email: sub.email },
    returnUrl: service.config.publicUrl,
    methods: ['card'],
    captureMethod: 'automatic',
    status: 'open',
    activePaymentId: null,
    latestPaymentId: null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + service.config.sessionTtlSeconds * 1000).toISOString(),
  };
  const payment = newPayment({
    id: paymentId,
    sessionId: session.id,
    method: 'card',
    provider: 'pitech',
    amount: sub.amount,
    currency: sub.currency,
    createdAt: at,
    updatedAt: now.toISOString(),
    savedCardId: sub.savedCardId,
  });
  try {
    if (!(await store.getSession(session.id))) await store.insertSession(session);
    const started = await store.startPayment(payment);
    if (!started.started) return false;
  } catch (error) {
    // Another process recorded this charge between the read and the write.
    if (await store.getPayment(paymentId)) return false;
    throw error;
  }
  const saved = await service.save({
    ...payment,
    state,
    providerState: state === 'succeeded' ? 'SUCCESS' : 'ERROR',
    failure: state === 'failed' ? { code: 'payment_declined', reason: 'PITECH could not charge the subscription' } : null,
    updatedAt: now.toISOString(),
  });
  service.logger.info('subscription.charge_recorded', { subscriptionId: sub.id, paymentId, charge: n, state: saved?.state ?? state });
  return true;
}

