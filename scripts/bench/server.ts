// The process under test of `npm run bench`, started by scripts/bench.mjs with an IPC channel, one
// role per process: the bare Express baseline, the provider sandbox, or the companion server. Each
// listens on 127.0.0.1, port 0, and answers the parent's messages (see BenchMessage).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PITECH_SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '@pay-checkout/sandbox';
import { type Checkout, type CheckoutConfigInput, ConfigError, createCheckout, silentLogger } from '@pay-checkout/server';
import express from 'express';

/** What the parent asks; every answer carries the request's `id`. */
type BenchMessage =
  | { id: number; type: 'start'; role: 'bare' }
  | { id: number; type: 'start'; role: 'sandbox' }
  | { id: number; type: 'start'; role: 'checkout'; sandboxUrl: string; databaseUrl?: string }
  | { id: number; type: 'sessions'; count: number }
  | { id: number; type: 'usage' }
  | { id: number; type: 'profile'; action: 'start' }
  | { id: number; type: 'profile'; action: 'stop'; file: string }
  | { id: number; type: 'stop' };

const postgresModule = fileURLToPath(new URL('../../packages/server/src/store/postgres.ts', import.meta.url));
/** A guest checkout: without a customer id the session read asks no provider for saved cards. */
const SESSION = {
  amount: { value: 150000, currency: 'KZT' },
  description: 'Tea set',
  returnUrl: 'https://shop.example.kz/orders/1001',
};
/** Sessions are created this many at a time (a networked store answers each after a round trip). */
const CREATE_CONCURRENCY = 16;

let server: Server | undefined;
let sandbox: RunningSandbox | undefined;
let checkout: Checkout | undefined;
let dataDir: string | undefined;
let sessionsMade = 0;
let profiler: Session | undefined;

function send(message: Record<string, unknown>, then?: () => void): void {
  process.send?.(message, undefined, {}, then);
}

function listen(app: express.Express): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) return reject(error);
      server = s;
      resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`);
    });
  });
}

async function startBare(): Promise<Record<string, unknown>> {
  const app = express();
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  return { url: `${await listen(app)}/x` };
}

async function startCheckout(sandboxUrl: string, databaseUrl: string | undefined): Promise<Record<string, unknown>> {
  if (databaseUrl && !existsSync(postgresModule)) return { unsupported: 'no PostgreSQL store (packages/server/src/store/postgres.ts)' };
  const app = express();
  const origin = await listen(app);
  let database: CheckoutConfigInput['database'];
  if (databaseUrl) {
    // Passed as data: a build without PostgreSQL refuses `url` at run time (below), not at type-check.
    database = { url: databaseUrl } as unknown as CheckoutConfigInput['database'];
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'pay-checkout-bench-'));
    database = { path: join(dataDir, 'checkout.db') };
  }
  try {
    checkout = createCheckout({
      publicUrl: `${origin}/pay`,
      apiKey: 'sk_bench_0123456789abcdefghijklmnop',
      merchantName: 'Bench Tea House',
      database,
      providers: { pitech: { ...PITECH_SANDBOX_CREDENTIALS, baseUrl: `${sandboxUrl}/pitech` } },
      logger: silentLogger,
    });
  } catch (error) {
    if (databaseUrl && error instanceof ConfigError && error.issues.some((issue) => issue.path.startsWith('database'))) {
      return { unsupported: `the configuration refuses database.url (${error.message})` };
    }
    throw error;
  }
  app.use('/pay', checkout.router);
  return { url: `${origin}/pay`, database: databaseUrl ? 'postgres' : 'sqlite' };
}

/** Fresh checkout sessions through the Node API: one element-facing credential each. */
async function createSessions(count: number): Promise<Record<string, unknown>> {
  if (!checkout) throw new Error('the checkout server is not started');
  const made = checkout;
  const sessions: [string, string][] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const at = next++;
      const created = await made.createSession({ ...SESSION, orderId: `bench-${++sessionsMade}` });
      sessions[at] = [created.id, created.clientSecret];
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, worker));
  return { sessions, ms: performance.now() - started };
}

/** A CPU profile of this process over one measured run, written where the parent says. */
async function profile(action: 'start' | 'stop', file?: string): Promise<Record<string, unknown>> {
  if (action === 'start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
    await profiler.post('Profiler.start');
    return {};
  }
  if (!profiler || !file) throw new Error('no profile is being taken');
  const { profile: taken } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  writeFileSync(file, JSON.stringify(taken));
  return { file };
}

async function stop(): Promise<void> {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await sandbox?.close();
  await checkout?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function handle(message: BenchMessage): Promise<Record<string, unknown>> {
  switch (message.type) {
    case 'start':
      if (message.role === 'bare') return startBare();
      if (message.role === 'sandbox') {
        sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
        return { url: sandbox.url };
      }
      return startCheckout(message.sandboxUrl, message.databaseUrl);
    case 'sessions':
      return createSessions(message.count);
    case 'usage':
      // CPU time and event-loop use so far; the parent takes differences across a run.
      return { cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), rss: process.memoryUsage.rss() };
    case 'profile':
      return profile(message.action, message.action === 'stop' ? message.file : undefined);
    case 'stop':
      await stop();
      return {};
  }
}

process.on('message', (message: BenchMessage) => {
  handle(message).then(
    (answer) => send({ id: message.id, ...answer }, message.type === 'stop' ? () => process.exit(0) : undefined),
    (error: unknown) => send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
