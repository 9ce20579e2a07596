// SQLite schema as ordered migrations; PRAGMA user_version records how many have run.
export const MIGRATIONS: string[] = [
  `CREATE TABLE sessions (
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
  CREATE TABLE payments (
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
  CREATE UNIQUE INDEX payments_provider_order ON payments(provider, provider_order_id);
  CREATE INDEX payments_session ON payments(session_id);
  CREATE TABLE idempotency_keys (
    session_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, key)
  );`,
  // Mobile commerce: the SMS-code step, refunds, compare-and-set versions, rate limits.
  `ALTER TABLE payments ADD COLUMN otp TEXT;
  ALTER TABLE payments ADD COLUMN refunded_amount INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE payments ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE rate_events (bucket TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX rate_events_bucket ON rate_events(bucket, at);`,
  // Partial captures: what was taken of an authorization.
  `ALTER TABLE payments ADD COLUMN captured_amount INTEGER;`,
  // Operations after the payment, the merchant notification outbox, a session's capture method.
  `ALTER TABLE sessions ADD COLUMN capture_method TEXT;
  CREATE INDEX payments_created ON payments(created_at, id);
  CREATE TABLE operations (
    id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL REFERENCES payments(id),
    kind TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    completed_at TEXT,
    UNIQUE (payment_id, idempotency_key)
  );
  CREATE INDEX operations_payment ON operations(payment_id, created_at);
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    payment_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    locked_until TEXT,
    delivered_at TEXT,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
  CREATE INDEX outbox_payment ON outbox(payment_id, created_at);`,
  // Saved cards: the customer's cards by provider token, and payments that save or use one.
  `CREATE TABLE saved_cards (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    provider_card_id TEXT NOT NULL,
    masked_pan TEXT NOT NULL,
    brand TEXT NOT NULL,
    holder TEXT,
    expiry TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (customer_id, provider, provider_card_id)
  );
  ALTER TABLE payments ADD COLUMN save_card INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE payments ADD COLUMN saved_card_id TEXT;`,
  // Payouts to cards: the masked number only, the provider's reference, one row per idempotency key.
  `CREATE TABLE payouts (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    reference TEXT NOT NULL,
    description TEXT,
    destination_masked TEXT NOT NULL,
    provider_ref TEXT,
    provider_state TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    actor TEXT NOT NULL,
    failure TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX payouts_created ON payouts(created_at, id);
  CREATE INDEX payouts_reference ON payouts(reference);`,
  // Subscriptions at PITECH: ours <-> its subscriptionsId, and its charge counters as last recorded.
  `CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    provider_subscription_id TEXT UNIQUE,
    customer_id TEXT NOT NULL,
    saved_card_id TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    interval TEXT NOT NULL,
    period INTEGER NOT NULL,
    max_periods INTEGER,
    description TEXT NOT NULL,
    email TEXT NOT NULL,
    start_time TEXT NOT NULL,
    state TEXT NOT NULL,
    successful_charges INTEGER NOT NULL DEFAULT 0,
    failed_charges INTEGER NOT NULL DEFAULT 0,
    next_charge_at TEXT,
    last_charge_at TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX subscriptions_state ON subscriptions(state, created_at);`,
  // Reconciliation looks only at payments in flight; a partial index keeps that cheap as history grows.
  `CREATE INDEX payments_in_flight ON payments(updated_at) WHERE state IN ('requires_action', 'processing');`,
];
