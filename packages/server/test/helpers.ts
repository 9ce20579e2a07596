// Test harness: the real router on a real HTTP server on 127.0.0.1 with a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createCheckout, type Checkout, type CheckoutConfigInput, type Logger } from '../src/index.js';

export const API_KEY = 'sk_test_0123456789abcdefghijklmnop';
export const PITECH = { appId: 'test-app', secretId: 'test-secret-9f8e7d' };

export interface Harness {
  url: string;
  checkout: Checkout;
  logs: string[];
  dbPath: string;
  /** Stops the server; `keepDatabase` leaves the SQLite file for a server started after it (a restart). */
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
  const checkout = createCheckout({
    publicUrl: url,
    apiKey: API_KEY,
    merchantName: 'Demo Tea House',
    database: { path: dbPath },
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
    async close(options = {}) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await checkout.close();
      if (!options.keepDatabase) rmSync(dir, { recursive: true, force: true });
    },
  };
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
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(h.dbPath);
  db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), sessionId);
  db.close();
}
