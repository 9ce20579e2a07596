import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { createPaytechSimulator, PAYTECH_SANDBOX_URL, PAYTECH_TEST_CARDS } from '../src/index.js';
import { paytechHandlers } from '../src/msw.js';
import { API_KEY, call, callJson, createDeposit, depositRequest, payDeposit, paytechExample, shapeOf, SIGNING_KEY, startPaytechSandbox, type PaytechSandbox } from './paytech-helpers.js';

// Find subscription and Patch subscription: a paid deposit sent with startRecurring and a
// `subscription` object starts one; it is read and cancelled by its id, as the back office shows it.

/** SubscriptionRequest's fields are not in the document: opaque values, to see them kept as given. */
const ASKED = { anyField: 'kept as given', nested: { n: 1 } };
const ID = /^[a-zA-Z0-9]{32}$/;
/** The document's examples collapse `result`: the envelope around it is compared. */
const envelopeShape = ({ result: _, ...envelope }: Record<string, unknown>) => shapeOf(envelope);

describe('pay.tech subscriptions (HTTP)', () => {
  // No webhookUrl in these deposits: nothing to wait for before a reset.
  let sb: PaytechSandbox;
  before(async () => (sb = await startPaytechSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  const url = (id: string) => `${sb.base}/api/v1/subscriptions/${id}`;
  const cancel = (id: string, body: unknown = paytechExample('patch-subscription.request')) => callJson(url(id), { method: 'PATCH', body });
  /** A deposit asking for a subscription, paid on the page with this card. */
  async function subscribe(card: string = PAYTECH_TEST_CARDS.success.number, extra: Record<string, unknown> = {}) {
    const deposit = await createDeposit(sb.base, { startRecurring: true, subscription: ASKED, ...extra });
    assert.deepEqual(sb.sim.subscriptions(), [], 'nothing before the deposit is paid');
    assert.equal((await payDeposit(deposit.redirectUrl, card)).status, 303);
    return deposit.id as string;
  }

  test('a paid deposit with startRecurring and subscription starts one ACTIVE subscription, found by its id', async () => {
    const paymentId = await subscribe(PAYTECH_TEST_CARDS.threeDsSuccess.number);
    const [started] = sb.sim.subscriptions();
    assert.ok(started);
    assert.match(started.id, ID);
    assert.deepEqual(started, { ...ASKED, id: started.id, state: 'ACTIVE', paymentId });

    const found = await callJson(url(started.id));
    assert.equal(found.status, 200);
    assert.deepEqual(envelopeShape(found.body), shapeOf(paytechExample('find-subscription.response')));
    assert.match(found.body.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    assert.deepEqual(found.body.result, started);
  });

  test('no subscription without the object, for a declined card, or for a held deposit until it is captured', async () => {
    const plain = await createDeposit(sb.base, { startRecurring: true });
    await payDeposit(plain.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    await subscribe(PAYTECH_TEST_CARDS.declined.number);
    assert.deepEqual(sb.sim.subscriptions(), []);

    const held = await subscribe(PAYTECH_TEST_CARDS.success.number, { preAuth: true });
    assert.deepEqual(sb.sim.subscriptions(), [], 'AUTHORIZED is not completed');
    assert.equal((await callJson(`${sb.base}/api/v1/payments/${held}/capture`, { body: {} })).body.result.state, 'COMPLETED');
    assert.deepEqual(sb.sim.subscriptions().map((s) => [s.paymentId, s.state]), [[held, 'ACTIVE']]);
  });

  test('Patch subscription cancels it; Find shows it; cancelling again answers CANCELLED again', async () => {
    const paymentId = await subscribe();
    const { id } = sb.sim.subscriptions()[0]!;
    const first = await cancel(id);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(envelopeShape(first.body), shapeOf(paytechExample('patch-subscription.response')));
    assert.deepEqual(first.body.result, { ...ASKED, id, state: 'CANCELLED', paymentId });
    assert.equal((await callJson(url(id))).body.result.state, 'CANCELLED');
    const again = await cancel(id);
    assert.deepEqual([again.status, again.body.result.state], [200, 'CANCELLED']);
    assert.equal(sb.sim.subscriptions()[0]!.state, 'CANCELLED');
  });

  test('an unknown id answers 404 in the error shape Find payment uses', async () => {
    const unknown = 'A'.repeat(32);
    const payment = await callJson(`${sb.base}/api/v1/payments/${'a'.repeat(32)}`);
    for (const res of [await callJson(url(unknown)), await cancel(unknown)]) {
      assert.equal(res.status, 404);
      assert.deepEqual(shapeOf(res.body), shapeOf(payment.body));
      assert.equal(res.body.path, `${new URL(sb.base).pathname}/api/v1/subscriptions/${unknown}`);
      assert.match(res.body.message, /not found/);
    }
  });

  test('an id that is not 32 letters or digits is refused with 400 before any lookup', async () => {
    const invalid = await callJson(`${sb.base}/api/v1/payments`, { body: { paymentType: 'DEPOSIT' } });
    await subscribe();
    const { id } = sb.sim.subscriptions()[0]!;
    for (const bad of [id.slice(1), `${id}a`, `${id.slice(1)}-`, `${id.slice(1)}é`]) {
      for (const res of [await callJson(url(encodeURIComponent(bad))), await cancel(encodeURIComponent(bad))]) {
        assert.equal(res.status, 400, bad);
        assert.deepEqual(shapeOf(res.body), shapeOf(invalid.body));
        assert.match(res.body.message, /^id: /);
      }
    }
    assert.equal(sb.sim.subscriptions()[0]!.state, 'ACTIVE');
  });

  test('a body other than {"state":"CANCELLED"} is refused with the validation error shape, and changes nothing', async () => {
    const invalid = await callJson(`${sb.base}/api/v1/payments`, { body: { paymentType: 'DEPOSIT' } });
    await subscribe();
    const { id } = sb.sim.subscriptions()[0]!;
    const bodies: [unknown, RegExp][] = [
      [{}, /^state: /],
      [{ state: 'ACTIVE' }, /^state: /],
      [{ state: 'cancelled' }, /^state: /],
      [['CANCELLED'], /JSON object/],
      ['{"state":', /Malformed JSON/],
    ];
    for (const [body, message] of bodies) {
      const res = await cancel(id, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(shapeOf(res.body), shapeOf(invalid.body));
      assert.match(res.body.message, message);
    }
    assert.equal((await callJson(url(id))).body.result.state, 'ACTIVE');
  });

  test('the API key is required, and reset forgets subscriptions', async () => {
    await subscribe();
    const { id } = sb.sim.subscriptions()[0]!;
    assert.equal((await call(url(id), { auth: null })).status, 401);
    assert.equal((await call(url(id), { method: 'PATCH', body: { state: 'CANCELLED' }, auth: 'Bearer nope' })).status, 401);
    assert.equal(sb.sim.subscriptions()[0]!.state, 'ACTIVE');
    sb.sim.reset();
    assert.deepEqual(sb.sim.subscriptions(), []);
    assert.equal((await callJson(url(id))).status, 404);
  });
});

describe('pay.tech subscriptions (msw)', () => {
  const sim = createPaytechSimulator({ baseUrl: PAYTECH_SANDBOX_URL, apiKey: API_KEY, signingKey: SIGNING_KEY });
  const server = setupServer(...paytechHandlers(sim));
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => sim.reset());
  after(() => server.close());

  test('find and cancel at https://engine-sandbox.pay.tech without a server', async () => {
    const created = await callJson(`${PAYTECH_SANDBOX_URL}/api/v1/payments`, { body: depositRequest({ startRecurring: true, subscription: ASKED }) });
    assert.equal(created.status, 200);
    await payDeposit(created.body.result.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    const [started] = sim.subscriptions();
    assert.ok(started);
    const url = `${PAYTECH_SANDBOX_URL}/api/v1/subscriptions/${started.id}`;
    assert.deepEqual((await callJson(url)).body.result, { ...ASKED, id: started.id, state: 'ACTIVE', paymentId: created.body.result.id });
    const cancelled = await callJson(url, { method: 'PATCH', body: { state: 'CANCELLED' } });
    assert.deepEqual([cancelled.status, cancelled.body.result.state], [200, 'CANCELLED']);
    assert.equal((await callJson(`${PAYTECH_SANDBOX_URL}/api/v1/subscriptions/${'b'.repeat(32)}`)).status, 404);
  });
});
