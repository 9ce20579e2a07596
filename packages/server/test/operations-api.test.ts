// The merchant's operations over HTTP (API key), with pay.tech's simulator behind msw: bad input
// refused before any provider call, one provider operation per Idempotency-Key, operations recorded
// with who and how much, and an operation whose answer was lost settled without sending it twice.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPaytechSimulator, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { API_KEY, api, type Harness, sessionBody, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL, payOnCheckoutPage } from './paytech-helpers.js';
import { PAYTECH_TEST_CARDS } from '@pay-checkout/sandbox';

const eur = { ...sessionBody, amount: { value: 2000, currency: 'EUR' }, customer: { id: 'cust-7', email: 'aigerim@example.kz', name: 'Aigerim Sultanova' } };

describe('merchant operations API', () => {
  const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS });
  const mock = setupServer();
  let h: Harness;

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer({ providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } } });
  });
  beforeEach(() => mock.resetHandlers(...paytechHandlers(sim)));
  afterEach(() => sim.idle());
  after(async () => {
    mock.close();
    await h.close();
  });

  let seq = 0;
  /** A paid (or, with captureMethod manual, authorized) payment; returns its id. */
  async function paid(extra: Record<string, unknown> = {}): Promise<string> {
    const session = await h.checkout.createSession({ ...eur, orderId: `ops-${++seq}`, ...extra } as typeof eur);
    const created = await api(`${h.url}/v1/sessions/${session.id}/payments`, {
      token: session.clientSecret,
      body: { method: 'card' },
      headers: { 'idempotency-key': `ops-create-${seq}-key` },
    });
    const back = await payOnCheckoutPage(created.json.nextAction.url, PAYTECH_TEST_CARDS.success.number);
    await fetch(back, { redirect: 'manual' });
    return created.json.id as string;
  }
  const operate = (paymentId: string, kind: string, body: unknown, key?: string, headers: Record<string, string> = {}) =>
    api(`${h.url}/v1/payments/${paymentId}/${kind}`, {
      token: API_KEY,
      body,
      headers: { ...(key ? { 'idempotency-key': key } : {}), ...headers },
    });
  const refundsOf = (paymentId: string) => {
    const deposit = sim.payments().find((p) => p.request.referenceId === paymentId && p.paymentType === 'DEPOSIT')!;
    return sim.payments().filter((p) => p.request.parentPaymentId === deposit.id);
  };

  it('needs the API key, lists payments newest first with paging and reads one with what it can still take', async () => {
    const first = await paid();
    const second = await paid();
    assert.equal((await api(`${h.url}/v1/payments`)).status, 401);
    assert.equal((await api(`${h.url}/v1/payments/${first}`, { token: 'cs_wrong_secret' })).status, 401);

    const page = await api(`${h.url}/v1/payments?limit=1`, { token: API_KEY });
    assert.equal(page.status, 200);
    assert.deepEqual(page.json.data.map((p: { id: string }) => p.id), [second]);
    const next = await api(`${h.url}/v1/payments?limit=1&after=${page.json.nextCursor}`, { token: API_KEY });
    assert.deepEqual(next.json.data.map((p: { id: string }) => p.id), [first]);
    const byOrder = await api(`${h.url}/v1/payments?orderId=ops-${seq - 1}`, { token: API_KEY });
    assert.deepEqual(byOrder.json.data.map((p: { id: string }) => p.id), [first]);
    assert.equal((await api(`${h.url}/v1/payments?limit=1000`, { token: API_KEY })).json.error.code, 'invalid_request');

    const one = await api(`${h.url}/v1/payments/${first}`, { token: API_KEY });
    assert.equal(one.json.state, 'succeeded');
    assert.equal(one.json.orderId, `ops-${seq - 1}`);
    assert.equal(one.json.captureMethod, 'automatic');
    assert.deepEqual(one.json.capturedAmount, { value: 2000, currency: 'EUR' });
    assert.deepEqual(one.json.available, { capture: null, cancel: null, reverse: null, refund: 2000 });
    assert.deepEqual(one.json.operations, []);
    assert.ok(Array.isArray(one.json.providerOperations), "pay.tech's own record");
  });

  it('refuses bad operations with a stable code before any provider call', async () => {
    const paymentId = await paid();
    const before = sim.payments().length;
    const cases: [string, unknown, string | undefined, number, string][] = [
      ['refund', {}, undefined, 400, 'idempotency_key_required'],
      ['refund', { amount: -5 }, 'bad-amount-1', 400, 'invalid_request'],
      ['refund', { amount: 1.5 }, 'bad-amount-2', 400, 'invalid_request'],
      ['refund', { amount: 100, extra: true }, 'bad-field-1', 400, 'invalid_request'],
      ['refund', { amount: 2001 }, 'too-much-01', 400, 'amount_out_of_range'],
      ['reverse', {}, 'reverse-key-1', 400, 'operation_not_supported'],
      ['capture', {}, 'capture-key-1', 409, 'payment_state_conflict'],
      ['cancel', {}, 'cancel-key-01', 409, 'payment_state_conflict'],
    ];
    for (const [kind, body, key, status, code] of cases) {
      const res = await operate(paymentId, kind, body, key);
      assert.equal(res.status, status, `${kind} ${JSON.stringify(body)}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, code);
      assert.ok(res.json.error.message.length > 10);
    }
    const text = await fetch(`${h.url}/v1/payments/${paymentId}/refund`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': 'text-body-1', 'content-type': 'text/plain' },
      body: 'amount=5',
    });
    assert.equal(text.status, 415);
    assert.equal((await api(`${h.url}/v1/payments/pay_nope/refund`, { token: API_KEY, body: {}, headers: { 'idempotency-key': 'nope-key-1' } })).json.error.code, 'payment_not_found');
    assert.equal(sim.payments().length, before, 'no provider call');
    assert.deepEqual((await h.checkout.getPayment(paymentId)).operations, [], 'nothing recorded');
  });

  it('makes one provider refund per Idempotency-Key and records who, why and how much', async () => {
    const paymentId = await paid();
    const first = await operate(paymentId, 'refund', { amount: 500, reason: 'one cup broken' }, 'refund-key-0001', { 'pay-checkout-actor': 'Aigerim S.' });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.equal(first.json.state, 'partially_refunded');
    assert.deepEqual(first.json.refundedAmount, { value: 500, currency: 'EUR' });
    assert.equal(first.json.available.refund, 1500);
    const again = await operate(paymentId, 'refund', { amount: 500, reason: 'one cup broken' }, 'refund-key-0001');
    assert.equal(again.status, 200);
    assert.equal(refundsOf(paymentId).length, 1, 'the repeat sent nothing');
    assert.equal((await operate(paymentId, 'refund', { amount: 400 }, 'refund-key-0001')).json.error.code, 'idempotency_key_reused');

    const [operation] = again.json.operations;
    assert.equal(again.json.operations.length, 1);
    assert.equal(operation.kind, 'refund');
    assert.deepEqual(operation.amount, { value: 500, currency: 'EUR' });
    assert.equal(operation.status, 'succeeded');
    assert.equal(operation.actor, 'Aigerim S.');
    assert.equal(operation.reason, 'one cup broken');
    assert.equal(operation.idempotencyKey, 'refund-key-0001');
    assert.ok(Date.parse(operation.completedAt) >= Date.parse(operation.createdAt));
    assert.equal((await operate(paymentId, 'refund', {}, 'refund-key-0002', { 'pay-checkout-actor': '<script>' })).json.error.code, 'invalid_request');

    // The rest, without an amount, from the Node API: actor "node".
    const rest = await h.checkout.refund(paymentId, { idempotencyKey: 'refund-key-0003' });
    assert.equal(rest.state, 'refunded');
    assert.deepEqual(rest.operations.map((o) => [o.amount.value, o.actor]), [[500, 'Aigerim S.'], [1500, 'node']]);
    assert.deepEqual(refundsOf(paymentId).map((r) => r.request.amount), [5, 15]);
  });

  it('lets only one of two concurrent operations on a payment through', async () => {
    const paymentId = await paid();
    const results = await Promise.all([
      operate(paymentId, 'refund', {}, 'race-key-000001'),
      operate(paymentId, 'refund', {}, 'race-key-000002'),
    ]);
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses[0], 200, JSON.stringify(results.map((r) => r.json)));
    assert.ok([200, 409].includes(statuses[1]!));
    if (statuses[1] === 200) assert.fail('both refunds went through');
    assert.equal(results.find((r) => r.status === 409)!.json.error.code, results[0]!.status === 409 ? results[0]!.json.error.code : 'payment_state_conflict');
    assert.equal(refundsOf(paymentId).length, 1);
  });

  it('settles a refund whose answer was lost by the provider record, never refunding twice', async () => {
    const paymentId = await paid();
    // pay.tech makes the refund, but its answer never reaches us.
    mock.use(
      http.post(`${PAYTECH_URL}/api/v1/payments`, async ({ request }) => {
        const body = (await request.clone().json()) as { paymentType?: string };
        if (body.paymentType !== 'REFUND') return undefined;
        await sim.handle(request);
        return HttpResponse.error();
      }, { once: true }),
    );
    const lost = await operate(paymentId, 'refund', { amount: 700 }, 'lost-answer-01');
    assert.equal(lost.status, 503, JSON.stringify(lost.json));
    assert.equal(lost.json.error.code, 'provider_unavailable');
    assert.equal(refundsOf(paymentId).length, 1, 'it did happen at pay.tech');
    const unknown = (await h.checkout.getPayment(paymentId)).operations[0]!;
    assert.equal(unknown.status, 'unknown');

    const repeat = await operate(paymentId, 'refund', { amount: 700 }, 'lost-answer-01');
    assert.equal(repeat.status, 200, JSON.stringify(repeat.json));
    assert.equal(repeat.json.state, 'partially_refunded');
    assert.deepEqual(repeat.json.refundedAmount, { value: 700, currency: 'EUR' });
    assert.equal(refundsOf(paymentId).length, 1, 'not sent a second time');
    assert.equal(repeat.json.operations[0].status, 'succeeded');
  });

  it('sends again a refund that never reached the provider, on the same key', async () => {
    const paymentId = await paid();
    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => HttpResponse.error(), { once: true }));
    assert.equal((await operate(paymentId, 'refund', { amount: 300 }, 'never-arrived-1')).status, 503);
    assert.equal(refundsOf(paymentId).length, 0);
    const repeat = await operate(paymentId, 'refund', { amount: 300 }, 'never-arrived-1');
    assert.equal(repeat.status, 200, JSON.stringify(repeat.json));
    assert.equal(refundsOf(paymentId).length, 1);
    assert.equal(repeat.json.operations.length, 1, 'still one operation');
  });

  it('authorizes when the session asks for manual capture, then captures part over HTTP', async () => {
    const paymentId = await paid({ captureMethod: 'manual' });
    const held = await api(`${h.url}/v1/payments/${paymentId}`, { token: API_KEY });
    assert.equal(held.json.state, 'authorized');
    assert.equal(held.json.captureMethod, 'manual');
    assert.deepEqual(held.json.available, { capture: 2000, cancel: 2000, reverse: null, refund: null });
    assert.equal((await operate(paymentId, 'cancel', { amount: 100 }, 'cancel-part-01')).json.error.code, 'amount_out_of_range');
    const captured = await operate(paymentId, 'capture', { amount: 1500 }, 'capture-part-1');
    assert.equal(captured.status, 200, JSON.stringify(captured.json));
    assert.equal(captured.json.state, 'succeeded');
    assert.deepEqual(captured.json.capturedAmount, { value: 1500, currency: 'EUR' });
    assert.equal(captured.json.available.refund, 1500, 'refunds are measured against the capture');
  });
});
