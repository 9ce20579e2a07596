// The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each
// method below is atomic within this process; the UNIQUE constraints and conditional UPDATEs keep it
// atomic across processes sharing the file too.
import Database from 'better-sqlite3';
import { type CheckpointOptions, checkpointInBackground } from './sqlite-checkpoint.js';
import { MIGRATIONS } from './sqlite-schema.js';
import {
  cardFromRow,
  eventFromRow,
  keyFromRow,
  operationFromRow,
  paymentFromRow,
  paymentParams,
  payoutFromRow,
  payoutParams,
  type Row,
  sessionFromRow,
  settlesSession,
  subscriptionFromRow,
} from './rows.js';
import type {
  ClaimResult,
  KeyCompletion,
  OperationClaim,
  OperationRecord,
  OutboxDelivery,
  OutboxEvent,
  PaymentRecord,
  PayoutClaim,
  PayoutRecord,
  StartPaymentResult,
  Store,
  SubscriptionClaim,
  SubscriptionRecord,
} from './types.js';

export function openSqliteStore(path: string, options: { checkpoint?: CheckpointOptions } = {}): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const stopCheckpoints = checkpointInBackground(db, path, options.checkpoint);

  const stmt = {
    insertSession: db.prepare(`INSERT INTO sessions (id, client_secret_hash, order_id, amount, currency, description,
      customer, return_url, methods, capture_method, status, active_payment_id, latest_payment_id, created_at, expires_at)
      VALUES (@id, @clientSecretHash, @orderId, @amount, @currency, @description, @customer, @returnUrl, @methods,
      @captureMethod, @status, @activePaymentId, @latestPaymentId, @createdAt, @expiresAt)`),
    getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    updateSessionStatus: db.prepare('UPDATE sessions SET status = ? WHERE id = ?'),
    claimActive: db.prepare(
      `UPDATE sessions SET active_payment_id = @paymentId, latest_payment_id = @paymentId
       WHERE id = @sessionId AND active_payment_id IS NULL AND status = 'open'`,
    ),
    insertPayment: db.prepare(`INSERT INTO payments (id, session_id, method, provider, amount, currency, state,
      provider_state, provider_order_id, provider_ref, redirect_url, failure, created_at, updated_at, checked_at,
      otp, captured_amount, refunded_amount, version, save_card, saved_card_id)
      VALUES (@id, @sessionId, @method, @provider, @amount, @currency, @state, @providerState, @providerOrderId,
      @providerRef, @redirectUrl, @failure, @createdAt, @updatedAt, @checkedAt, @otp, @capturedAmount, @refundedAmount, @version,
      @saveCard, @savedCardId)`),
    getPayment: db.prepare('SELECT * FROM payments WHERE id = ?'),
    unsettled: db.prepare(`SELECT * FROM payments WHERE state IN ('requires_action', 'processing') AND updated_at < ?
      ORDER BY updated_at, id LIMIT ?`),
    findByProviderOrder: db.prepare('SELECT * FROM payments WHERE provider = ? AND provider_order_id = ?'),
    updatePayment: db.prepare(`UPDATE payments SET state = @state, provider_state = @providerState,
      provider_order_id = @providerOrderId, provider_ref = @providerRef, redirect_url = @redirectUrl,
      failure = @failure, updated_at = @updatedAt, checked_at = @checkedAt, otp = @otp,
      captured_amount = @capturedAmount, refunded_amount = @refundedAmount, version = version + 1
      WHERE id = @id AND version = @version`),
    releaseActive: db.prepare('UPDATE sessions SET active_payment_id = NULL WHERE id = ? AND active_payment_id = ?'),
    completeSession: db.prepare(`UPDATE sessions SET status = 'complete' WHERE id = ?`),
    claimKey: db.prepare(`INSERT OR IGNORE INTO idempotency_keys (session_id, key, request_hash, created_at)
      VALUES (?, ?, ?, ?)`),
    completeKey: db.prepare(
      'UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE session_id = ? AND key = ?',
    ),
    getKey: db.prepare('SELECT * FROM idempotency_keys WHERE session_id = ? AND key = ?'),
    countRate: db.prepare('SELECT COUNT(*) AS n FROM rate_events WHERE bucket = ? AND at > ?'),
    insertRate: db.prepare('INSERT INTO rate_events (bucket, at) VALUES (?, ?)'),
    pruneRate: db.prepare('DELETE FROM rate_events WHERE bucket = ? AND at <= ?'),
    insertEvent: db.prepare(`INSERT INTO outbox (id, type, payment_id, payload, created_at, next_attempt_at)
      VALUES (@id, @type, @paymentId, @payload, @createdAt, @createdAt)`),
    dueEvents: db.prepare(`SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
      AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at, created_at LIMIT ?`),
    lockEvent: db.prepare('UPDATE outbox SET locked_until = ? WHERE id = ?'),
    delivered: db.prepare(`UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, locked_until = NULL WHERE id = ?`),
    undelivered: db.prepare(`UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, locked_until = NULL WHERE id = ?`),
    eventsOf: db.prepare('SELECT * FROM outbox WHERE payment_id = ? ORDER BY created_at, id'),
    allEvents: db.prepare('SELECT * FROM outbox ORDER BY created_at, id'),
    operationByKey: db.prepare('SELECT * FROM operations WHERE payment_id = ? AND idempotency_key = ?'),
    operationInFlight: db.prepare(`SELECT id FROM operations WHERE payment_id = ? AND status = 'pending' AND created_at > ? LIMIT 1`),
    insertOperation: db.prepare(`INSERT INTO operations (id, payment_id, kind, amount, currency, status, actor, reason,
      idempotency_key, request_hash, error, created_at, completed_at)
      VALUES (@id, @paymentId, @kind, @amount, @currency, @status, @actor, @reason, @idempotencyKey, @requestHash,
      @error, @createdAt, @completedAt)`),
    finishOperation: db.prepare('UPDATE operations SET status = ?, error = ?, completed_at = ? WHERE id = ?'),
    operationsOf: db.prepare('SELECT * FROM operations WHERE payment_id = ? ORDER BY created_at, id'),
    insertCard: db.prepare(`INSERT OR IGNORE INTO saved_cards (id, customer_id, provider, provider_card_id, masked_pan, brand,
      holder, expiry, created_at) VALUES (@id, @customerId, @provider, @providerCardId, @maskedPan, @brand, @holder, @expiry, @createdAt)`),
    cardByToken: db.prepare('SELECT * FROM saved_cards WHERE customer_id = ? AND provider = ? AND provider_card_id = ?'),
    cardsOf: db.prepare('SELECT * FROM saved_cards WHERE customer_id = ? AND provider = ? ORDER BY created_at, id'),
    getCard: db.prepare('SELECT * FROM saved_cards WHERE id = ?'),
    deleteCard: db.prepare('DELETE FROM saved_cards WHERE id = ?'),
    insertPayout: db.prepare(`INSERT OR IGNORE INTO payouts (id, provider, amount, currency, state, reference, description,
      destination_masked, provider_ref, provider_state, idempotency_key, request_hash, actor, failure, created_at, updated_at, version)
      VALUES (@id, @provider, @amount, @currency, @state, @reference, @description, @destinationMasked, @providerRef,
      @providerState, @idempotencyKey, @requestHash, @actor, @failure, @createdAt, @updatedAt, @version)`),
    payoutByKey: db.prepare('SELECT * FROM payouts WHERE idempotency_key = ?'),
    getPayout: db.prepare('SELECT * FROM payouts WHERE id = ?'),
    updatePayout: db.prepare(`UPDATE payouts SET state = @state, provider_ref = @providerRef, provider_state = @providerState,
      failure = @failure, updated_at = @updatedAt, version = version + 1 WHERE id = @id AND version = @version`),
    insertSubscription: db.prepare(`INSERT OR IGNORE INTO subscriptions (id, provider, provider_subscription_id, customer_id,
      saved_card_id, amount, currency, interval, period, max_periods, description, email, start_time, state, successful_charges,
      failed_charges, next_charge_at, last_charge_at, idempotency_key, request_hash, created_at, updated_at, version)
      VALUES (@id, @provider, @providerSubscriptionId, @customerId, @savedCardId, @amount, @currency, @interval, @period,
      @maxPeriods, @description, @email, @startTime, @state, @successfulCharges, @failedCharges, @nextChargeAt, @lastChargeAt,
      @idempotencyKey, @requestHash, @createdAt, @updatedAt, @version)`),
    subscriptionByKey: db.prepare('SELECT * FROM subscriptions WHERE idempotency_key = ?'),
    getSubscription: db.prepare('SELECT * FROM subscriptions WHERE id = ?'),
    subscriptionByProviderId: db.prepare('SELECT * FROM subscriptions WHERE provider_subscription_id = ?'),
    updateSubscription: db.prepare(`UPDATE subscriptions SET provider_subscription_id = @providerSubscriptionId,
      amount = @amount, currency = @currency, interval = @interval, period = @period, max_periods = @maxPeriods,
      description = @description, start_time = @startTime, state = @state, successful_charges = @successfulCharges,
      failed_charges = @failedCharges, next_charge_at = @nextChargeAt, last_charge_at = @lastChargeAt,
      updated_at = @updatedAt, version = version + 1 WHERE id = @id AND version = @version`),
    deleteSubscription: db.prepare(`DELETE FROM subscriptions WHERE id = ? AND state IN ('pending', 'unknown')`),
    subscriptionsInState: db.prepare('SELECT * FROM subscriptions WHERE state = ? ORDER BY created_at, id'),
  };

  const claimSubscription = db.transaction((subscription: SubscriptionRecord): SubscriptionClaim => {
    if (stmt.insertSubscription.run(subscription).changes === 1) return { claimed: true };
    return { claimed: false, existing: subscriptionFromRow(stmt.subscriptionByKey.get(subscription.idempotencyKey) as Row) };
  });

  const claimDueEvents = db.transaction((now: string, limit: number, lockUntil: string): OutboxDelivery[] => {
    const rows = stmt.dueEvents.all(now, now, limit) as Row[];
    for (const row of rows) stmt.lockEvent.run(lockUntil, row.id);
    return rows.map(eventFromRow);
  });

  const claimOperation = db.transaction((operation: OperationRecord, staleBefore: string): OperationClaim => {
    const existing = stmt.operationByKey.get(operation.paymentId, operation.idempotencyKey) as Row | undefined;
    if (existing) return { outcome: 'exists', existing: operationFromRow(existing) };
    if (stmt.operationInFlight.get(operation.paymentId, staleBefore)) return { outcome: 'busy' };
    stmt.insertOperation.run({ ...operation, error: operation.error ? JSON.stringify(operation.error) : null });
    return { outcome: 'claimed' };
  });

  const claimPayout = db.transaction((payout: PayoutRecord): PayoutClaim => {
    if (stmt.insertPayout.run(payoutParams(payout)).changes === 1) return { claimed: true };
    return { claimed: false, existing: payoutFromRow(stmt.payoutByKey.get(payout.idempotencyKey) as Row) };
  });

  const takeRateLimit = db.transaction((bucket: string, max: number, windowMs: number, now: number): boolean => {
    stmt.pruneRate.run(bucket, now - windowMs);
    const { n } = stmt.countRate.get(bucket, now - windowMs) as { n: number };
    if (n >= max) return false;
    stmt.insertRate.run(bucket, now);
    return true;
  });

  const startPayment = db.transaction((payment: PaymentRecord): StartPaymentResult => {
    const claimed = stmt.claimActive.run({ paymentId: payment.id, sessionId: payment.sessionId }).changes === 1;
    if (!claimed) {
      const session = stmt.getSession.get(payment.sessionId) as Row | undefined;
      return { started: false, activePaymentId: String(session?.active_payment_id ?? '') };
    }
    stmt.insertPayment.run(paymentParams(payment));
    return { started: true };
  });

  const completeKey = ({ sessionId, key, response }: KeyCompletion) =>
    stmt.completeKey.run(response.status, JSON.stringify(response.body), sessionId, key);

  const updatePayment = db.transaction((payment: PaymentRecord, events: readonly OutboxEvent[], completes?: KeyCompletion): PaymentRecord | null => {
    const changed = stmt.updatePayment.run(paymentParams(payment)).changes === 1;
    if (!changed) return null;
    for (const event of events) stmt.insertEvent.run(event);
    if (completes) completeKey(completes);
    const { release, complete } = settlesSession(payment.state);
    if (release) stmt.releaseActive.run(payment.sessionId, payment.id);
    if (complete) stmt.completeSession.run(payment.sessionId);
    return { ...payment, version: payment.version + 1 };
  });

  return {
    async insertSession(session) {
      stmt.insertSession.run({
        ...session,
        customer: JSON.stringify(session.customer),
        methods: JSON.stringify(session.methods),
        captureMethod: session.captureMethod,
      });
    },
    async getSession(id) {
      const row = stmt.getSession.get(id) as Row | undefined;
      return row ? sessionFromRow(row) : null;
    },
    async updateSessionStatus(id, status) {
      stmt.updateSessionStatus.run(status, id);
    },
    async startPayment(payment) {
      return startPayment(payment);
    },
    async getPayment(id) {
      const row = stmt.getPayment.get(id) as Row | undefined;
      return row ? paymentFromRow(row) : null;
    },
    async findPaymentByProviderOrder(provider, providerOrderId) {
      const row = stmt.findByProviderOrder.get(provider, providerOrderId) as Row | undefined;
      return row ? paymentFromRow(row) : null;
    },
    async updatePayment(payment, events = [], completes) {
      return updatePayment(payment, events, completes);
    },
    async listPayments({ limit, after, orderId }) {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (orderId) {
        conditions.push('p.session_id IN (SELECT id FROM sessions WHERE order_id = ?)');
        params.push(orderId);
      }
      const cursor = after ? (stmt.getPayment.get(after) as Row | undefined) : undefined;
      if (cursor) {
        conditions.push('(p.created_at < ? OR (p.created_at = ? AND p.id < ?))');
        params.push(cursor.created_at, cursor.created_at, cursor.id);
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = db.prepare(`SELECT p.* FROM payments p ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT ?`).all(...params, limit) as Row[];
      return rows.map(paymentFromRow);
    },
    async listUnsettledPayments(updatedBefore, limit) {
      return (stmt.unsettled.all(updatedBefore, limit) as Row[]).map(paymentFromRow);
    },
    async upsertSavedCard(card) {
      stmt.insertCard.run(card);
      return cardFromRow(stmt.cardByToken.get(card.customerId, card.provider, card.providerCardId) as Row);
    },
    async listSavedCards(customerId, provider) {
      return (stmt.cardsOf.all(customerId, provider) as Row[]).map(cardFromRow);
    },
    async getSavedCard(id) {
      const row = stmt.getCard.get(id) as Row | undefined;
      return row ? cardFromRow(row) : null;
    },
    async deleteSavedCard(id) {
      stmt.deleteCard.run(id);
    },
    async claimOperation(operation, staleBefore) {
      return claimOperation(operation, staleBefore);
    },
    async finishOperation(id, status, error, completedAt) {
      stmt.finishOperation.run(status, error ? JSON.stringify(error) : null, completedAt, id);
    },
    async listOperations(paymentId) {
      return (stmt.operationsOf.all(paymentId) as Row[]).map(operationFromRow);
    },
    async claimPayout(payout) {
      return claimPayout(payout);
    },
    async getPayout(id) {
      const row = stmt.getPayout.get(id) as Row | undefined;
      return row ? payoutFromRow(row) : null;
    },
    async updatePayout(payout) {
      if (stmt.updatePayout.run(payoutParams(payout)).changes !== 1) return null;
      return { ...payout, version: payout.version + 1 };
    },
    async listPayouts({ limit, after, reference }) {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (reference) {
        conditions.push('reference = ?');
        params.push(reference);
      }
      const cursor = after ? (stmt.getPayout.get(after) as Row | undefined) : undefined;
      if (cursor) {
        conditions.push('(created_at < ? OR (created_at = ? AND id < ?))');
        params.push(cursor.created_at, cursor.created_at, cursor.id);
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = db.prepare(`SELECT * FROM payouts ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, limit) as Row[];
      return rows.map(payoutFromRow);
    },
    async claimSubscription(subscription) {
      return claimSubscription(subscription);
    },
    async getSubscription(id) {
      const row = stmt.getSubscription.get(id) as Row | undefined;
      return row ? subscriptionFromRow(row) : null;
    },
    async findSubscriptionByProviderId(providerSubscriptionId) {
      const row = stmt.subscriptionByProviderId.get(providerSubscriptionId) as Row | undefined;
      return row ? subscriptionFromRow(row) : null;
    },
    async updateSubscription(subscription) {
      if (stmt.updateSubscription.run(subscription).changes !== 1) return null;
      return { ...subscription, version: subscription.version + 1 };
    },
    async deleteSubscription(id) {
      stmt.deleteSubscription.run(id);
    },
    async listSubscriptionsInState(state) {
      return (stmt.subscriptionsInState.all(state) as Row[]).map(subscriptionFromRow);
    },
    async claimDueEvents(now, limit, lockUntil) {
      return claimDueEvents(now, limit, lockUntil);
    },
    async recordDelivery(id, outcome) {
      if (outcome.delivered) stmt.delivered.run(outcome.at, id);
      else stmt.undelivered.run(outcome.giveUp ? 'failed' : 'pending', outcome.attempts, outcome.nextAttemptAt, outcome.error, id);
    },
    async listEvents(paymentId) {
      return ((paymentId ? stmt.eventsOf.all(paymentId) : stmt.allEvents.all()) as Row[]).map(eventFromRow);
    },
    async takeRateLimit(bucket, max, windowMs, now) {
      return takeRateLimit(bucket, max, windowMs, now);
    },
    async claimIdempotencyKey(sessionId, key, requestHash): Promise<ClaimResult> {
      const inserted = stmt.claimKey.run(sessionId, key, requestHash, new Date().toISOString()).changes === 1;
      if (inserted) return { claimed: true };
      return { claimed: false, existing: keyFromRow(stmt.getKey.get(sessionId, key) as Row) };
    },
    async completeIdempotencyKey(sessionId, key, response) {
      completeKey({ sessionId, key, response });
    },
    async getIdempotencyKey(sessionId, key) {
      const row = stmt.getKey.get(sessionId, key) as Row | undefined;
      return row ? keyFromRow(row) : null;
    },
    async close() {
      await stopCheckpoints();
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let index = applied; index < MIGRATIONS.length; index++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index] as string);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}
