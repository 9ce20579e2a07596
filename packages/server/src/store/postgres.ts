// The store for several server processes: PostgreSQL through a pg.Pool. Every claim is one statement
// (INSERT ... ON CONFLICT DO NOTHING, conditional UPDATE) or a transaction holding a row or advisory
// lock, so it stays atomic between processes, not only between the requests of one.
import pg from 'pg';
import { changeFeed } from './postgres-changes.js';
import { MIGRATIONS } from './postgres-schema.js';
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
import type { PaymentRecord, Store } from './types.js';

export interface PostgresStoreOptions {
  /** A schema of its own, created when missing; without one, the connection's search_path decides. */
  schema?: string | undefined;
  /** Connections in the pool. */
  max?: number | undefined;
  /** Told when the connection that listens for other processes' payment changes fails (it reconnects). */
  onListenError?: ((error: Error) => void) | undefined;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

// BIGINT columns (amounts, rate-limit times, counts) arrive as numbers, as from SQLite; minor units stay
// far below 2^53.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // A database that does not answer fails the call instead of holding the request forever.
    connectionTimeoutMillis: 10_000,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server dropped is replaced on the next checkout; without a listener the
  // pool's error event would end the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, schema ?? '');
  } catch (error) {
    await pool.end();
    throw error;
  }

  const query = (sql: string, params: unknown[] = []) => pool.query(sql, params);
  const rows = async (sql: string, params: unknown[] = []) => (await query(sql, params)).rows as Row[];
  const first = async (sql: string, params: unknown[] = []) => (await rows(sql, params))[0];
  const run = async (sql: string, values: Record<string, unknown>, on: Queryable = pool) => (await on.query(...named(sql, values))).rowCount ?? 0;
  const found = async <T>(sql: string, params: unknown[], map: (row: Row) => T) => {
    const row = await first(sql, params);
    return row ? map(row) : null;
  };
  /** A compare-and-set write on `version`: the record as stored, or null when someone wrote it since it was read. */
  const versioned = async <T extends { version: number }>(sql: string, values: Record<string, unknown>, record: T) =>
    (await run(sql, values)) === 1 ? { ...record, version: record.version + 1 } : null;

  /** Inserts unless a UNIQUE column already holds the row; the loser of a race waits for the winner's commit, then reads it. */
  async function insertOrExisting<T>(insert: string, values: Record<string, unknown>, existing: string, key: unknown[], map: (row: Row) => T) {
    if ((await run(insert, values)) === 1) return { claimed: true as const };
    return { claimed: false as const, existing: map((await first(existing, key)) as Row) };
  }

  /** Newest first, after the cursor row (created_at, id) when it exists. */
  async function page(table: string, filter: [string, unknown] | null, after: string | undefined, limit: number) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter) {
      params.push(filter[1]);
      conditions.push(filter[0].replace('?', `$${params.length}`));
    }
    const cursor = after ? await first(`SELECT created_at, id FROM ${table} WHERE id = $1`, [after]) : undefined;
    if (cursor) {
      params.push(cursor.created_at, cursor.id);
      conditions.push(`(created_at < $${params.length - 1} OR (created_at = $${params.length - 1} AND id < $${params.length}))`);
    }
    params.push(limit);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    return rows(`SELECT * FROM ${table} ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  }

  const paymentValues = (payment: PaymentRecord) => ({ ...paymentParams(payment), saveCard: payment.saveCard });
  const changes = changeFeed(url, schema, options.onListenError ?? (() => undefined));
  const watchers = new Set<() => Promise<void>>();

  return {
    async insertSession(session) {
      await run(
        `INSERT INTO sessions (id, client_secret_hash, order_id, amount, currency, description, customer, return_url,
        methods, capture_method, status, active_payment_id, latest_payment_id, created_at, expires_at)
        VALUES (@id, @clientSecretHash, @orderId, @amount, @currency, @description, @customer, @returnUrl, @methods,
        @captureMethod, @status, @activePaymentId, @latestPaymentId, @createdAt, @expiresAt)`,
        {
          ...session,
          customer: JSON.stringify(session.customer),
          methods: JSON.stringify(session.methods),
          captureMethod: session.captureMethod ?? null,
        },
      );
    },
    async getSession(id) {
      return found('SELECT * FROM sessions WHERE id = $1', [id], sessionFromRow);
    },
    async updateSessionStatus(id, status) {
      await query('UPDATE sessions SET status = $1 WHERE id = $2', [status, id]);
    },
    async startPayment(payment) {
      // One statement: the conditional UPDATE takes the session's row lock (a concurrent claim waits,
      // re-reads the row and finds the slot taken); the payment and its NOTIFY follow only if it claimed.
      const row = await first(
        ...named(
          `WITH claimed AS (
            UPDATE sessions SET active_payment_id = @id, latest_payment_id = @id
            WHERE id = @sessionId AND active_payment_id IS NULL AND status = 'open' RETURNING id
          ), inserted AS (
            INSERT INTO payments (id, session_id, method, provider, amount, currency, state, provider_state,
            provider_order_id, provider_ref, redirect_url, failure, created_at, updated_at, checked_at, otp,
            captured_amount, refunded_amount, version, save_card, saved_card_id)
            SELECT @id, @sessionId, @method, @provider, @amount, @currency, @state, @providerState, @providerOrderId,
            @providerRef, @redirectUrl, @failure, @createdAt, @updatedAt, @checkedAt, @otp, @capturedAmount,
            @refundedAmount, @version, @saveCard, @savedCardId FROM claimed RETURNING id
          )
          SELECT count(pg_notify(@channel, @message))::int AS started FROM inserted`,
          { ...paymentValues(payment), ...changes.message(payment.id, payment.sessionId) },
        ),
      );
      if (row?.started === 1) return { started: true };
      // A statement of its own: its snapshot sees the claim that won, even one committed just now.
      const session = await first('SELECT active_payment_id FROM sessions WHERE id = $1', [payment.sessionId]);
      return { started: false, activePaymentId: String(session?.active_payment_id ?? '') };
    },
    async getPayment(id) {
      return found('SELECT * FROM payments WHERE id = $1', [id], paymentFromRow);
    },
    async findPaymentByProviderOrder(provider, providerOrderId) {
      return found('SELECT * FROM payments WHERE provider = $1 AND provider_order_id = $2', [provider, providerOrderId], paymentFromRow);
    },
    async updatePayment(payment, events = [], completes) {
      // One statement (its own transaction): the compare-and-set, then, only if it wrote, the events, the
      // session, the idempotency key and the NOTIFY.
      const values: Record<string, unknown> = { ...paymentValues(payment), ...changes.message(payment.id, payment.sessionId) };
      const steps = [
        `updated AS (UPDATE payments SET state = @state, provider_state = @providerState, provider_order_id = @providerOrderId,
        provider_ref = @providerRef, redirect_url = @redirectUrl, failure = @failure, updated_at = @updatedAt,
        checked_at = @checkedAt, otp = @otp, captured_amount = @capturedAmount, refunded_amount = @refundedAmount,
        version = version + 1 WHERE id = @id AND version = @version RETURNING id)`,
      ];
      if (events.length) {
        const rows = events.map((event, i) => {
          Object.assign(values, { [`e${i}_id`]: event.id, [`e${i}_type`]: event.type, [`e${i}_payment`]: event.paymentId, [`e${i}_payload`]: event.payload, [`e${i}_at`]: event.createdAt });
          return `(@e${i}_id, @e${i}_type, @e${i}_payment, @e${i}_payload, @e${i}_at, @e${i}_at)`;
        });
        // VALUES keeps the events' order, which their seq records.
        steps.push(`events AS (INSERT INTO outbox (id, type, payment_id, payload, created_at, next_attempt_at)
          SELECT v.* FROM (VALUES ${rows.join(', ')}) AS v WHERE EXISTS (SELECT 1 FROM updated))`);
      }
      const { release, complete } = settlesSession(payment.state);
      // One UPDATE of the session row: a statement cannot write the same row twice.
      if (complete) {
        steps.push(`session AS (UPDATE sessions SET status = 'complete',
          active_payment_id = CASE WHEN active_payment_id = @id THEN NULL ELSE active_payment_id END
          WHERE id = @sessionId AND EXISTS (SELECT 1 FROM updated))`);
      } else if (release) {
        steps.push(`session AS (UPDATE sessions SET active_payment_id = NULL
          WHERE id = @sessionId AND active_payment_id = @id AND EXISTS (SELECT 1 FROM updated))`);
      }
      if (completes) {
        Object.assign(values, { keySession: completes.sessionId, key: completes.key, keyStatus: completes.response.status, keyBody: JSON.stringify(completes.response.body) });
        steps.push(`key AS (UPDATE idempotency_keys SET response_status = @keyStatus, response_body = @keyBody
          WHERE session_id = @keySession AND key = @key AND EXISTS (SELECT 1 FROM updated))`);
      }
      const row = await first(...named(`WITH ${steps.join(', ')} SELECT count(pg_notify(@channel, @message))::int AS written FROM updated`, values));
      return row?.written === 1 ? { ...payment, version: payment.version + 1 } : null;
    },
    async listPayments({ limit, after, orderId }) {
      const filter: [string, unknown] | null = orderId ? ['session_id IN (SELECT id FROM sessions WHERE order_id = ?)', orderId] : null;
      return (await page('payments', filter, after, limit)).map(paymentFromRow);
    },
    async listUnsettledPayments(updatedBefore, limit) {
      const found = await rows(
        `SELECT * FROM payments WHERE state IN ('requires_action', 'processing') AND updated_at < $1 ORDER BY updated_at, id LIMIT $2`,
        [updatedBefore, limit],
      );
      return found.map(paymentFromRow);
    },
    async claimOperation(operation, staleBefore) {
      return transaction(pool, async (client) => {
        // Claims on one payment take turns on its row, so each sees the operation the one before it wrote.
        await client.query('SELECT 1 FROM payments WHERE id = $1 FOR NO KEY UPDATE', [operation.paymentId]);
        const existing = (await client.query('SELECT * FROM operations WHERE payment_id = $1 AND idempotency_key = $2', [
          operation.paymentId,
          operation.idempotencyKey,
        ])).rows[0];
        if (existing) return { outcome: 'exists', existing: operationFromRow(existing) };
        const inFlight = await client.query(
          `SELECT 1 FROM operations WHERE payment_id = $1 AND status = 'pending' AND created_at > $2 LIMIT 1`,
          [operation.paymentId, staleBefore],
        );
        if (inFlight.rowCount) return { outcome: 'busy' };
        await run(
          `INSERT INTO operations (id, payment_id, kind, amount, currency, status, actor, reason, idempotency_key,
          request_hash, error, created_at, completed_at)
          VALUES (@id, @paymentId, @kind, @amount, @currency, @status, @actor, @reason, @idempotencyKey, @requestHash,
          @error, @createdAt, @completedAt)`,
          { ...operation, error: operation.error ? JSON.stringify(operation.error) : null },
          client,
        );
        return { outcome: 'claimed' };
      });
    },
    async finishOperation(id, status, error, completedAt) {
      await query('UPDATE operations SET status = $1, error = $2, completed_at = $3 WHERE id = $4', [
        status,
        error ? JSON.stringify(error) : null,
        completedAt,
        id,
      ]);
    },
    async listOperations(paymentId) {
      return (await rows('SELECT * FROM operations WHERE payment_id = $1 ORDER BY created_at, id', [paymentId])).map(operationFromRow);
    },
    async upsertSavedCard(card) {
      await run(
        `INSERT INTO saved_cards (id, customer_id, provider, provider_card_id, masked_pan, brand, holder, expiry, created_at)
        VALUES (@id, @customerId, @provider, @providerCardId, @maskedPan, @brand, @holder, @expiry, @createdAt)
        ON CONFLICT DO NOTHING`,
        { ...card },
      );
      const row = await first('SELECT * FROM saved_cards WHERE customer_id = $1 AND provider = $2 AND provider_card_id = $3', [
        card.customerId,
        card.provider,
        card.providerCardId,
      ]);
      return cardFromRow(row as Row);
    },
    async listSavedCards(customerId, provider) {
      return (await rows('SELECT * FROM saved_cards WHERE customer_id = $1 AND provider = $2 ORDER BY created_at, id', [customerId, provider])).map(
        cardFromRow,
      );
    },
    async getSavedCard(id) {
      return found('SELECT * FROM saved_cards WHERE id = $1', [id], cardFromRow);
    },
    async deleteSavedCard(id) {
      await query('DELETE FROM saved_cards WHERE id = $1', [id]);
    },
    async claimDueEvents(now, limit, lockUntil) {
      // SKIP LOCKED: a second worker takes the next due events instead of waiting for these; the
      // locking read re-checks locked_until, so an event another worker just claimed is passed over.
      const claimed = await rows(
        `WITH due AS (
          SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
          ORDER BY next_attempt_at, created_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE outbox SET locked_until = $3 FROM due WHERE outbox.id = due.id RETURNING outbox.*
        )
        SELECT * FROM claimed ORDER BY next_attempt_at, created_at, seq`,
        [now, limit, lockUntil],
      );
      return claimed.map(eventFromRow);
    },
    async recordDelivery(id, outcome) {
      if (outcome.delivered) {
        await query(`UPDATE outbox SET status = 'delivered', delivered_at = $1, attempts = attempts + 1, locked_until = NULL WHERE id = $2`, [
          outcome.at,
          id,
        ]);
      } else {
        await query('UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4, locked_until = NULL WHERE id = $5', [
          outcome.giveUp ? 'failed' : 'pending',
          outcome.attempts,
          outcome.nextAttemptAt,
          outcome.error,
          id,
        ]);
      }
    },
    async listEvents(paymentId) {
      const found = paymentId
        ? await rows('SELECT * FROM outbox WHERE payment_id = $1 ORDER BY created_at, id', [paymentId])
        : await rows('SELECT * FROM outbox ORDER BY created_at, id');
      return found.map(eventFromRow);
    },
    async claimIdempotencyKey(sessionId, key, requestHash) {
      return insertOrExisting(
        `INSERT INTO idempotency_keys (session_id, key, request_hash, created_at) VALUES (@sessionId, @key, @requestHash, @createdAt)
        ON CONFLICT DO NOTHING`,
        { sessionId, key, requestHash, createdAt: new Date().toISOString() },
        'SELECT * FROM idempotency_keys WHERE session_id = $1 AND key = $2',
        [sessionId, key],
        keyFromRow,
      );
    },
    async completeIdempotencyKey(sessionId, key, response) {
      await query('UPDATE idempotency_keys SET response_status = $1, response_body = $2 WHERE session_id = $3 AND key = $4', [
        response.status,
        JSON.stringify(response.body),
        sessionId,
        key,
      ]);
    },
    async getIdempotencyKey(sessionId, key) {
      return found('SELECT * FROM idempotency_keys WHERE session_id = $1 AND key = $2', [sessionId, key], keyFromRow);
    },
    async claimPayout(payout) {
      return insertOrExisting(
        `INSERT INTO payouts (id, provider, amount, currency, state, reference, description, destination_masked, provider_ref,
        provider_state, idempotency_key, request_hash, actor, failure, created_at, updated_at, version)
        VALUES (@id, @provider, @amount, @currency, @state, @reference, @description, @destinationMasked, @providerRef,
        @providerState, @idempotencyKey, @requestHash, @actor, @failure, @createdAt, @updatedAt, @version)
        ON CONFLICT DO NOTHING`,
        payoutParams(payout),
        'SELECT * FROM payouts WHERE idempotency_key = $1',
        [payout.idempotencyKey],
        payoutFromRow,
      );
    },
    async getPayout(id) {
      return found('SELECT * FROM payouts WHERE id = $1', [id], payoutFromRow);
    },
    async updatePayout(payout) {
      return versioned(
        `UPDATE payouts SET state = @state, provider_ref = @providerRef, provider_state = @providerState, failure = @failure,
        updated_at = @updatedAt, version = version + 1 WHERE id = @id AND version = @version`,
        payoutParams(payout),
        payout,
      );
    },
    async listPayouts({ limit, after, reference }) {
      return (await page('payouts', reference ? ['reference = ?', reference] : null, after, limit)).map(payoutFromRow);
    },
    async claimSubscription(subscription) {
      return insertOrExisting(
        `INSERT INTO subscriptions (id, provider, provider_subscription_id, customer_id, saved_card_id, amount, currency,
        interval, period, max_periods, description, email, start_time, state, successful_charges, failed_charges,
        next_charge_at, last_charge_at, idempotency_key, request_hash, created_at, updated_at, version)
        VALUES (@id, @provider, @providerSubscriptionId, @customerId, @savedCardId, @amount, @currency, @interval, @period,
        @maxPeriods, @description, @email, @startTime, @state, @successfulCharges, @failedCharges, @nextChargeAt,
        @lastChargeAt, @idempotencyKey, @requestHash, @createdAt, @updatedAt, @version)
        ON CONFLICT DO NOTHING`,
        { ...subscription },
        'SELECT * FROM subscriptions WHERE idempotency_key = $1',
        [subscription.idempotencyKey],
        subscriptionFromRow,
      );
    },
    async getSubscription(id) {
      return found('SELECT * FROM subscriptions WHERE id = $1', [id], subscriptionFromRow);
    },
    async findSubscriptionByProviderId(providerSubscriptionId) {
      return found('SELECT * FROM subscriptions WHERE provider_subscription_id = $1', [providerSubscriptionId], subscriptionFromRow);
    },
    async updateSubscription(subscription) {
      return versioned(
        `UPDATE subscriptions SET provider_subscription_id = @providerSubscriptionId, amount = @amount, currency = @currency,
        interval = @interval, period = @period, max_periods = @maxPeriods, description = @description,
        start_time = @startTime, state = @state, successful_charges = @successfulCharges, failed_charges = @failedCharges,
        next_charge_at = @nextChargeAt, last_charge_at = @lastChargeAt, updated_at = @updatedAt, version = version + 1
        WHERE id = @id AND version = @version`,
        { ...subscription },
        subscription,
      );
    },
    async deleteSubscription(id) {
      await query(`DELETE FROM subscriptions WHERE id = $1 AND state IN ('pending', 'unknown')`, [id]);
    },
    async listSubscriptionsInState(state) {
      return (await rows('SELECT * FROM subscriptions WHERE state = $1 ORDER BY created_at, id', [state])).map(subscriptionFromRow);
    },
    async takeRateLimit(bucket, max, windowMs, now) {
      return transaction(pool, async (client) => {
        // A count then an insert: the bucket's advisory lock keeps two processes from both taking the last place.
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('pay-checkout rate limit'), hashtext($1))`, [bucket]);
        await client.query('DELETE FROM rate_events WHERE bucket = $1 AND at <= $2', [bucket, now - windowMs]);
        const { n } = (await client.query('SELECT COUNT(*) AS n FROM rate_events WHERE bucket = $1 AND at > $2', [bucket, now - windowMs])).rows[0];
        if (Number(n) >= max) return false;
        await client.query('INSERT INTO rate_events (bucket, at) VALUES ($1, $2)', [bucket, now]);
        return true;
      });
    },
    async watchPayments(listener) {
      const stop = await changes.watch(listener);
      watchers.add(stop);
      return async () => {
        watchers.delete(stop);
        await stop();
      };
    },
    async close() {
      await Promise.all([...watchers].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** One transaction on one connection; a connection whose rollback failed is discarded, not reused. */
async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Runs the migrations not yet applied, in one transaction; a process starting at the same time waits for it. */
async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('pay-checkout migrations'), hashtext($1))`, [schema]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (applied INTEGER NOT NULL)');
    const row = (await client.query('SELECT applied FROM schema_migrations')).rows[0] as { applied: number } | undefined;
    if (!row) await client.query('INSERT INTO schema_migrations (applied) VALUES (0)');
    const applied = row?.applied ?? 0;
    for (let index = applied; index < MIGRATIONS.length; index++) await client.query(MIGRATIONS[index] as string);
    if (applied < MIGRATIONS.length) await client.query('UPDATE schema_migrations SET applied = $1', [MIGRATIONS.length]);
  });
}

/** SQLite-style `@name` parameters to PostgreSQL's `$n`; a name without a value is an error, as in better-sqlite3. */
function named(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = [];
  const positions = new Map<string, number>();
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for @${name}`);
    let position = positions.get(name);
    if (position === undefined) {
      params.push(values[name]);
      position = params.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return [text, params];
}
