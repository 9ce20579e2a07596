// Card payments through the PITECH adapter against the sandbox simulator, intercepted by msw at
// PITECH's real test URL, so a wrong path or field fails here.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPitechSimulator, PITECH_TEST_CARDS, type PitechSimulator } from '@pay-checkout/sandbox';
import { pitechHandlers } from '@pay-checkout/sandbox/msw';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PITECH_URL, payOnPitechPage } from './pitech-helpers.js';
import { api, type Harness, PITECH, sessionBody, startServer } from './helpers.js';


describe('PITECH card payments', () => {
  let sim: PitechSimulator;
  let h: Harness;
  const mock = setupServer();

  before(async () => {
    sim = createPitechSimulator({ baseUrl: PITECH_URL, ...PITECH });
    mock.use(...pitechHandlers(sim));
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer();
  });
  beforeEach(() => {
    mock.resetHandlers(...pitechHandlers(sim));
  });
  afterEach(() => sim.idle());
  after(async () => {
    mock.close();
    await h.close();
  });

  let orderSeq = 0;
  async function newSession(overrides: Record<string, unknown> = {}) {
    return h.checkout.createSession({ ...sessionBody, orderId: `order-${++orderSeq}`, ...overrides } as typeof sessionBody);
  }
  function pay(session: { id: string; clientSecret: string }, key: string, body: unknown = { method: 'card' }) {
    return api(`${h.url}/v1/sessions/${session.id}/payments`, { token: session.clientSecret, body, headers: { 'idempotency-key': key } });
  }
  const payOnHostedPage = payOnPitechPage;
  async function followReturn(location: string) {
    const res = await fetch(location, { redirect: 'manual' });
    assert.equal(res.status, 303);
    return res.headers.get('location')!;
  }

  it('creates one PITECH order with the amount converted at the edge and hands off to its page', async () => {
    const session = await newSession({ amount: { value: 150050, currency: 'KZT' } });
    const res = await pay(session, 'attempt-key-0001');
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'requires_action');
    assert.equal(res.json.nextAction.type, 'redirect');
    assert.equal(new URL(res.json.nextAction.url).origin, PITECH_URL);
    const order = sim.orders().find((o) => o.request.extOrdersId === res.json.id)!.request;
    assert.equal(order.amount, 1500.5);
    assert.equal(order.currency, 'KZT');
    assert.equal(order.description, 'Tea set');
    assert.equal(order.successReturnUrl, `${h.url}/v1/return/${res.json.id}?outcome=success`);
    assert.equal(order.callbackSuccessUrl, `${h.url}/v1/callbacks/pitech`);
  });

  it('replays the first answer for a repeated Idempotency-Key and never opens a second order', async () => {
    const session = await newSession();
    const before = sim.orders().length;
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(session, 'double-click-key-1')));
    const ids = new Set(results.map((r) => r.json.id));
    assert.equal(ids.size, 1);
    assert.ok(results.every((r) => r.status === 201));
    // Another key while the first attempt is still open continues it rather than opening a new order.
    const other = await pay(session, 'another-key-0002');
    assert.equal(other.json.id, [...ids][0]);
    assert.equal(sim.orders().length, before + 1);

    const reused = await pay(session, 'double-click-key-1', { method: 'card', locale: 'ru' });
    assert.equal(reused.status, 201, 'locale does not change the request identity');
    const conflict = await pay(session, 'double-click-key-1', { method: 'card', extra: true });
    assert.equal(conflict.status, 400);
  });

  it('pays with the success card: return redirect re-reads PITECH, session completes, callback is idempotent', async () => {
    const session = await newSession();
    const created = await pay(session, 'success-key-0001');
    const back = await payOnHostedPage(created.json.nextAction.url, PITECH_TEST_CARDS.visaSuccess.number);
    assert.equal(back, `${h.url}/v1/return/${created.json.id}?outcome=success`);
    const merchantPage = await followReturn(back);
    assert.equal(merchantPage, `${sessionBody.returnUrl}?pay_checkout_session=${session.id}`);

    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(view.json.status, 'complete');
    assert.equal(view.json.payment.state, 'succeeded');
    assert.equal(view.json.payment.nextAction, null);

    await sim.idle();
    const callbacks = sim.callbacks().filter((c) => c.url.endsWith('/v1/callbacks/pitech'));
    assert.ok(callbacks.some((c) => c.status === 200));
    // The same callback again changes nothing.
    const again = await api(`${h.url}/v1/callbacks/pitech`, { body: callbacks.at(-1)!.body });
    assert.equal(again.status, 200);
    assert.equal((await h.checkout.getPayment(created.json.id)).state, 'succeeded');

    const after = await pay(session, 'after-success-key');
    assert.equal(after.status, 409);
    assert.equal(after.json.error.code, 'session_completed');
  });

  it('maps a decline to failed with the reason, and lets a new attempt open a new order', async () => {
    const session = await newSession();
    const first = await pay(session, 'declined-key-0001');
    await followReturn(await payOnHostedPage(first.json.nextAction.url, PITECH_TEST_CARDS.declined.number));
    const failed = await h.checkout.getPayment(first.json.id);
    assert.equal(failed.state, 'failed');
    assert.deepEqual(failed.failure, { code: 'insufficient_funds', reason: 'Not sufficient funds' });

    const second = await pay(session, 'declined-key-0002');
    assert.equal(second.status, 201);
    assert.notEqual(second.json.id, first.json.id);
    await followReturn(await payOnHostedPage(second.json.nextAction.url, PITECH_TEST_CARDS.threeDsTimeout.number));
    assert.equal((await h.checkout.getPayment(second.json.id)).failure?.code, 'authentication_timed_out');
  });

  it('believes neither a forged return nor a forged callback for an unpaid order', async () => {
    const session = await newSession();
    const created = await pay(session, 'forged-key-0001');
    const order = sim.orders().find((o) => o.request.extOrdersId === created.json.id)!;
    await followReturn(`${h.url}/v1/return/${created.json.id}?outcome=success&state=SUCCESS`);
    const forged = { ...order.request, orderId: order.ordersId, ordersState: 'SUCCESS', callbackType: 'PAY', message: 'Approved' };
    const cb = await api(`${h.url}/v1/callbacks/pitech`, { body: forged });
    assert.equal(cb.status, 200);
    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(view.json.payment.state, 'requires_action');
    assert.equal(view.json.status, 'open');
  });

  it('rejects callbacks that name no known payment or are not JSON', async () => {
    assert.equal((await api(`${h.url}/v1/callbacks/pitech`, { body: { ordersId: '999', extOrdersId: 'pay_nope' } })).status, 404);
    assert.equal((await api(`${h.url}/v1/callbacks/pitech`, { body: { hello: 1 } })).json.error.code, 'invalid_request');
    assert.equal((await api(`${h.url}/v1/callbacks/pitech`, { body: 'nope', headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal((await api(`${h.url}/v1/callbacks/kapital`, { body: {} })).status, 404);
  });

  it('never reports success when PITECH says it charged another amount', async () => {
    const session = await newSession();
    const created = await pay(session, 'mismatch-key-0001');
    const order = sim.orders().find((o) => o.request.extOrdersId === created.json.id)!;
    mock.use(
      http.get(`${PITECH_URL}/gw/payments`, () =>
        HttpResponse.json({ ...order.request, ordersId: order.ordersId, uuid: order.uuid, orderDate: order.orderDate, amount: 1.0, state: 'SUCCESS', paymentUrl: created.json.nextAction.url }),
      ),
    );
    await followReturn(`${h.url}/v1/return/${created.json.id}?outcome=success`);
    const payment = await h.checkout.getPayment(created.json.id);
    assert.equal(payment.state, 'failed');
    assert.equal(payment.failure?.code, 'amount_mismatch');
    assert.ok(h.logs.some((line) => line.includes('payment.amount_mismatch')));
  });

  it('answers a PITECH outage or timeout with a clear error and no half-made payment', async () => {
    const session = await newSession();
    mock.use(http.post(`${PITECH_URL}/gw/payments/cards/charge`, () => new HttpResponse('oops', { status: 502 })));
    const down = await pay(session, 'outage-key-0001');
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'provider_unavailable');
    assert.equal((await h.checkout.getPayment(down.json.error.details.paymentId)).state, 'failed');

    mock.use(http.post(`${PITECH_URL}/gw/payments/cards/charge`, async () => {
      await delay(2500);
      return HttpResponse.json({});
    }));
    const slow = await pay(session, 'timeout-key-0001');
    assert.equal(slow.json.error.code, 'provider_unavailable');

    mock.resetHandlers(...pitechHandlers(sim));
    const retry = await pay(session, 'outage-key-0002');
    assert.equal(retry.status, 201);
    assert.equal(retry.json.nextAction.type, 'redirect');
  });

  it('answers refused credentials as a provider error', async () => {
    const wrong = await startServer({ providers: { pitech: { appId: 'test-app', secretId: 'wrong' } } });
    try {
      const session = await wrong.checkout.createSession({ ...sessionBody, orderId: 'creds-1' });
      const res = await api(`${wrong.url}/v1/sessions/${session.id}/payments`, {
        token: session.clientSecret,
        body: { method: 'card' },
        headers: { 'idempotency-key': 'creds-key-0001' },
      });
      assert.equal(res.status, 502);
      assert.equal(res.json.error.code, 'provider_error');
      assert.doesNotMatch(JSON.stringify(res.json), /wrong|test-app/);
    } finally {
      await wrong.close();
    }
  });

  it('requires a sane Idempotency-Key', async () => {
    const session = await newSession();
    const missing = await api(`${h.url}/v1/sessions/${session.id}/payments`, { token: session.clientSecret, body: { method: 'card' } });
    assert.equal(missing.json.error.code, 'idempotency_key_required');
    assert.equal((await pay(session, 'short')).json.error.code, 'invalid_request');
    assert.equal((await pay(session, 'valid-key-but-bad-method', { method: 'cash' })).json.error.code, 'invalid_request');
  });

  it('keeps secrets, card numbers and client secrets out of every log line', () => {
    const joined = h.logs.join('\n');
    assert.equal(joined.includes(PITECH.secretId), false);
    assert.doesNotMatch(joined, /_secret_/);
    for (const card of Object.values(PITECH_TEST_CARDS)) assert.equal(joined.includes(card.number), false);
  });
});
