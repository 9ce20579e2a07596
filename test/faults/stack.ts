// The system under fault: the sandbox (optionally with chaos) and the companion server, each on its
// own HTTP server on 127.0.0.1, with a real SQLite file. The providers' in-memory records and the
// payments table are read back as the test's oracle.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import {
  type Chaos,
  KAPITAL_SANDBOX_CREDENTIALS,
  PAYTECH_SANDBOX_CREDENTIALS,
  PITECH_SANDBOX_CREDENTIALS,
  type RunningSandbox,
  startSandbox,
} from '@pay-checkout/sandbox';
import { type Checkout, createCheckout, type Logger } from '@pay-checkout/server';

export const API_KEY = 'sk_test_faults_0123456789abcdef';

export interface StoredPayment {
  id: string;
  sessionId: string;
  provider: string;
  state: string;
  providerState: string | null;
}

export interface ProviderOrder {
  provider: 'pitech' | 'kapital' | 'paytech';
  /** Our payment the order was opened for (its reference, or the return URL it carries). */
  paymentId: string;
  paid: boolean;
  /** Still waiting for the shopper on the provider's page (not paid, declined or expired yet). */
  open: boolean;
}

export interface Stack {
  /** Where the companion router is mounted. */
  api: string;
  checkout: Checkout;
  sandbox: RunningSandbox;
  databasePath: string;
  logs: string[];
  sandboxIdle(): Promise<void>;
  allPayments(): Promise<StoredPayment[]>;
  providerOrders(): ProviderOrder[];
  close(): Promise<void>;
}

/** The provider settings for a sandbox; shared with the crash tests' child server. */
export function sandboxProviders(sandbox: Pick<RunningSandbox, 'pitech' | 'kapital' | 'paytech'>) {
  return {
    pitech: { ...PITECH_SANDBOX_CREDENTIALS, baseUrl: sandbox.pitech.baseUrl },
    kapital: { ...KAPITAL_SANDBOX_CREDENTIALS, baseUrl: sandbox.kapital.baseUrl },
    paytech: { ...PAYTECH_SANDBOX_CREDENTIALS, baseUrl: sandbox.paytech.baseUrl },
  };
}

export const ROUTING = { card: { KZT: 'pitech', AZN: 'kapital', '*': 'paytech' } } as const;

export function readPayments(databasePath: string): StoredPayment[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare('SELECT id, session_id, provider, state, provider_state FROM payments').all() as Record<string, string | null>[]).map((r) => ({
      id: r.id!,
      sessionId: r.session_id!,
      provider: r.provider!,
      state: r.state!,
      providerState: r.provider_state ?? null,
    }));
  } finally {
    db.close();
  }
}

export function providerOrders(sandbox: RunningSandbox): ProviderOrder[] {
  const returnId = (url: string | undefined) => /\/return\/([^/?]+)/.exec(url ?? '')?.[1] ?? '?';
  return [
    ...sandbox.pitech.orders().map((o) => ({ provider: 'pitech' as const, paymentId: o.request.extOrdersId, paid: o.state === 'SUCCESS', open: o.state === 'NEW' })),
    ...sandbox.kapital.orders().map((o) => ({
      provider: 'kapital' as const,
      paymentId: decodeURIComponent(returnId(o.request.hppRedirectUrl)),
      paid: o.status === 'FullyPaid',
      open: o.status === 'Preparing',
    })),
    ...sandbox.paytech
      .payments()
      .filter((p) => p.paymentType === 'DEPOSIT')
      .map((p) => ({ provider: 'paytech' as const, paymentId: p.request.referenceId ?? '?', paid: p.state === 'COMPLETED', open: p.state === 'CHECKOUT' })),
  ];
}

export async function startStack(options: { chaos?: Chaos; providerTimeoutMs?: number } = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'pay-checkout-faults-'));
  const databasePath = join(dir, 'checkout.db');
  const sandbox = await startSandbox({ chaos: options.chaos });
  const logs: string[] = [];
  const record = (level: string) => (event: string, fields?: Record<string, unknown>) => logs.push(JSON.stringify({ level, event, ...fields }));
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay`;
  const checkout = createCheckout({
    publicUrl: api,
    apiKey: API_KEY,
    merchantName: 'Dala Tea House',
    database: { path: databasePath },
    providers: sandboxProviders(sandbox),
    routing: ROUTING,
    providerTimeoutMs: options.providerTimeoutMs ?? 2000,
    logger,
  });
  app.use('/pay', checkout.router);
  return {
    api,
    checkout,
    sandbox,
    databasePath,
    logs,
    async sandboxIdle() {
      await Promise.all([sandbox.pitech.idle(), sandbox.paytech.idle()]);
    },
    allPayments: async () => readPayments(databasePath),
    providerOrders: () => providerOrders(sandbox),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await checkout.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const root = new URL('../..', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: chosen } = probe.address() as AddressInfo;
      probe.close(() => resolve(chosen));
    });
    probe.on('error', reject);
  });
}

/** The companion server as its own process (server-process.ts) on `port`; resolves once it listens. */
export async function spawnServer(port: number, settings: Record<string, unknown>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/faults/server-process.ts')], {
    cwd: root,
    env: { ...process.env, PAY_CHECKOUT_TEST_SERVER: JSON.stringify({ port, ...settings }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
  });
  // Keep draining its log lines so the pipe never fills.
  child.stdout!.resume();
  return child;
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
