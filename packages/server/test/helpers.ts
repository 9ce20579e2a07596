// Test harness: the real router on a real HTTP server on 127.0.0.1 with a real SQLite file, or with a
// fresh PostgreSQL schema per server when PAY_CHECKOUT_TEST_STORE=postgres.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import pg from 'pg';
import { createCheckout, type Checkout, type CheckoutConfigInput, type Logger } from '../src/index.js';

export const API_KEY = 'sk_test_0123456789abcdefghijklmnop';
export const PITECH = { appId: 'test-app', secretId: 'test-secret-9f8e7d' };

export interface Harness {
  url: string;
  checkout: Checkout;
  logs: string[];
  /** The SQLite file (unused on PostgreSQL). */
  dbPath: string;
  /** The database it runs on: pass it to a server started after this one to share its data. */
  database: CheckoutConfigInput['database'];
  /** Stops the server; `keepDatabase` leaves the database for a server started after it (a restart). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** Starts the router mounted at /pay; `pitechBaseUrl` points at the sandbox (HTTP) or its msw-intercepted real URL. */
export async function startServer(overrides: Partial<CheckoutConfigInput> = {}, pitechBaseUrl = 'https://cards-stage.pitech.kz'): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pay-checkout-'));
  const logs: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ level: 'info', event, ...fields })),
    warn: (event, fields) => logs.push(JSON.stringify({ level: 'warn', event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ level: 'error', event, ...fields })),
  };
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay`;
  const dbPath = join(dir, 'checkout.db');
  const database = overrides.database ?? (TEST_STORE === 'postgres' ? { url: await testDatabaseUrl(), schema: freshSchemaName('srv') } : { path: dbPath });
  const checkout = createCheckout({
    publicUrl: url,
    apiKey: API_KEY,
    merchantName: 'Demo Tea House',
    database,
    providers: { pitech: { ...PITECH, baseUrl: pitechBaseUrl } },
    providerTimeoutMs: 2000,
    logger,
    ...overrides,
  });
  app.use('/pay', checkout.router);
  return {
    url,
    checkout,
    logs,
    dbPath,
    database,
    async close(options = {}) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await checkout.close();
      if (options.keepDatabase) return;
      rmSync(dir, { recursive: true, force: true });
      if (database.url && database.schema) await dropSchema(database.url, database.schema);
    },
  };
}

/** `sqlite` (default) or `postgres`: the store every test server runs on. */
export const TEST_STORE = process.env.PAY_CHECKOUT_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file or run uses. */
export function freshSchemaName(prefix: string): string {
  return `t_${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

let reachable: Promise<string | null> | undefined;

/**
 * Null when the test PostgreSQL (TEST_DATABASE_URL, else the local `test` database) answers, after
 * starting the local cluster if it is down; otherwise why not.
 */
export function postgresUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
    if (await answers(url)) return null;
    let clusters: string[];
    try {
      clusters = readdirSync('/etc/postgresql');
    } catch {
      return `PostgreSQL at ${url} does not answer and this machine has no local cluster`;
    }
    for (const version of clusters) {
      try {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
      } catch {
        // Already running, or it cannot start: the wait below tells which matters.
      }
    }
    for (let tries = 0; tries < 20; tries++) {
      if (await answers(url)) return null;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return `PostgreSQL at ${url} does not answer, even after starting the local cluster`;
  })();
  return reachable;
}

/** The test PostgreSQL's URL; throws when it cannot be reached (the test asked for PostgreSQL). */
export async function testDatabaseUrl(): Promise<string> {
  const reason = await postgresUnavailable();
  if (reason) throw new Error(reason);
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs SQL with `?` parameters against the server's own database, SQLite or PostgreSQL alike. */
export async function sql(h: Harness, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const database = h.database;
  if (database.url) {
    let n = 0;
    const client = new pg.Client({ connectionString: database.url, ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}) });
    await client.connect();
    try {
      return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows;
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(database.path ?? h.dbPath);
  try {
    const statement = db.prepare(text);
    if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
    statement.run(...params);
    return [];
  } finally {
    db.close();
  }
}

export const sessionBody = {
  amount: { value: 150000, currency: 'KZT' },
  orderId: 'order-1001',
  description: 'Tea set',
  customer: { id: 'cust-7', email: 'aigerim@example.kz' },
  returnUrl: 'https://shop.example.kz/orders/1001',
};

export async function api(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    redirect: 'manual',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** Moves a session's expiry into the past, as time passing would. */
export async function expireSession(h: Harness, sessionId: string): Promise<void> {
  await sql(h, 'UPDATE sessions SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000).toISOString(), sessionId]);
}
