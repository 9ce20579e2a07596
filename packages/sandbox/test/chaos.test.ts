import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { createChaos, createPitechSimulator, PITECH_STAGE_URL, PITECH_TEST_CARDS, type Chaos } from '../src/index.js';
import { pitechHandlers } from '../src/msw.js';
import { APP_ID, chargeRequest, mountSandbox, postJson, refOf, SECRET_ID, startCallbackReceiver, submitCard } from './helpers.js';

// Faults are drawn per request; rates of 1 make each fate certain, so every case is exact.

describe('sandbox chaos over HTTP', () => {
  const chaos: Chaos = createChaos();
  let sandbox: Awaited<ReturnType<typeof mountSandbox>>;
  let base: string;
  const charge = () => postJson(`${base}/gw/payments/cards/charge`, chargeRequest());
  const orders = () => sandbox.router.pitech.orders().length;

  before(async () => {
    sandbox = await mountSandbox({ pitech: { appId: APP_ID, secretId: SECRET_ID }, chaos });
    base = sandbox.router.pitech.baseUrl;
  });
  after(() => sandbox.close());
  afterEach(() => chaos.set({}));

  test('an injected 5xx carries nothing out', async () => {
    chaos.set({ errorRate: 1 });
    const before = orders();
    const res = await charge();
    assert.ok([500, 502, 503].includes(res.status), String(res.status));
    assert.equal(orders(), before);
  });

  test('a reset drops the connection before anything happens', async () => {
    chaos.set({ resetRate: 1 });
    const before = orders();
    await assert.rejects(charge(), TypeError);
    assert.equal(orders(), before);
  });

  test('a lost response carries the request out, then drops the connection', async () => {
    chaos.set({ lostResponseRate: 1 });
    const before = orders();
    await assert.rejects(charge(), TypeError);
    assert.equal(orders(), before + 1);
  });

  test('a hang outlasts the caller, and nothing is carried out', async () => {
    chaos.set({ timeoutRate: 1, hangMs: 400 });
    const before = orders();
    const res = fetch(`${base}/gw/payments/cards/charge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${APP_ID}:${SECRET_ID}`).toString('base64')}` },
      body: JSON.stringify(chargeRequest()),
      signal: AbortSignal.timeout(100),
    });
    await assert.rejects(res, /timeout|aborted/i);
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.equal(orders(), before);
  });

  test('latency delays the answer by at least its minimum', async () => {
    chaos.set({ latencyMs: [120, 150] });
    const started = performance.now();
    const res = await charge();
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started >= 115);
  });

  test('the shopper-facing hosted page is spared', async () => {
    const created = (await (await charge()).json()) as { ordersId: string; uuid: string; orderDate: string; paymentUrl: string };
    chaos.set({ errorRate: 1 });
    const page = await fetch(created.paymentUrl, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    const paid = await submitCard(base, refOf(created), { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal(paid.status, 303);
  });

  test('the same seed gives the same faults; the counts say what was injected', async () => {
    const run = async () => {
      const own = createChaos({ seed: 7, errorRate: 0.5 });
      const handler = own.wrap(async () => new Response('ok'));
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await handler(new Request('https://x.test/api', { method: 'POST' })))!.status);
      return { statuses, counts: own.counts() };
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(first.statuses, second.statuses);
    assert.equal(first.counts.error + first.counts.answered, 20);
    assert.ok(first.counts.error > 0 && first.counts.answered > 0);
  });
});

describe('sandbox chaos on callbacks', () => {
  test('duplicates every callback when asked, and holds some back so later ones go first', async () => {
    const receiver = await startCallbackReceiver();
    const chaos = createChaos({ duplicateCallbackRate: 1, callbackHoldMs: 50, seed: 3 });
    const sandbox = await mountSandbox({ pitech: { appId: APP_ID, secretId: SECRET_ID }, chaos });
    try {
      const base = sandbox.router.pitech.baseUrl;
      const created = (await (await postJson(`${base}/gw/payments/cards/charge`, chargeRequest({ callbackSuccessUrl: `${receiver.url}/cb` }))).json()) as {
        ordersId: string; uuid: string; orderDate: string;
      };
      await submitCard(base, refOf(created), { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
      await sandbox.router.pitech.idle();
      await chaos.idle();
      const arrived = await receiver.waitFor(2);
      assert.equal(arrived.length, 2);
      assert.deepEqual(arrived[0]!.body, arrived[1]!.body);
      assert.equal(chaos.counts().duplicatedCallbacks, 1);

      // The first is held back (100-200 ms); the second, sent right after with chaos off, overtakes it.
      chaos.set({ reorderCallbackRate: 1, callbackHoldMs: 200 });
      const send = chaos.callbackFetch(() => fetch);
      const post = (path: string, n: number) => send(`${receiver.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
      await post('/first', 1);
      chaos.set({});
      await post('/second', 2);
      await chaos.idle();
      await receiver.waitFor(4);
      const order = receiver.received.slice(2).map((r) => r.path);
      assert.equal(chaos.counts().reorderedCallbacks, 1);
      assert.deepEqual(order, ['/second', '/first']);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });
});

describe('sandbox chaos through msw', () => {
  const sim = createPitechSimulator({ appId: APP_ID, secretId: SECRET_ID, baseUrl: PITECH_STAGE_URL });
  const chaos = createChaos();
  const server = setupServer(...pitechHandlers(sim, chaos));
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  after(() => server.close());

  test('a reset is a network error for the caller; a lost response still creates the order', async () => {
    chaos.set({ resetRate: 1 });
    await assert.rejects(postJson(`${sim.baseUrl}/gw/payments/cards/charge`, chargeRequest()), TypeError);
    assert.equal(sim.orders().length, 0);
    chaos.set({ lostResponseRate: 1 });
    await assert.rejects(postJson(`${sim.baseUrl}/gw/payments/cards/charge`, chargeRequest()), TypeError);
    assert.equal(sim.orders().length, 1);
  });
});
