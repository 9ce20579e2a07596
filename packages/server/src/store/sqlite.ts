// The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each
// method below is atomic within this process; the UNIQUE constraints and conditional UPDATEs keep it
// atomic across processes sharing the file too.
import Database from 'better-sqlite3';
import { FINAL_PAYMENT_STATES, type PaymentState } from '@pay-checkout/protocol';
import type { ClaimResult, IdempotencyRecord, PaymentRecord, SessionRecord, StartPaymentResult, Store } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  client_secret_hash TEXT NOT NULL,
  order_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  description TEXT NOT NULL,
  customer TEXT NOT NULL,
  return_url TEXT NOT NULL,
  methods TEXT NOT NULL,
  status TEXT NOT NULL,
  active_payment_id TEXT,
  latest_payment_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  method TEXT NOT NULL,
  provider TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  state TEXT NOT NULL,
  provider_state TEXT,
  provider_order_id TEXT,
  provider_ref TEXT,
  redirect_url TEXT,
  failure TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  checked_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS payments_provider_order ON payments(provider, provider_order_id);
CREATE INDEX IF NOT EXISTS payments_session ON payments(session_id);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  session_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (session_id, key)
);
`;

type Row = Record<string, unknown>;

export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const stmt = {
    insertSession: db.prepare(`INSERT INTO sessions (id, client_secret_hash, order_id, amount, currency, description,
      customer, return_url, methods, status, active_payment_id, latest_payment_id, created_at, expires_at)
      VALUES (@id, @clientSecretHash, @orderId, @amount, @currency, @description, @customer, @returnUrl, @methods,
      @status, @activePaymentId, @latestPaymentId, @createdAt, @expiresAt)`),
    getSession: db.prepare('SELECT * FROM sessions WHERE id = ?'),
    updateSessionStatus: db.prepare('UPDATE sessions SET status = ? WHERE id = ?'),
    claimActive: db.prepare(
      `UPDATE sessions SET active_payment_id = @paymentId, latest_payment_id = @paymentId
       WHERE id = @sessionId AND active_payment_id IS NULL AND status = 'open'`,
    ),
    insertPayment: db.prepare(`INSERT INTO payments (id, session_id, method, provider, amount, currency, state,
      provider_state, provider_order_id, provider_ref, redirect_url, failure, created_at, updated_at, checked_at)
      VALUES (@id, @sessionId, @method, @provider, @amount, @currency, @state, @providerState, @providerOrderId,
      @providerRef, @redirectUrl, @failure, @createdAt, @updatedAt, @checkedAt)`),
    getPayment: db.prepare('SELECT * FROM payments WHERE id = ?'),
    findByProviderOrder: db.prepare('SELECT * FROM payments WHERE provider = ? AND provider_order_id = ?'),
    updatePayment: db.prepare(`UPDATE payments SET state = @state, provider_state = @providerState,
      provider_order_id = @providerOrderId, provider_ref = @providerRef, redirect_url = @redirectUrl,
      failure = @failure, updated_at = @updatedAt, checked_at = @checkedAt
      WHERE id = @id AND state = @expectedState`),
    releaseActive: db.prepare('UPDATE sessions SET active_payment_id = NULL WHERE id = ? AND active_payment_id = ?'),
    completeSession: db.prepare(`UPDATE sessions SET status = 'complete' WHERE id = ?`),
    claimKey: db.prepare(`INSERT OR IGNORE INTO idempotency_keys (session_id, key, request_hash, created_at)
      VALUES (?, ?, ?, ?)`),
    completeKey: db.prepare(
      'UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE session_id = ? AND key = ?',
    ),
    getKey: db.prepare('SELECT * FROM idempotency_keys WHERE session_id = ? AND key = ?'),
  };

  const startPayment = db.transaction((payment: PaymentRecord): StartPaymentResult => {
    const claimed = stmt.claimActive.run({ paymentId: payment.id, sessionId: payment.sessionId }).changes === 1;
    if (!claimed) {
      const session = stmt.getSession.get(payment.sessionId) as Row | undefined;
      return { started: false, activePaymentId: String(session?.active_payment_id ?? '') };
    }
    stmt.insertPayment.run(paymentParams(payment));
    return { started: true };
  });

  const updatePayment = db.transaction((payment: PaymentRecord, expectedState: PaymentState): boolean => {
    const changed = stmt.updatePayment.run({ ...paymentParams(payment), expectedState }).changes === 1;
    if (!changed) return false;
    if ((FINAL_PAYMENT_STATES as readonly string[]).includes(payment.state) || payment.state === 'authorized') {
      stmt.releaseActive.run(payment.sessionId, payment.id);
    }
    if (payment.state === 'succeeded' || payment.state === 'authorized') stmt.completeSession.run(payment.sessionId);
    return true;
  });

  return {
    async insertSession(session) {
      stmt.insertSession.run({
        ...session,
        customer: JSON.stringify(session.customer),
        methods: JSON.stringify(session.methods),
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
    async updatePayment(payment, expectedState) {
      return updatePayment(payment, expectedState);
    },
    async claimIdempotencyKey(sessionId, key, requestHash): Promise<ClaimResult> {
      const inserted = stmt.claimKey.run(sessionId, key, requestHash, new Date().toISOString()).changes === 1;
      if (inserted) return { claimed: true };
      return { claimed: false, existing: keyFromRow(stmt.getKey.get(sessionId, key) as Row) };
    },
    async completeIdempotencyKey(sessionId, key, response) {
      stmt.completeKey.run(response.status, JSON.stringify(response.body), sessionId, key);
    },
    async getIdempotencyKey(sessionId, key) {
      const row = stmt.getKey.get(sessionId, key) as Row | undefined;
      return row ? keyFromRow(row) : null;
    },
    async close() {
      db.close();
    },
  };
}

function paymentParams(payment: PaymentRecord) {
  return {
    ...payment,
    providerRef: payment.providerRef ? JSON.stringify(payment.providerRef) : null,
    failure: payment.failure ? JSON.stringify(payment.failure) : null,
  };
}

function sessionFromRow(row: Row): SessionRecord {
  return {
    id: String(row.id),
    clientSecretHash: String(row.client_secret_hash),
    orderId: String(row.order_id),
    amount: Number(row.amount),
    currency: String(row.currency),
    description: String(row.description),
    customer: JSON.parse(String(row.customer)),
    returnUrl: String(row.return_url),
    methods: JSON.parse(String(row.methods)),
    status: row.status as SessionRecord['status'],
    activePaymentId: (row.active_payment_id as string | null) ?? null,
    latestPaymentId: (row.latest_payment_id as string | null) ?? null,
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

function paymentFromRow(row: Row): PaymentRecord {
  return {
    id: String(row.id),
    sessionId: String(row.session_id),
    method: row.method as PaymentRecord['method'],
    provider: row.provider as PaymentRecord['provider'],
    amount: Number(row.amount),
    currency: String(row.currency),
    state: row.state as PaymentRecord['state'],
    providerState: (row.provider_state as string | null) ?? null,
    providerOrderId: (row.provider_order_id as string | null) ?? null,
    providerRef: row.provider_ref ? JSON.parse(String(row.provider_ref)) : null,
    redirectUrl: (row.redirect_url as string | null) ?? null,
    failure: row.failure ? JSON.parse(String(row.failure)) : null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    checkedAt: (row.checked_at as string | null) ?? null,
  };
}

function keyFromRow(row: Row): IdempotencyRecord {
  return {
    sessionId: String(row.session_id),
    key: String(row.key),
    requestHash: String(row.request_hash),
    response:
      row.response_status === null || row.response_status === undefined
        ? null
        : { status: Number(row.response_status), body: JSON.parse(String(row.response_body)) },
    createdAt: String(row.created_at),
  };
}
