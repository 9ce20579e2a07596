import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { MONETIX_TEST_PHONES } from '../src/index.js';
import {
  clarificationBody, monetixExample, newPaymentId, refundBody, saleBody, SECRET, shapeOf,
  startMonetixSandbox, statusBody, type MonetixTestSandbox,
} from './monetix-helpers.js';

type Json = Record<string, unknown>;
type Callback = Json & { payment: Json & { sum: Json }; operation: Json & { sum_initial: Json } };
const FIGURE_13 = monetixExample('callback-refund-success.callback');
const FIGURE_14 = monetixExample('callback-refund-decline.callback');

describe('Monetix Gate: refunds', () => {
  let sb: MonetixTestSandbox;
  before(async () => (sb = await startMonetixSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.clear());

  /** A paid 100000 KZT sale; its two callbacks are consumed. */
  async function paid(number: string = MONETIX_TEST_PHONES.success): Promise<string> {
    const id = newPaymentId();
    await sb.post('/v2/payment/mobile/sale', saleBody(id, number));
    await sb.post('/v2/payment/clarification', clarificationBody(id, sb.sim.lastOtp(number)!));
    await sb.sim.idle();
    assert.equal(sb.sim.getPayment(id)?.status, 'success');
    sb.merchant.received.length = 0;
    return id;
  }
  async function refund(id: string, payment?: Json): Promise<{ res: Json; callback: Callback }> {
    const res = await sb.post('/v2/payment/mobile/refund', refundBody(id, payment));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await sb.sim.idle();
    return { res: res.body, callback: sb.merchant.received.at(-1)!.body as Callback };
  }

  test('full refund (Figure 12 body) -> Figure 13 callback, payment refunded, sum 0', async () => {
    const id = await paid();
    const { res, callback } = await refund(id, {}); // Figure 12 as printed: amount 100000 KZT
    assert.equal(res.status, 'success');
    assert.ok(monetixVerify(callback, SECRET));
    assert.deepEqual(Object.keys(callback), Object.keys(FIGURE_13));
    assert.deepEqual(shapeOf(callback), shapeOf(FIGURE_13));
    assert.equal(callback.payment.status, 'refunded');
    assert.deepEqual(callback.payment.sum, { amount: 0, currency: 'KZT' });
    assert.equal(callback.operation.type, 'refund');
    assert.equal(callback.operation.status, 'success');
    assert.deepEqual(callback.operation.sum_initial, { amount: 100000, currency: 'KZT' });
    assert.equal(callback.operation.request_id, res.request_id);
    const again = await sb.post('/v2/payment/mobile/refund', refundBody(id, undefined));
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'invalid_payment_status');
    const status = await sb.post('/v2/payment/status', statusBody(id));
    assert.equal((status.body.payment as Json).status, 'refunded');
    assert.equal((status.body.operation as Json).type, 'refund');
  });

  test('partial refunds: partially refunded with the rest in payment.sum; no more than what is left', async () => {
    const id = await paid();
    const first = await refund(id, { amount: 30000 });
    assert.equal(first.callback.payment.status, 'partially refunded');
    assert.deepEqual(first.callback.payment.sum, { amount: 70000, currency: 'KZT' });
    assert.deepEqual(first.callback.operation.sum_initial, { amount: 30000, currency: 'KZT' });

    const tooMuch = await sb.post('/v2/payment/mobile/refund', refundBody(id, { amount: 70001 }));
    assert.equal(tooMuch.status, 400, 'refused synchronously');
    assert.equal(tooMuch.body.code, 'invalid_amount');

    const rest = await refund(id, undefined); // no payment object: the rest
    assert.equal(rest.callback.payment.status, 'refunded');
    assert.deepEqual(rest.callback.payment.sum, { amount: 0, currency: 'KZT' });
    assert.deepEqual(rest.callback.operation.sum_initial, { amount: 70000, currency: 'KZT' });
    assert.notEqual(rest.callback.operation.id, first.callback.operation.id);
    assert.equal(sb.sim.getPayment(id)?.refundedAmount, 100000);
  });

  test('refunds need a successful sale, a valid amount and its currency', async () => {
    const awaiting = newPaymentId();
    await sb.post('/v2/payment/mobile/sale', saleBody(awaiting, MONETIX_TEST_PHONES.success));
    assert.equal((await sb.post('/v2/payment/mobile/refund', refundBody(awaiting))).body.code, 'invalid_payment_status');
    const declined = newPaymentId();
    await sb.post('/v2/payment/mobile/sale', saleBody(declined, MONETIX_TEST_PHONES.declinedAtOnce));
    assert.equal((await sb.post('/v2/payment/mobile/refund', refundBody(declined))).body.code, 'invalid_payment_status');
    assert.equal((await sb.post('/v2/payment/mobile/refund', refundBody('nope'))).body.code, 'payment_not_found');

    const id = await paid();
    for (const payment of [{ amount: 0 }, { amount: 10.5 }, { amount: 1000, currency: undefined }, { currency: 'USD' }]) {
      const res = await sb.post('/v2/payment/mobile/refund', refundBody(id, payment));
      assert.equal(res.status, 400, JSON.stringify(payment));
      assert.equal(res.body.code, 'invalid_request');
    }
    assert.equal(sb.sim.getPayment(id)?.status, 'success');
  });

  test('number ending in 2222: refunds are declined by callback (Figure 14), the payment stays success', async () => {
    const id = await paid(MONETIX_TEST_PHONES.refundDeclined);
    const { callback } = await refund(id, { amount: 50000 });
    assert.ok(monetixVerify(callback, SECRET));
    assert.deepEqual(Object.keys(callback), Object.keys(FIGURE_14));
    assert.deepEqual(shapeOf(callback), shapeOf(FIGURE_14));
    assert.equal(callback.payment.status, 'success');
    assert.deepEqual(callback.payment.sum, { amount: 100000, currency: 'KZT' });
    assert.equal(callback.operation.type, 'refund');
    assert.equal(callback.operation.status, 'decline');
    assert.equal(callback.operation.code, '20000');
    assert.equal(callback.operation.message, 'General decline');
    assert.equal(sb.sim.getPayment(id)?.refundedAmount, 0);
  });
});
