// Card payments through the router with pay.tech as the provider, against the sandbox simulator
// intercepted by msw at pay.tech's real test URL; its webhooks reach the router over real HTTP.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPaytechSimulator, PAYTECH_TEST_CARDS, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { CheckoutConfigInput } from '../src/index.js';
import type { PaytechConfigInput } from '../src/providers/paytech/config.js';
import { signPaytechBody } from '../src/providers/paytech/signature.js';
import { api, type Harness, sessionBody, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL, payOnCheckoutPage } from './paytech-helpers.js';

const paytechOnly = (extra: Partial<PaytechConfigInput> = {}): Partial<CheckoutConfigInput> => ({
  providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL, ...extra } },
});

const eurSession = { ...sessionBody, amount: { value: 1112, currency: 'EUR' }, customer: { id: 'cust-7', email: 'aigerim@example.kz', name: 'Aigerim Sultanova' } };

describe('pay.tech card payments through the router', () => {
  const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS });
  const mock = setupServer();
  let h: Harness;
  let twoPhase: Harness;

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer(paytechOnly());
    twoPhase = await startServer(paytechOnly({ twoPhase: true }));
  });
  beforeEach(() => mock.resetHandlers(...paytechHandlers(sim)));
  afterEach(() => sim.idle());
  after(async () => {
    mock.close();
    await h.close();
    await twoPhase.close();
  });

  let seq = 0;
  async function start(server: Harness = h, overrides: Record<string, unknown> = {}) {
    const session = await server.checkout.createSession({ ...eurSession, orderId: `pt-${++seq}`, ...overrides } as typeof eurSession);
    const res = await api(`${server.url}/v1/sessions/${session.id}/payments`, {
      token: session.clientSecret,
      body: { method: 'card', locale: 'ru' },
      headers: { 'idempotency-key': `paytech-key-${seq}-0001` },
    });
    return { session, res, paymentId: res.json?.id as string };
  }
  async function followReturn(location: string) {
    const res = await fetch(location, { redirect: 'manual' });
    assert.equal(res.status, 303);
    return res.headers.get('location')!;
  }
  const paytechPaymentOf = (paymentId: string) => sim.payments().find((p) => p.request.referenceId === paymentId && p.paymentType === 'DEPOSIT')!;
  /** POSTs a webhook with exactly these bytes and this Signature header. */
  const postWebhook = (server: Harness, raw: string, signature?: string) =>
    fetch(`${server.url}/v1/callbacks/paytech`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { signature }) },
      body: raw,
    });

  it('creates one DEPOSIT in major units with our return and webhook URLs and hands off to pay.tech', async () => {
    const { res, paymentId } = await start();
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.provider, 'paytech');
    assert.equal(res.json.state, 'requires_action');
    assert.equal(res.json.nextAction.type, 'redirect');
    const created = paytechPaymentOf(paymentId);
    assert.equal(res.json.nextAction.url, `${PAYTECH_URL}/m/payment/${created.id}`);
    assert.equal(created.request.amount, 11.12);
    assert.equal(created.request.paymentType, 'DEPOSIT');
    assert.equal(created.request.returnUrl, `${h.url}/v1/return/${paymentId}?outcome=success`);
    assert.equal(created.request.webhookUrl, `${h.url}/v1/callbacks/paytech`);
    assert.equal(created.request.customer?.locale, 'ru');
  });

  it('pays with 3-D Secure: the return re-reads pay.tech, the signed webhook is accepted, a replay changes nothing', async () => {
    const { session, paymentId, res } = await start();
    const back = await payOnCheckoutPage(res.json.nextAction.url, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    assert.equal(back, `${h.url}/v1/return/${paymentId}?outcome=success`);
    assert.equal(await followReturn(back), `${sessionBody.returnUrl}?pay_checkout_session=${session.id}`);
    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(view.json.status, 'complete');
    assert.equal(view.json.payment.state, 'succeeded');

    await sim.idle();
    const webhook = sim.webhooks().find((w) => w.body.referenceId === paymentId)!;
    assert.equal(webhook.status, 200);
    assert.equal(webhook.body.state, 'COMPLETED');
    const replay = await postWebhook(h, webhook.rawBody, webhook.signature);
    assert.equal(replay.status, 200);
    assert.equal((await h.checkout.getPayment(paymentId)).state, 'succeeded');
  });

  it('learns the outcome from the webhook alone when the shopper never comes back', async () => {
    const { paymentId, res } = await start();
    await payOnCheckoutPage(res.json.nextAction.url, PAYTECH_TEST_CARDS.success.number);
    await sim.idle();
    assert.equal(sim.webhooks().find((w) => w.body.referenceId === paymentId)?.status, 200);
    const payment = await h.checkout.getPayment(paymentId);
    assert.equal(payment.state, 'succeeded');
    assert.ok(h.logs.some((line) => line.includes('callback.received') && line.includes(paymentId)));
  });

  it('refuses unsigned and wrongly signed webhooks, and takes no state from a correctly signed one', async () => {
    const { paymentId, session } = await start();
    const created = paytechPaymentOf(paymentId);
    const forged = JSON.stringify({ id: created.id, referenceId: paymentId, paymentType: 'DEPOSIT', state: 'COMPLETED', amount: 11.12, currency: 'EUR' });
    for (const signature of [undefined, 'abc', signPaytechBody(forged, 'not-the-key'), signPaytechBody(`${forged}\n`, PAYTECH_KEYS.signingKey)]) {
      const res = await postWebhook(h, forged, signature);
      assert.equal(res.status, 401, String(signature));
      assert.equal(((await res.json()) as any).error.code, 'invalid_signature');
    }
    // Signed with the right key (say, a leaked or replayed body): still only a reason to ask pay.tech.
    const signed = await postWebhook(h, forged, signPaytechBody(forged, PAYTECH_KEYS.signingKey));
    assert.equal(signed.status, 200);
    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(view.json.payment.state, 'requires_action');
    assert.ok(h.logs.some((line) => line.includes('callback.rejected')));
    const unknown = JSON.stringify({ id: 'e'.repeat(32), referenceId: 'pay_nope', state: 'COMPLETED' });
    assert.equal((await postWebhook(h, unknown, signPaytechBody(unknown, PAYTECH_KEYS.signingKey))).status, 404);
  });

  it('maps declines and a cancel on the page, and lets a new attempt start', async () => {
    const declined = await start();
    await followReturn(await payOnCheckoutPage(declined.res.json.nextAction.url, PAYTECH_TEST_CARDS.declined.number));
    assert.deepEqual((await h.checkout.getPayment(declined.paymentId)).failure, { code: 'insufficient_funds', reason: 'Insufficient Funds' });

    const again = await api(`${h.url}/v1/sessions/${declined.session.id}/payments`, {
      token: declined.session.clientSecret, body: { method: 'card' }, headers: { 'idempotency-key': 'paytech-retry-0001' },
    });
    assert.equal(again.status, 201);
    assert.notEqual(again.json.id, declined.paymentId);
    await followReturn(await payOnCheckoutPage(again.json.nextAction.url, PAYTECH_TEST_CARDS.threeDsDeclined.number));
    assert.deepEqual((await h.checkout.getPayment(again.json.id)).failure, { code: 'card_declined', reason: 'Do Not Honor' });

    const canceled = await start();
    await followReturn(await payOnCheckoutPage(canceled.res.json.nextAction.url, '', 'confirm', 'cancel'));
    const payment = await h.checkout.getPayment(canceled.paymentId);
    assert.equal(payment.state, 'canceled');
    assert.equal(payment.failure, null);
  });

  it('two-phase: authorizes, captures part, voids another', async () => {
    const held = await start(twoPhase);
    await followReturn(await payOnCheckoutPage(held.res.json.nextAction.url, PAYTECH_TEST_CARDS.threeDsSuccess.number));
    assert.equal((await twoPhase.checkout.getPayment(held.paymentId)).state, 'authorized');
    assert.equal(paytechPaymentOf(held.paymentId).request.preAuth, true);
    const captured = await twoPhase.checkout.capture(held.paymentId, { amount: 1000 });
    assert.equal(captured.state, 'succeeded');
    assert.equal(paytechPaymentOf(held.paymentId).capturedAmount, 10);
    // Refunds are measured against what was captured, not what was held.
    await assert.rejects(twoPhase.checkout.refund(held.paymentId, { amount: 1001 }), /1 to 1000/);
    assert.equal((await twoPhase.checkout.refund(held.paymentId)).state, 'refunded');
    const refunds = sim.payments().filter((p) => p.request.parentPaymentId === paytechPaymentOf(held.paymentId).id);
    assert.deepEqual(refunds.map((r) => r.request.amount), [10]);

    const other = await start(twoPhase);
    await followReturn(await payOnCheckoutPage(other.res.json.nextAction.url, PAYTECH_TEST_CARDS.success.number));
    assert.equal((await twoPhase.checkout.cancel(other.paymentId)).state, 'canceled');
    assert.equal(paytechPaymentOf(other.paymentId).state, 'CANCELLED');
  });

  it('refunds twice in part and then the rest through REFUND payments', async () => {
    const { paymentId, res } = await start();
    await followReturn(await payOnCheckoutPage(res.json.nextAction.url, PAYTECH_TEST_CARDS.success.number));
    assert.equal((await h.checkout.refund(paymentId, { amount: 112 })).state, 'partially_refunded');
    assert.equal((await h.checkout.refund(paymentId, { amount: 500 })).state, 'partially_refunded');
    assert.equal(sim.payments().filter((p) => p.request.parentPaymentId === paytechPaymentOf(paymentId).id).length, 2);
    await assert.rejects(h.checkout.refund(paymentId, { amount: 501 }), /1 to 500/);
    assert.equal((await h.checkout.refund(paymentId)).state, 'refunded');
    const deposit = paytechPaymentOf(paymentId);
    assert.equal(deposit.refundedAmount, 11.12);
    await assert.rejects(h.checkout.cancel(paymentId), /cannot be canceled/);
    // pay.tech's own record, through the Node API.
    const operations = (await h.checkout.providerOperations(paymentId)) as { operation?: string }[];
    assert.ok(operations.length > 0);
  });

  it('never reports success when pay.tech says it charged another amount', async () => {
    const { paymentId, res } = await start();
    const created = paytechPaymentOf(paymentId);
    mock.use(http.get(`${PAYTECH_URL}/api/v1/payments/:id`, () =>
      HttpResponse.json({ timestamp: 't', status: 200, result: { id: created.id, referenceId: paymentId, paymentType: 'DEPOSIT', state: 'COMPLETED', amount: 1.0, currency: 'EUR', redirectUrl: res.json.nextAction.url } })));
    await followReturn(`${h.url}/v1/return/${paymentId}?outcome=success`);
    const payment = await h.checkout.getPayment(paymentId);
    assert.equal(payment.state, 'failed');
    assert.equal(payment.failure?.code, 'amount_mismatch');
  });

  it('answers a pay.tech outage with a clear error and no half-made payment', async () => {
    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => new HttpResponse('oops', { status: 502 })));
    const { res } = await start();
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'provider_unavailable');
    assert.equal((await h.checkout.getPayment(res.json.error.details.paymentId)).state, 'failed');
  });

  it('keeps the API key, the signing key and card numbers out of every log line', () => {
    const joined = [...h.logs, ...twoPhase.logs].join('\n');
    assert.equal(joined.includes(PAYTECH_KEYS.apiKey), false);
    assert.equal(joined.includes(PAYTECH_KEYS.signingKey), false);
    for (const card of Object.values(PAYTECH_TEST_CARDS)) assert.equal(joined.includes(card.number), false);
  });
});
