// pay.tech subscriptions through the merchant API: found and cancelled at pay.tech (the sandbox
// simulator, intercepted by msw at pay.tech's real test URL) by the id pay.tech gives; ids that cannot
// be pay.tech's are refused before pay.tech hears of them.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { PaytechSubscription } from '@pay-checkout/protocol';
import { createPaytechSimulator, PAYTECH_TEST_CARDS, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { API_KEY, api, type Harness, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL, payOnCheckoutPage } from './paytech-helpers.js';

type Json = Record<string, any>;

const paytechAt = (baseUrl: string) => ({ providers: { paytech: { ...PAYTECH_KEYS, baseUrl } } });

/** A port nothing listens on: pay.tech unreachable. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('pay.tech subscriptions through the merchant API', () => {
  const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS });
  const mock = setupServer();
  /** pay.tech calls as "METHOD /path" with their JSON bodies, in order. */
  const calls: { call: string; body: Json | null }[] = [];
  let h: Harness;
  let unreachable: Harness;
  let pitechOnly: Harness;

  before(async () => {
    mock.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.origin !== PAYTECH_URL || !url.pathname.startsWith('/api/v1/subscriptions')) return;
      const entry: { call: string; body: Json | null } = { call: `${request.method} ${url.pathname}`, body: null };
      calls.push(entry);
      if (request.method === 'PATCH') void request.clone().json().then((body) => (entry.body = body as Json));
    });
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer(paytechAt(PAYTECH_URL));
    unreachable = await startServer(paytechAt(`http://127.0.0.1:${await closedPort()}`));
    pitechOnly = await startServer();
  });
  beforeEach(() => {
    mock.resetHandlers(...paytechHandlers(sim));
    sim.reset();
    calls.length = 0;
  });
  afterEach(() => sim.idle());
  after(async () => {
    mock.close();
    await h.close();
    await unreachable.close();
    await pitechOnly.close();
  });

  /** An empty token sends no Authorization header. */
  const find = (id: string, server: Harness = h, token = API_KEY) => api(`${server.url}/v1/paytech/subscriptions/${id}`, { token });
  const cancel = (id: string, server: Harness = h, token = API_KEY) =>
    api(`${server.url}/v1/paytech/subscriptions/${id}/cancel`, { method: 'POST', token });

  /** What a merchant has from pay.tech's back office: the id of a subscription a paid deposit started. */
  async function subscriptionAtPaytech(): Promise<string> {
    const res = await fetch(`${PAYTECH_URL}/api/v1/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PAYTECH_KEYS.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paymentType: 'DEPOSIT', currency: 'EUR', amount: 9.99, returnUrl: 'https://shop.example/back', startRecurring: true, subscription: {} }),
    });
    const { result } = (await res.json()) as { result: { redirectUrl: string } };
    await payOnCheckoutPage(result.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    const [started] = sim.subscriptions();
    assert.ok(started, 'the simulator started a subscription');
    calls.length = 0;
    return started.id;
  }

  it('finds a subscription by its pay.tech id, with only what is known of it', async () => {
    const id = await subscriptionAtPaytech();
    const res = await find(id);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(PaytechSubscription.strict().parse(res.json), { id, provider: 'paytech', state: 'active', providerState: 'ACTIVE' });
    assert.deepEqual(calls, [{ call: `GET /api/v1/subscriptions/${id}`, body: null }]);
    assert.deepEqual(await h.checkout.getPaytechSubscription(id), res.json, 'the Node API answers the same');
  });

  it('cancels it with Patch subscription {"state":"CANCELLED"}', async () => {
    const id = await subscriptionAtPaytech();
    const res = await cancel(id);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(res.json, { id, provider: 'paytech', state: 'canceled', providerState: 'CANCELLED' });
    assert.deepEqual(calls, [{ call: `PATCH /api/v1/subscriptions/${id}`, body: { state: 'CANCELLED' } }]);
    assert.equal(sim.subscriptions()[0]!.state, 'CANCELLED');
    assert.equal((await find(id)).json.state, 'canceled');
    assert.ok(h.logs.some((line) => line.includes('paytech_subscription.canceled') && line.includes(id)));
  });

  it('answers a second cancel with the cancelled subscription, also when pay.tech refuses to cancel twice', async () => {
    const id = await subscriptionAtPaytech();
    assert.equal((await cancel(id)).json.state, 'canceled');
    const again = await cancel(id);
    assert.deepEqual([again.status, again.json.state], [200, 'canceled']);
    assert.equal(await h.checkout.cancelPaytechSubscription(id).then((s) => s.state), 'canceled');

    // pay.tech itself may answer a repeat with an error: the subscription is read, and it is cancelled.
    mock.use(http.patch(`${PAYTECH_URL}/api/v1/subscriptions/:id`, () => HttpResponse.json({ status: 400, message: 'Illegal Workflow State' }, { status: 400 })));
    calls.length = 0;
    const refused = await cancel(id);
    assert.deepEqual([refused.status, refused.json.state], [200, 'canceled']);
    assert.deepEqual(calls.map((c) => c.call), [`PATCH /api/v1/subscriptions/${id}`, `GET /api/v1/subscriptions/${id}`]);
  });

  it('answers 502 provider_error when pay.tech refuses to cancel an active subscription', async () => {
    const id = await subscriptionAtPaytech();
    mock.use(http.patch(`${PAYTECH_URL}/api/v1/subscriptions/:id`, () => HttpResponse.json({ status: 400, message: 'Illegal Workflow State' }, { status: 400 })));
    const res = await cancel(id);
    assert.deepEqual([res.status, res.json.error.code], [502, 'provider_error']);
    assert.match(res.json.error.message, /Illegal Workflow State/);
    assert.equal(sim.subscriptions()[0]!.state, 'ACTIVE');
  });

  it('answers 404 subscription_not_found for an id pay.tech does not know', async () => {
    const unknown = 'Zz0'.repeat(10) + 'Q9';
    for (const res of [await find(unknown), await cancel(unknown)]) {
      assert.deepEqual([res.status, res.json.error.code], [404, 'subscription_not_found']);
    }
    assert.deepEqual(calls.map((c) => c.call), [`GET /api/v1/subscriptions/${unknown}`, `PATCH /api/v1/subscriptions/${unknown}`]);
  });

  it('refuses an id that cannot be pay.tech\'s before any pay.tech call', async () => {
    const id = await subscriptionAtPaytech();
    for (const bad of [id.slice(1), `${id}a`, `${id.slice(1)}-`, encodeURIComponent(`${id.slice(1)}é`), `${id.slice(1)}%20`]) {
      for (const res of [await find(bad), await cancel(bad)]) {
        assert.deepEqual([res.status, res.json.error.code], [404, 'subscription_not_found'], bad);
      }
    }
    assert.deepEqual(calls, [], 'pay.tech was not called');
    assert.equal(sim.subscriptions()[0]!.state, 'ACTIVE');
  });

  it('needs the API key', async () => {
    const id = await subscriptionAtPaytech();
    for (const token of ['', 'sk_test_wrong']) {
      for (const res of [await find(id, h, token), await cancel(id, h, token)]) {
        assert.deepEqual([res.status, res.json.error.code], [401, 'unauthorized']);
      }
    }
    assert.deepEqual(calls, []);
    assert.equal(sim.subscriptions()[0]!.state, 'ACTIVE');
  });

  it('answers 503 provider_unavailable when pay.tech cannot be reached or fails', async () => {
    const id = await subscriptionAtPaytech();
    for (const res of [await find(id, unreachable), await cancel(id, unreachable)]) {
      assert.deepEqual([res.status, res.json.error.code], [503, 'provider_unavailable']);
    }
    mock.use(http.get(`${PAYTECH_URL}/api/v1/subscriptions/:id`, () => HttpResponse.json({ status: 500 }, { status: 500 })));
    assert.deepEqual((await find(id)).json.error.code, 'provider_unavailable');
    assert.equal(sim.subscriptions()[0]!.state, 'ACTIVE');
  });

  it('keeps a state it does not know as unknown, with pay.tech\'s word', async () => {
    const id = await subscriptionAtPaytech();
    mock.use(http.get(`${PAYTECH_URL}/api/v1/subscriptions/:id`, () => HttpResponse.json({ timestamp: 't', status: 200, result: { id, state: 'SUSPENDED' } })));
    assert.deepEqual((await find(id)).json, { id, provider: 'paytech', state: 'unknown', providerState: 'SUSPENDED' });
    // An answer about another subscription is no answer.
    mock.use(http.get(`${PAYTECH_URL}/api/v1/subscriptions/:id`, () => HttpResponse.json({ status: 200, result: { id: 'X'.repeat(32), state: 'ACTIVE' } })));
    assert.deepEqual((await find(id)).json.error.code, 'provider_unavailable');
  });

  it('answers provider_not_configured where pay.tech is not configured', async () => {
    const id = await subscriptionAtPaytech();
    for (const res of [await find(id, pitechOnly), await cancel(id, pitechOnly)]) {
      assert.deepEqual([res.status, res.json.error.code], [400, 'provider_not_configured']);
    }
    assert.deepEqual(calls, []);
  });
});
