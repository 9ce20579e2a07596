// Two server processes on one PostgreSQL, as behind a load balancer: duplicate submits split across
// them open one provider order, live updates reach a shopper on one instance when the other wrote the
// payment, rate limits count both, and reconciliation reads each payment from one instance only.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  createChaos,
  MONETIX_SANDBOX_CREDENTIALS,
  MONETIX_TEST_PHONES,
  PITECH_TEST_CARDS,
  type RunningSandbox,
  startSandbox,
} from '@pay-checkout/sandbox';
import { paths } from '@pay-checkout/protocol/paths';
import { type Checkout, createCheckout } from '@pay-checkout/server';
import { dropSchema, freshSchemaName, postgresUnavailable, testDatabaseUrl } from '../../packages/server/test/helpers.js';
import { API_KEY, freePort, kill, ROUTING, sandboxProviders, spawnServer } from './stack.js';

const unavailable = await postgresUnavailable();
if (unavailable && process.env.CI) it('two instances on PostgreSQL: a reachable server (required in CI)', () => assert.fail(unavailable));
else if (unavailable) console.log(`skipping the two-instance tests: ${unavailable}`);

describe('two server processes on one PostgreSQL', { skip: unavailable ?? false }, () => {
  // Counts the provider calls (no faults injected) to see who read what.
  const counter = createChaos();
  let sandbox: RunningSandbox;
  let url: string;
  let schema: string;
  const instances: { api: string; child: ChildProcess }[] = [];
  const settings = () => ({
    apiKey: API_KEY,
    merchantName: 'Dala Tea House',
    database: { url, schema },
    providers: {
      ...sandboxProviders(sandbox),
      monetix: { ...MONETIX_SANDBOX_CREDENTIALS, gateUrl: sandbox.monetix.baseUrl, paymentPageUrl: sandbox.monetix.baseUrl },
    },
    routing: { ...ROUTING, kz_mobile: { KZT: 'monetix' as const } },
    limits: { mobilePerPhone: { max: 3, windowSeconds: 3600 }, mobilePerIp: { max: 100, windowSeconds: 3600 } },
    providerTimeoutMs: 2000,
  });

  before(async () => {
    url = await testDatabaseUrl();
    schema = freshSchemaName('instances');
    sandbox = await startSandbox({ chaos: counter });
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const api = `http://127.0.0.1:${port}/pay`;
      // One after the other: the first runs the migrations, the second finds them done.
      instances.push({ api, child: await spawnServer(port, { ...settings(), publicUrl: api }) });
    }
  });
  after(async () => {
    await Promise.all(instances.map((i) => kill(i.child)));
    await sandbox?.close();
    if (schema) await dropSchema(url, schema);
  });

  const [a, b] = [() => instances[0]!.api, () => instances[1]!.api];

  async function newSession(api: string, currency = 'KZT') {
    const res = await fetch(`${api}${paths.sessions}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        amount: { value: 150_000, currency },
        orderId: `order-${Math.random().toString(36).slice(2)}`,
        description: 'Tea set',
        returnUrl: 'https://shop.example.kz/orders/1',
        // Monetix needs the shopper's name and email on every mobile sale.
        customer: { name: 'Aigerim Sultanova', email: 'aigerim@example.kz' },
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { id: string; clientSecret: string };
  }

  function pay(api: string, session: { id: string; clientSecret: string }, key: string, body: object = { method: 'card' }) {
    return fetch(`${api}${paths.sessionPayments(session.id)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.clientSecret}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, json: (await res.json()) as any }));
  }

  const ordersOf = (paymentIds: Set<string>) => sandbox.pitech.orders().filter((o) => paymentIds.has(o.request.extOrdersId));

  it('opens one provider order for 50 concurrent submits of one key split across both', async () => {
    const session = await newSession(a());
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => pay(i % 2 ? b() : a(), session, 'same-key-0001')));
    const ids = new Set(answers.map((r) => r.json.id));
    assert.ok(answers.every((r) => r.status === 201), JSON.stringify(answers.map((r) => r.status)));
    assert.equal(ids.size, 1, `answers named ${ids.size} payments`);
    assert.equal(ordersOf(ids).length, 1);
  });

  it('opens one provider order for 50 concurrent submits with 50 keys split across both', async () => {
    const session = await newSession(b());
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => pay(i % 2 ? a() : b(), session, `own-key-${String(i).padStart(4, '0')}`)));
    const ids = new Set(answers.filter((r) => r.json.id).map((r) => r.json.id as string));
    assert.ok(answers.every((r) => r.status === 200 || r.status === 201 || r.json.error?.code === 'idempotency_key_in_use'), JSON.stringify(answers.map((r) => r.status)));
    assert.equal(ids.size, 1);
    assert.equal(ordersOf(ids).length, 1);
  });

  it('streams the outcome to a shopper on one instance when the other recorded it', async () => {
    const session = await newSession(a());
    // The attempt is made through B, so the hosted page returns there and PITECH calls B back.
    const created = await pay(b(), session, 'live-key-0001');
    assert.equal(created.status, 201);
    const stream = new AbortController();
    const res = await fetch(`${a()}${paths.sessionEvents(session.id)}`, { headers: { authorization: `Bearer ${session.clientSecret}` }, signal: stream.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const finalEvent = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        text += decoder.decode(value);
        if (/"state":"succeeded"/.test(text)) return performance.now();
      }
    })();
    // Wait for the stream's first event (the payment as it is) before paying.
    while (!text.includes('event: payment')) await new Promise((resolve) => setTimeout(resolve, 10));
    const page = new URL(created.json.nextAction.url);
    const form = new URLSearchParams({
      ordersId: page.searchParams.get('ordersId')!, orderDate: page.searchParams.get('orderDate')!, uuid: page.searchParams.get('uuid')!,
      cardNumber: PITECH_TEST_CARDS.visaSuccess.number, expiry: '12/39', cvc: '123', cardholderName: 'AIGERIM SULTANOVA', action: 'pay',
    });
    const paid = await fetch(`${page.origin}${page.pathname}/pay`, { method: 'POST', body: form, redirect: 'manual' });
    const back = paid.headers.get('location')!;
    assert.ok(back.startsWith(b()), back);
    const returned = performance.now();
    await fetch(back, { redirect: 'manual' });
    const arrived = await finalEvent;
    stream.abort();
    assert.ok(arrived, 'the stream on A never saw the payment succeed');
    // The stream's own re-read runs every 5 s; the change arrived through NOTIFY well before that.
    const waited = arrived - returned;
    console.log(`# instances: outcome written on B reached the stream on A after ${waited.toFixed(0)} ms`);
    assert.ok(waited < 2500, `took ${waited.toFixed(0)} ms`);
  });

  it('counts the per-phone limit across both instances', async () => {
    const body = { method: 'kz_mobile', phone: `+${MONETIX_TEST_PHONES.success}`, operator: 'KCELL' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const api = i % 2 ? b() : a();
      const session = await newSession(api);
      const answer = await pay(api, session, `phone-key-${i}-0000`, body);
      statuses.push(answer.status);
      if (answer.status === 429) assert.equal(answer.json.error.code, 'rate_limited');
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
  });

  it('lets only one of two instances read each payment in flight during reconciliation', async () => {
    const waiting = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const session = await newSession(i % 2 ? a() : b());
      const created = await pay(i % 2 ? a() : b(), session, `stuck-key-${i}-0000`);
      waiting.add(created.json.id);
    }
    // Two more instances in this process (their own pools) on the same database, reconciling at once.
    const open = (): Checkout => createCheckout({ ...settings(), publicUrl: a(), reconcile: { everyMs: 3_600_000, minAgeMs: 0, leaseMs: 60_000, batch: 200 }, logger: { info() {}, warn() {}, error() {} } });
    const [first, second] = [open(), open()];
    try {
      const readsBefore = counter.counts().answered;
      const [one, two] = await Promise.all([first.reconcile(), second.reconcile()]);
      const reads = counter.counts().answered - readsBefore;
      console.log(`# instances: reconciliation ${JSON.stringify(one)} and ${JSON.stringify(two)}; ${reads} provider reads`);
      assert.ok(one.checked + two.checked >= waiting.size);
      // Every payment in flight was looked at by exactly one of them.
      assert.equal(one.checked + two.checked, one.leased + two.leased);
      assert.equal(reads, one.checked + two.checked);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
