import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAYTECH_TEST_CARDS } from '../src/index.js';
import {
  BEARER, call, callJson, createDeposit, depositRequest, inDocumentOrder, PAYMENT_FIELDS, payDeposit, paytechExample, shapeOf,
  startPaytechSandbox, type PaytechSandbox,
} from './paytech-helpers.js';

describe('pay.tech API', () => {
  let sb: PaytechSandbox;
  before(async () => {
    sb = await startPaytechSandbox();
  });
  after(() => sb.close());
  beforeEach(async () => {
    await sb.sim.idle();
    sb.sim.reset();
  });

  const payments = () => `${sb.base}/api/v1/payments`;
  const paymentUrl = (id: string, suffix = '') => `${payments()}/${id}${suffix}`;
  /** A deposit paid on the page with the non-3-D Secure success card. */
  async function paidDeposit(overrides: Record<string, unknown> = {}) {
    const deposit = await createDeposit(sb.base, overrides);
    const res = await payDeposit(deposit.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    assert.equal(res.status, 303);
    return deposit;
  }

  test("the document's Create payment example is accepted and answered in the { timestamp, status, result } envelope", async () => {
    const res = await callJson(payments(), { body: paytechExample('create-payment.request') });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const envelope = paytechExample('find-payment.response');
    assert.deepEqual(Object.keys(res.body), [...Object.keys(envelope), 'result']);
    assert.deepEqual(shapeOf({ ...res.body, result: null }), shapeOf({ ...envelope, result: null }));
    assert.match(res.body.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    const result = res.body.result;
    assert.match(result.id, /^[a-zA-Z0-9]{32}$/);
    assert.equal(result.state, 'CHECKOUT');
    assert.equal(result.paymentType, 'DEPOSIT');
    assert.equal(result.currency, 'EUR');
    assert.equal('amount' in result, false, 'no amount asked: the shopper enters it on the page');
    assert.equal(result.redirectUrl, `${sb.base}/m/payment/${result.id}`);
    assert.match(result.created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  test('a Payment carries only documented fields, in the document order, with the example types', async () => {
    const deposit = await createDeposit(sb.base, { customer: { referenceId: 'customer_123', email: 'a@b.c' }, preAuth: true });
    assert.ok(inDocumentOrder(Object.keys(deposit)), Object.keys(deposit).join());
    const example = paytechExample('webhook-payment.callback');
    for (const key of Object.keys(deposit)) {
      if (key in example) assert.deepEqual(shapeOf(deposit[key]), shapeOf(example[key]), key);
    }
    assert.deepEqual(deposit.customer, { referenceId: 'customer_123', email: 'a@b.c' });
    assert.equal(deposit.preAuth, true);
    assert.equal(deposit.amount, 11.12);
    assert.ok(PAYMENT_FIELDS.includes('redirectUrl'));
  });

  test('every call needs the shop API key as a Bearer token', async () => {
    const deposit = await createDeposit(sb.base);
    const calls: [string, string, unknown?][] = [
      ['POST', payments(), depositRequest()],
      ['GET', payments()],
      ['GET', paymentUrl(deposit.id)],
      ['POST', paymentUrl(deposit.id, '/capture'), {}],
      ['POST', paymentUrl(deposit.id, '/void')],
      ['GET', paymentUrl(deposit.id, '/operations')],
    ];
    for (const [method, url, body] of calls) {
      for (const auth of [null, 'Bearer wrong-key', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
        const res = await call(url, { method, body, auth });
        assert.equal(res.status, 401, `${method} ${url} ${auth}`);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        const error = (await res.json()) as Record<string, unknown>;
        assert.deepEqual(Object.keys(error), ['timestamp', 'status', 'error', 'message', 'path']);
      }
    }
    assert.equal((await call(paymentUrl(deposit.id), { auth: BEARER })).status, 200);
  });

  test('refuses requests that break the document rules, saying which field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ currency: 'EUR' }, /paymentType/],
      [{ paymentType: 'PAYOUT', currency: 'EUR' }, /paymentType/],
      [{ paymentType: 'DEPOSIT' }, /currency/],
      [depositRequest({ amount: 0 }), /amount/],
      [depositRequest({ amount: 1_000_000_001 }), /amount/],
      [depositRequest({ amount: '11.12' }), /amount/],
      [depositRequest({ paymentMethod: 'CASH_IN_HAND' }), /paymentMethod/],
      [depositRequest({ returnUrl: 'ftp://shop.example' }), /returnUrl/],
      [depositRequest({ webhookUrl: `https://shop.example/${'x'.repeat(520)}` }), /webhookUrl/],
      [depositRequest({ referenceId: 'r'.repeat(257) }), /referenceId/],
      [depositRequest({ description: 'd'.repeat(513) }), /description/],
      [depositRequest({ customer: 'Aigerim' }), /customer/],
      [depositRequest({ card: { number: '4000000000000408' } }), /card/],
      [{ paymentType: 'REFUND', currency: 'EUR', amount: 1 }, /parentPaymentId/],
      [{ paymentType: 'REFUND', currency: 'EUR', parentPaymentId: 'a'.repeat(32), preAuth: true }, /preAuth/],
      [{ paymentType: 'WITHDRAWAL', currency: 'EUR' }, /amount/],
      ['{"paymentType":', /Malformed JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await callJson(payments(), { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.message, message);
    }
    assert.equal(sb.sim.payments().length, 0);
    // Every documented payment method is accepted.
    assert.equal((await callJson(payments(), { body: depositRequest({ paymentMethod: 'PAYCO_TR' }) })).status, 200);
  });

  test('Find payment answers the payment, 404 for an unknown id', async () => {
    const deposit = await createDeposit(sb.base);
    const found = await callJson(paymentUrl(deposit.id));
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.result, deposit);
    const missing = await callJson(paymentUrl('0'.repeat(32)));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.status, 404);
  });

  test('Get payments: newest first, paged with hasMore, filtered by referenceId and dates', async () => {
    const a = await createDeposit(sb.base, { referenceId: 'list-a' });
    const b = await createDeposit(sb.base, { referenceId: 'list-b' });
    const c = await createDeposit(sb.base, { referenceId: 'list-c' });
    const all = await callJson(payments());
    assert.deepEqual(Object.keys(all.body), Object.keys(paytechExample('get-payments.response')).concat('result'));
    assert.deepEqual(all.body.result.map((p: { id: string }) => p.id), [c.id, b.id, a.id]);
    assert.equal(all.body.hasMore, false);
    const page = await callJson(`${payments()}?offset=1&limit=1`);
    assert.deepEqual(page.body.result.map((p: { id: string }) => p.id), [b.id]);
    assert.equal(page.body.hasMore, true);
    const byRef = await callJson(`${payments()}?referenceId.eq=list-a`);
    assert.deepEqual(byRef.body.result.map((p: { id: string }) => p.id), [a.id]);
    assert.equal((await callJson(`${payments()}?created.gte=2000-01-01T00:00:00&created.lt=2999-01-01T00:00:00`)).body.result.length, 3);
    assert.equal((await callJson(`${payments()}?updated.lt=2000-01-01T00:00:00`)).body.result.length, 0);
    for (const bad of ['limit=0', 'limit=1001', 'offset=-1', 'created.gte=yesterday']) {
      assert.equal((await call(`${payments()}?${bad}`)).status, 400, bad);
    }
  });

  test('capture: only AUTHORIZED, fully or partly, never above the authorization', async () => {
    const checkout = await createDeposit(sb.base, { preAuth: true });
    assert.equal((await callJson(paymentUrl(checkout.id, '/capture'), { body: {} })).status, 400, 'CHECKOUT cannot be captured');

    const held = await createDeposit(sb.base, { preAuth: true, amount: 100 });
    await payDeposit(held.redirectUrl, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    assert.equal(sb.sim.getPayment(held.id)!.state, 'AUTHORIZED');
    assert.equal((await callJson(paymentUrl(held.id, '/capture'), { body: { amount: 100.01 } })).status, 400);
    assert.equal((await callJson(paymentUrl(held.id, '/capture'), { body: { amount: -1 } })).status, 400);
    const captured = await callJson(paymentUrl(held.id, '/capture'), { body: paytechExample('capture-payment.request') });
    assert.equal(captured.status, 200);
    assert.equal(captured.body.result.state, 'COMPLETED');
    assert.equal(captured.body.result.amount, 11.12);
    assert.equal((await callJson(paymentUrl(held.id, '/capture'), { body: {} })).status, 400, 'only once');

    const full = await createDeposit(sb.base, { preAuth: true, amount: 50 });
    await payDeposit(full.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    // The body is optional: no body captures the whole authorization.
    const whole = await callJson(paymentUrl(full.id, '/capture'), { method: 'POST' });
    assert.equal(whole.body.result.amount, 50);
  });

  test('void: an AUTHORIZED payment becomes CANCELLED and can no longer be captured', async () => {
    const held = await createDeposit(sb.base, { preAuth: true });
    await payDeposit(held.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    const voided = await callJson(paymentUrl(held.id, '/void'), { method: 'POST' });
    assert.equal(voided.status, 200);
    assert.deepEqual(Object.keys(voided.body), [...Object.keys(paytechExample('void-payment.response')), 'result']);
    assert.equal(voided.body.result.state, 'CANCELLED');
    assert.equal('errorCode' in voided.body.result, false);
    assert.equal((await callJson(paymentUrl(held.id, '/capture'), { body: {} })).status, 400);
    assert.equal((await callJson(paymentUrl(held.id, '/void'), { method: 'POST' })).status, 400);
    const charged = await paidDeposit();
    assert.match((await callJson(paymentUrl(charged.id, '/void'), { method: 'POST' })).body.message, /Illegal Workflow State/);
  });

  test('refund: a REFUND payment naming a COMPLETED deposit, partly then the rest, never more', async () => {
    const checkout = await createDeposit(sb.base);
    const refund = (body: Record<string, unknown>) => callJson(payments(), { body: { paymentType: 'REFUND', currency: 'EUR', ...body } });
    assert.match((await refund({ parentPaymentId: checkout.id })).body.message, /Illegal Workflow State/);
    assert.equal((await refund({ parentPaymentId: '0'.repeat(32) })).status, 400);

    const deposit = await paidDeposit({ amount: 100 });
    assert.match((await refund({ parentPaymentId: deposit.id, currency: 'USD', amount: 1 })).body.message, /currency/);
    assert.match((await refund({ parentPaymentId: deposit.id, amount: 100.01 })).body.message, /exceeds/);
    const first = await refund({ parentPaymentId: deposit.id, amount: 30, referenceId: deposit.referenceId });
    assert.equal(first.status, 200);
    assert.deepEqual(
      { paymentType: first.body.result.paymentType, state: first.body.result.state, parentPaymentId: first.body.result.parentPaymentId, amount: first.body.result.amount },
      { paymentType: 'REFUND', state: 'COMPLETED', parentPaymentId: deposit.id, amount: 30 },
    );
    assert.equal('redirectUrl' in first.body.result, false);
    assert.ok(inDocumentOrder(Object.keys(first.body.result)));
    const rest = await refund({ parentPaymentId: deposit.id });
    assert.equal(rest.body.result.amount, 70);
    assert.match((await refund({ parentPaymentId: deposit.id, amount: 1 })).body.message, /refunded in full/);
    // The deposit itself stays COMPLETED; its refunds are payments of their own.
    assert.equal((await callJson(paymentUrl(deposit.id))).body.result.state, 'COMPLETED');
    assert.equal((await callJson(paymentUrl(first.body.result.id))).body.result.paymentType, 'REFUND');
  });

  test('operations: what happened to the payment, most recent first', async () => {
    const held = await createDeposit(sb.base, { preAuth: true });
    await payDeposit(held.redirectUrl, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    await callJson(paymentUrl(held.id, '/capture'), { body: {} });
    const res = await callJson(paymentUrl(held.id, '/operations'));
    assert.deepEqual(Object.keys(res.body), [...Object.keys(paytechExample('get-operations.response')), 'result']);
    const ops = res.body.result as Record<string, unknown>[];
    assert.deepEqual(ops.map((o) => [o.operation, o.paymentState]), [
      ['CAPTURE', 'COMPLETED'], ['CONFIRMATION', 'AUTHORIZED'], ['CHECKOUT', 'PENDING'], ['CREATE_PAYMENT', 'CHECKOUT'],
    ]);
    assert.deepEqual(Object.keys(ops[0]!), ['id', 'operation', 'started', 'completed', 'paymentState']);
    const ids = ops.map((o) => o.id as number);
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x));
    assert.equal((await call(paymentUrl('0'.repeat(32), '/operations'))).status, 404);
  });

  describe('sandbox amount limits', () => {
    test('a deposit succeeds below 10000000 and is declined (1.08 Invalid Amount) from 10000000 on', async () => {
      const below = await paidDeposit({ amount: 9_999_999.99 });
      assert.equal(sb.sim.getPayment(below.id)!.state, 'COMPLETED');
      const at = await createDeposit(sb.base, { amount: 10_000_000 });
      await payDeposit(at.redirectUrl, PAYTECH_TEST_CARDS.success.number);
      const declined = (await callJson(paymentUrl(at.id))).body.result;
      assert.deepEqual([declined.state, declined.errorCode, declined.errorMessage], ['DECLINED', '1.08', 'Invalid Amount']);
    });

    test('refunds and withdrawals go through up to 10000 and are declined above it', async () => {
      const deposit = await paidDeposit({ amount: 30_000 });
      const refund = (amount: number) => callJson(payments(), { body: { paymentType: 'REFUND', currency: 'EUR', parentPaymentId: deposit.id, amount } });
      assert.equal((await refund(10_000)).body.result.state, 'COMPLETED');
      const over = (await refund(10_000.01)).body.result;
      assert.deepEqual([over.state, over.errorCode], ['DECLINED', '1.08']);
      assert.equal((await refund(20_000)).body.result.state, 'DECLINED');
      assert.equal(sb.sim.getPayment(deposit.id)!.refundedAmount, 10_000, 'declined refunds refund nothing');

      const payout = (amount: number) => callJson(payments(), { body: { paymentType: 'WITHDRAWAL', currency: 'EUR', amount } });
      assert.equal((await payout(10_000)).body.result.state, 'COMPLETED');
      assert.equal((await payout(10_001)).body.result.state, 'DECLINED');
    });
  });
});
