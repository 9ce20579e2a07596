// npm run bench: requests/s and latency of the companion server against a bare Express baseline, on
// 127.0.0.1. Each server under test runs in its own child process (scripts/bench/server.ts), so
// autocannon, here, does not share its event loop; the provider sandbox runs in another.
//   --duration S      seconds of each measured run (default 10; each follows a 2 s warm-up)
//   --connections N   concurrent connections (default 10)
//   --only sqlite|postgres
//   --json            print one JSON document instead of the table
//   --profile DIR     write a CPU profile of the server over each measured run to DIR
// PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { startChild } from './bench/child.mjs';
import { measure, requestsFrom } from './bench/load.mjs';
import { benchDatabaseUrl, freshSchema, shownUrl } from './bench/postgres.mjs';
import { formatReport, machine, RATE, targets } from './bench/report.mjs';

// The element's own paths and header names, so the bench calls the API exactly as the element does.
register();
const { IDEMPOTENCY_HEADER, paths } = await import('@pay-checkout/protocol/paths');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const warmup = Math.min(2, duration);
if (!(duration > 0) || !(connections >= 1) || (args.only && !['sqlite', 'postgres'].includes(args.only))) {
  process.stderr.write('usage: npm run bench -- [--duration S] [--connections N] [--only sqlite|postgres] [--json] [--profile DIR]\n');
  process.exit(2);
}
const profileDir = args.profile ? resolve(args.profile) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

/** Sessions rotated by the read run. */
const READ_SESSIONS = 200;
/** Sessions of the creation warm-up, which also estimates how many the measured run needs. */
const WARMUP_SESSIONS = 2000;
const runTag = Date.now().toString(36);
const say = (line) => process.stderr.write(`${line}\n`);

const elementHeaders = (clientSecret) => ({ accept: 'application/json', authorization: `Bearer ${clientSecret}` });

/** GET of the session, as the element reads it, rotating over `sessions`. */
const readRequests = (mount, sessions) =>
  requestsFrom((n) => {
    const [id, secret] = sessions[n % sessions.length];
    return { method: 'GET', path: `${mount}${paths.session(id)}`, headers: elementHeaders(secret) };
  });

/**
 * POST of a card payment with a new Idempotency-Key, each on a session of its own (never reused while
 * any is left), with the Origin a browser adds to a POST from the merchant's page (same origin here).
 */
const createRequests = (origin, mount, sessions, tag) =>
  requestsFrom((n) => {
    const [id, secret] = sessions[Math.min(n, sessions.length - 1)];
    return {
      method: 'POST',
      path: `${mount}${paths.sessionPayments(id)}`,
      headers: { ...elementHeaders(secret), origin, 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: `bench-${runTag}-${tag}-${n}` },
      body: JSON.stringify({ method: 'card' }),
    };
  });

async function sessions(child, count) {
  const { sessions: list, ms } = await child.request({ type: 'sessions', count });
  say(`  ${count} checkout sessions created through the Node API in ${(ms / 1000).toFixed(1)} s`);
  return list;
}

/** One measured run, with a CPU profile of the server over it when asked. */
async function measured(child, name, run) {
  if (profileDir) await child.request({ type: 'profile', action: 'start' });
  const result = await measure({ child, connections, duration, ...run });
  if (profileDir) say(`  profile: ${(await child.request({ type: 'profile', action: 'stop', file: join(profileDir, `${name}.cpuprofile`) })).file}`);
  const sandboxCpu = result.sandboxCpuMsPerRequest == null ? '' : `, sandbox CPU ${result.sandboxCpuMsPerRequest.toFixed(3)} ms/req`;
  say(`  ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (raw ${result.raw.p99?.toFixed(1)} ms), non-2xx ${result.non2xx}, errors ${result.errors}, server CPU ${result.serverCpuMsPerRequest?.toFixed(3)} ms/req${sandboxCpu}`);
  return result;
}

async function benchBare() {
  const child = startChild('bare Express');
  try {
    const { url } = await child.request({ type: 'start', role: 'bare' });
    say('bare Express');
    await measure({ child, url, connections, duration: warmup });
    return await measured(child, 'bare', { url });
  } finally {
    await child.stop();
  }
}

/**
 * The three runs against one store; { skipped } when this build cannot run it.
 * @param {{ url: string, request: (m: object) => Promise<any> }} sandbox
 */
async function benchCheckout(name, sandbox, databaseUrl) {
  const child = startChild(`checkout server (${name})`);
  try {
    const started = await child.request({ type: 'start', role: 'checkout', sandboxUrl: sandbox.url, ...(databaseUrl ? { databaseUrl } : {}) });
    if (started.unsupported) return { skipped: `not supported by this build: ${started.unsupported}` };
    const { origin, pathname: mount } = new URL(started.url);
    say(`${name}: companion server on ${origin}${mount}`);

    const readers = await sessions(child, READ_SESSIONS);
    await measure({ child, url: origin, connections, duration: warmup, requests: readRequests(mount, readers) });
    const read = await measured(child, `${name}-session-read`, { url: origin, requests: readRequests(mount, readers) });

    // The warm-up tells how fast creation goes, hence how many sessions the measured run may use up.
    const warm = await sessions(child, WARMUP_SESSIONS);
    const warmRun = await measure({ child, url: origin, connections, duration: warmup, maxOverallRequests: warm.length, requests: createRequests(origin, mount, warm, 'warm') });
    const pool = await sessions(child, Math.ceil(Math.max(warmRun.rps, 100) * duration * 1.5) + connections);
    const create = await measured(child, `${name}-payment-creation`, {
      url: origin,
      sandbox,
      maxOverallRequests: pool.length,
      requests: createRequests(origin, mount, pool, 'max'),
    });
    if (create.seconds < duration - 0.5) say(`  the run used up its ${pool.length} sessions after ${create.seconds} s`);

    const paced = await sessions(child, RATE * (duration + 2) + connections);
    const atRate = await measured(child, `${name}-payment-creation-${RATE}rps`, {
      url: origin,
      sandbox,
      overallRate: RATE,
      maxOverallRequests: paced.length,
      requests: createRequests(origin, mount, paced, 'rate'),
    });
    return { read, create, atRate };
  } finally {
    await child.stop();
  }
}

async function benchPostgres(sandbox) {
  const url = benchDatabaseUrl();
  const schema = await freshSchema(url);
  if (schema.unreachable) return { skipped: `not reachable at ${shownUrl(url)} (${schema.unreachable})` };
  try {
    const result = await benchCheckout('PostgreSQL', sandbox, schema.url);
    return result.skipped ? result : { ...result, schema: schema.schema };
  } finally {
    await schema.drop();
  }
}

const host = machine();
const report = { machine: host, options: { duration, connections, warmup, rate: RATE }, bare: null, backends: {} };
const sandboxChild = startChild('sandbox');
try {
  const { url } = await sandboxChild.request({ type: 'start', role: 'sandbox' });
  const sandbox = { url, request: sandboxChild.request };
  report.bare = await benchBare();
  // One store failing to run (a build in progress) still leaves the other's figures.
  const attempt = (run) => run().catch((error) => ({ skipped: `failed: ${error instanceof Error ? error.message : error}`, failed: true }));
  if (args.only !== 'postgres') report.backends.SQLite = await attempt(() => benchCheckout('SQLite', sandbox));
  if (args.only !== 'sqlite') report.backends.PostgreSQL = await attempt(() => benchPostgres(sandbox));
} finally {
  await sandboxChild.stop();
}

for (const backend of Object.values(report.backends)) if (!backend.skipped) backend.targets = targets(backend, report.bare);
process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(host, report)}\n`);
// Unmet targets are figures, not failures; a run that measured nothing, failed, or saw a payment
// creation refused did not measure what it says, and fails.
const backends = Object.values(report.backends);
const refused = backends.some((backend) => [backend.create, backend.atRate].some((run) => run && run.non2xx + run.errors > 0));
process.exitCode = backends.every((backend) => backend.skipped) || backends.some((backend) => backend.failed) || refused ? 1 : 0;
