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
];
