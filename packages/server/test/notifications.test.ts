// Merchant notifications: signing and verification, one event per change, the in-process hook, and
// the durable outbox: a receiver that fails, a server that restarts on the same database, and every
// event still arriving once per id.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPaytechSimulator, PAYTECH_TEST_CARDS, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import type { MerchantEvent } from '@pay-checkout/protocol';
import { MerchantEvent as MerchantEventSchema } from '@pay-checkout/protocol';
import { type CheckoutConfigInput, signMerchantWebhook, verifyMerchantWebhook } from '../src/index.js';
import { api, type Harness, sessionBody, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL, payOnCheckoutPage } from './paytech-helpers.js';

const SECRET = 'whsec_test_5f1d2c3b4a5968778695a4b3';

describe('verifyMerchantWebhook', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded' });
  const now = new Date('2026-11-22T12:00:00Z');
  const header = signMerchantWebhook(body, SECRET, now);

  it('accepts the exact body with the right secret within five minutes', () => {
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verifyMerchantWebhook(body, header, SECRET, { now }), true);
    assert.equal(verifyMerchantWebhook(Buffer.from(body), header, SECRET, { now: new Date(now.getTime() + 299_000) }), true);
  });

  it('rejects a tampered body, another secret, a stale or future timestamp, a replayed signature and garbage', () => {
    const cases: [string | Buffer, string | undefined, string, Date][] = [
      [body.replace('succeeded', 'failed'), header, SECRET, now],
      [`${body} `, header, SECRET, now],
      [body, header, `${SECRET}x`, now],
      [body, header, SECRET, new Date(now.getTime() + 301_000)],
      [body, header, SECRET, new Date(now.getTime() - 301_000)],
      // The signature of one moment moved to another: the timestamp is signed too.
      [body, header.replace(/t=\d+/, `t=${Math.floor(now.getTime() / 1000) + 60}`), SECRET, now],
      [body, undefined, SECRET, now],
      [body, 'v1=abc', SECRET, now],
      [body, 't=now,v1=00', SECRET, now],
      [body, header, '', now],
    ];
    for (const [raw, given, secret, at] of cases) assert.equal(verifyMerchantWebhook(raw, given, secret, { now: at }), false, String(given));
  });

  it('accepts any of several v1 values, for secret rotation', () => {
    const old = signMerchantWebhook(body, 'old_secret_0000000000000000', now);
    const both = `${header},v1=${old.split('v1=')[1]}`;
    assert.equal(verifyMerchantWebhook(body, both, SECRET, { now }), true);
    assert.equal(verifyMerchantWebhook(body, both, 'old_secret_0000000000000000', { now }), true);
  });
});

/** A merchant endpoint on 127.0.0.1 that answers `status()` and keeps what it received. */
async function receiver(status: () => number) {
  const received: { id: string; header: string | undefined; raw: string; status: number }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const code = status();
      received.push({ id: String(req.headers['pay-checkout-event-id']), header: req.headers['pay-checkout-signature'] as string | undefined, raw, status: code });
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/pay`,
    received,
    delivered: () => received.filter((r) => r.status < 300),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('merchant notifications', () => {
  const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS });
  const mock = setupServer();
  const eur = { ...sessionBody, amount: { value: 1500, currency: 'EUR' }, customer: { id: 'cust-7', email: 'aigerim@example.kz', name: 'Aigerim Sultanova' } };
  const servers: Harness[] = [];
  const config = (url: string, extra: Partial<CheckoutConfigInput> = {}): Partial<CheckoutConfigInput> => ({
    providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } },
    notifications: { url, secret: SECRET, firstRetryDelayMs: 50, maxRetryDelayMs: 200, pollIntervalMs: 20, timeoutMs: 2000 },
    ...extra,
  });

  before(() => mock.listen({ onUnhandledRequest: 'bypass' }));
  beforeEach(() => mock.resetHandlers(...paytechHandlers(sim)));
  afterEach(async () => {
    await sim.idle();
    for (const h of servers.splice(0)) await h.close();
  });
  after(() => mock.close());

  let seq = 0;
  async function pay(h: Harness): Promise<string> {
    const session = await h.checkout.createSession({ ...eur, orderId: `ntf-${++seq}` });
    const created = await api(`${h.url}/v1/sessions/${session.id}/payments`, {
      token: session.clientSecret,
      body: { method: 'card' },
      headers: { 'idempotency-key': `ntf-create-${seq}-key` },
    });
    await fetch(await payOnCheckoutPage(created.json.nextAction.url, PAYTECH_TEST_CARDS.success.number), { redirect: 'manual' });
    return created.json.id as string;
  }

  it('posts one signed event per change, with the payment as the merchant sees it, and hands it to the hook', async () => {
    const merchant = await receiver(() => 200);
    const hooked: MerchantEvent[] = [];
    const h = await startServer(config(merchant.url, { onPaymentEvent: (event) => void hooked.push(event) }));
    servers.push(h);
    const paymentId = await pay(h);
    await h.checkout.refund(paymentId, { amount: 500 });
    await h.checkout.refund(paymentId, { amount: 300 });
    await until(() => merchant.received.length >= 4, 'four events');
    await new Promise((resolve) => setTimeout(resolve, 100)); // nothing more should come

    const events = merchant.received.map((r) => {
      assert.equal(verifyMerchantWebhook(r.raw, r.header, SECRET), true, 'signed over the exact body');
      const event = MerchantEventSchema.parse(JSON.parse(r.raw));
      assert.equal(event.id, r.id, 'the id header matches the body');
      return event;
    });
    assert.deepEqual(events.map((e) => e.type), ['payment.requires_action', 'payment.succeeded', 'payment.partially_refunded', 'payment.partially_refunded']);
    assert.deepEqual(events.map((e) => e.data.payment.refundedAmount.value), [0, 0, 500, 800]);
    assert.equal(new Set(events.map((e) => e.id)).size, 4);
    assert.equal(events[1]!.data.payment.orderId, `ntf-${seq}`);
    assert.equal(events[1]!.data.payment.available.refund, 1500);
    assert.deepEqual(hooked.map((e) => e.id), events.map((e) => e.id), 'the hook gets the same events');
    const outbox = await h.checkout.notifications(paymentId);
    assert.deepEqual(outbox.map((e) => [e.status, e.attempts]), [['delivered', 1], ['delivered', 1], ['delivered', 1], ['delivered', 1]]);
    await merchant.close();
  });

  it('retries with backoff while the receiver fails, across a restart, and delivers each event once', async () => {
    let healthy = false;
    const merchant = await receiver(() => (healthy ? 204 : 503));
    const first = await startServer(config(merchant.url));
    const paymentId = await pay(first);
    await until(() => merchant.received.length >= 4, 'a few failed attempts');
    const failedIds = new Set(merchant.received.map((r) => r.id));
    assert.equal(failedIds.size, 2, 'requires_action and succeeded, each tried again under the same id');
    const pending = await first.checkout.notifications(paymentId);
    assert.ok(pending.every((e) => e.status === 'pending' && e.lastError === 'HTTP 503'));

    // Stop the server mid-retry; a new one opens the same database file.
    await first.close({ keepDatabase: true });
    healthy = true;
    const second = await startServer({ ...config(merchant.url), database: first.database });
    servers.push(second);
    await until(() => merchant.delivered().length >= 2, 'delivery after the restart');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const delivered = merchant.delivered().map((r) => r.id).sort();
    assert.deepEqual(delivered, [...failedIds].sort(), 'each event delivered once, under the id it had before the restart');
    const outbox = await second.checkout.notifications(paymentId);
    assert.ok(outbox.every((e) => e.status === 'delivered' && e.attempts >= 2));
    rmSync(dirname(first.dbPath), { recursive: true, force: true });
    await merchant.close();
  });

  it('gives up after giveUpAfterMs and keeps the event, marked failed', async () => {
    const merchant = await receiver(() => 500);
    const quick = await startServer({ ...config(merchant.url), notifications: { url: merchant.url, secret: SECRET, firstRetryDelayMs: 20, maxRetryDelayMs: 20, giveUpAfterMs: 300, pollIntervalMs: 20 } });
    servers.push(quick);
    const paymentId = await pay(quick);
    await until(async () => (await quick.checkout.notifications(paymentId)).every((e) => e.status === 'failed'), 'given up', 5000);
    const attempts = merchant.received.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(merchant.received.length, attempts, 'no attempt after giving up');
    assert.ok(quick.logs.some((line) => line.includes('notification.given_up')));
    assert.ok(!quick.logs.some((line) => line.includes(SECRET)), 'the secret is never logged');
    await merchant.close();
  });

  it('writes no events when nobody listens', async () => {
    const h = await startServer({ providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } } });
    servers.push(h);
    const paymentId = await pay(h);
    assert.deepEqual(await h.checkout.notifications(paymentId), []);
  });
});
