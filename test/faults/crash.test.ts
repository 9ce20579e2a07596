// The server is SIGKILLed at random points while shoppers are paying, again and again, on one SQLite
// file. After each kill: the file passes integrity_check and foreign_key_check, and every session
// and payment whose creation was answered is still there. At the end one more server reconciles,
// and the providers' records agree with ours: nothing paid twice, nothing paid left unrecorded,
// nothing left in flight.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { type RunningSandbox, startSandbox } from '@pay-checkout/sandbox';
import { CURRENCY, type Acquirer, shop } from './shopper.js';
import { API_KEY, freePort, kill, providerOrders, readPayments, ROUTING, sandboxProviders, spawnServer } from './stack.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SHOPPERS_PER_RUN = 4;

let sandbox: RunningSandbox;
let dir: string;
let port: number;

before(async () => {
  // Latency widens the windows in which a kill lands between our write and the provider's answer.
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'pay-checkout-crash-'));
  port = await freePort();
});
after(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const api = () => `http://127.0.0.1:${port}/pay`;
const databasePath = () => join(dir, 'checkout.db');

/** The server process on the fixed port (return and callback URLs must stay valid across restarts). */
const startServer = (extra: Record<string, unknown> = {}) =>
  spawnServer(port, {
    publicUrl: api(),
    apiKey: API_KEY,
    merchantName: 'Dala Tea House',
    database: { path: databasePath() },
    providers: sandboxProviders(sandbox),
    routing: ROUTING,
    providerTimeoutMs: 500,
    ...extra,
  });

async function createSession(n: number, acquirer: Acquirer): Promise<{ id: string; clientSecret: string } | null> {
  try {
    const res = await fetch(`${api()}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        amount: { value: 2000 + n, currency: CURRENCY[acquirer] },
        orderId: `crash-${n}`,
        description: `Crash order ${n}`,
        returnUrl: `https://shop.example.kz/orders/${n}`,
      }),
    });
    return res.status === 201 ? ((await res.json()) as { id: string; clientSecret: string }) : null;
  } catch {
    return null;
  }
}

test(`${KILLS} SIGKILLs during payments: the database stays whole, nothing answered is lost, all reconciled`, { timeout: 900_000 }, async () => {
  const acquirers: Acquirer[] = ['pitech', 'kapital', 'paytech'];
  const answeredSessions = new Set<string>();
  const answeredPayments = new Set<string>();
  let n = 0;
  for (let run = 0; run < KILLS; run++) {
    const child = await startServer();
    const flows = Array.from({ length: SHOPPERS_PER_RUN }, async () => {
      const i = n++;
      const acquirer = acquirers[i % 3]!;
      const session = await createSession(i, acquirer);
      if (!session) return;
      answeredSessions.add(session.id);
      const result = await shop(api(), session.id, session.clientSecret, acquirer, i % 4 !== 3, 1);
      for (const id of result.payments) answeredPayments.add(id);
    });
    // Anywhere from before the first request to after the last one.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 400));
    await kill(child);
    await Promise.allSettled(flows);

    const db = new Database(databasePath(), { readonly: false });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `integrity_check after kill ${run + 1}`);
      assert.deepEqual(db.pragma('foreign_key_check'), [], `foreign_key_check after kill ${run + 1}`);
      const sessions = new Set((db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((r) => r.id));
      const payments = new Set((db.prepare('SELECT id FROM payments').all() as { id: string }[]).map((r) => r.id));
      for (const id of answeredSessions) assert.ok(sessions.has(id), `session ${id} was answered but is gone after kill ${run + 1}`);
      for (const id of answeredPayments) assert.ok(payments.has(id), `payment ${id} was answered but is gone after kill ${run + 1}`);
    } finally {
      db.close();
    }
  }

  // One more server, left running: its reconciliation settles what the kills left in flight.
  const last = await startServer({ reconcile: { everyMs: 200, minAgeMs: 0, leaseMs: 100 } });
  try {
    const deadline = Date.now() + 60_000;
    let payments = readPayments(databasePath());
    const settled = () => {
      const open = new Set(providerOrders(sandbox).filter((o) => o.open).map((o) => o.paymentId));
      return payments.every((p) => !(p.state === 'requires_action' || p.state === 'processing') || (p.state === 'requires_action' && open.has(p.id)));
    };
    while (!settled() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      payments = readPayments(databasePath());
    }
    const orders = providerOrders(sandbox);
    const paid = new Set(orders.filter((o) => o.paid).map((o) => o.paymentId));
    const perPayment = new Map<string, number>();
    for (const o of orders) perPayment.set(o.paymentId, (perPayment.get(o.paymentId) ?? 0) + 1);
    const ours = new Map(payments.map((p) => [p.id, p]));
    // A kill between our write and its answer leaves a shopper without the page: that order stays open at
    // the provider until it expires there, and our payment rightly waits with it. Anything else in flight
    // is a payment reconciliation failed to settle.
    const openAtProvider = new Set(orders.filter((o) => o.open).map((o) => o.paymentId));
    const waiting = payments.filter((p) => p.state === 'requires_action' && openAtProvider.has(p.id));
    const inFlight = payments.filter((p) => (p.state === 'requires_action' || p.state === 'processing') && !openAtProvider.has(p.id));
    const bySession = new Map<string, number>();
    for (const id of paid) {
      const session = ours.get(id)?.sessionId ?? '?';
      bySession.set(session, (bySession.get(session) ?? 0) + 1);
    }
    console.log(
      `# crash: ${KILLS} kills, ${answeredSessions.size} sessions and ${answeredPayments.size} payments answered, ${payments.length} payments stored, ` +
        `${orders.length} provider orders (${paid.size} paid), ${payments.filter((p) => p.state === 'succeeded').length} succeeded, ` +
        `${waiting.length} waiting on an open provider page, ${inFlight.length} left in flight`,
    );
    assert.deepEqual(inFlight.map((p) => `${p.id} ${p.state}`), [], 'payments left in flight after reconciliation');
    assert.deepEqual([...perPayment].filter(([, count]) => count > 1), [], 'a payment attempt opened more than one provider order');
    assert.deepEqual(orders.filter((o) => !ours.has(o.paymentId)).map((o) => o.paymentId), [], 'a provider order belongs to no stored payment');
    assert.deepEqual(payments.filter((p) => p.state === 'succeeded' && !paid.has(p.id)).map((p) => p.id), [], 'succeeded here, not paid there');
    assert.deepEqual([...paid].filter((id) => ours.get(id)?.state !== 'succeeded'), [], 'paid there, not succeeded here');
    assert.deepEqual([...bySession].filter(([, count]) => count > 1), [], 'a session was paid twice');
    assert.ok(answeredPayments.size > KILLS, 'too few payments got far enough to test anything');
  } finally {
    await kill(last);
  }
});
