import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { MONETIX_TEST_PHONES } from '../src/index.js';
import {
  clarificationBody, monetixExample, newPaymentId, resendBody, saleBody, SECRET, shapeOf, signedExample,
  startMonetixSandbox, statusBody, type MonetixTestSandbox,
} from './monetix-helpers.js';

type Json = Record<string, unknown>;
type Callback = Json & { payment: Json; operation: Json };
const number = MONETIX_TEST_PHONES.success;

describe('Monetix Gate: new codes (resend)', () => {
  let sb: MonetixTestSandbox;
  before(async () => (sb = await startMonetixSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.clear());

  async function awaitingPayment(): Promise<string> {
    const id = newPaymentId();
    assert.equal((await sb.post('/v2/payment/mobile/sale', saleBody(id, number))).status, 200);
    await sb.merchant.waitFor(1);
    return id;
  }
  const bodies = () => sb.merchant.received.map((r) => r.body as Callback);

  test('resend: a misleading signed decline callback, then the clarification for the new code', async () => {
    const id = await awaitingPayment();
    const oldCode = sb.sim.lastOtp(number)!;
    const res = await sb.post('/v2/customer/action/resend', resendBody(id));
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'success');
    assert.equal(res.body.payment_id, id);

    const [, spurious, clar] = (await sb.merchant.waitFor(3)).map((r) => r.body as Callback);
    assert.ok(monetixVerify(spurious, SECRET));
    assert.deepEqual(shapeOf(spurious), shapeOf(monetixExample('callback-purchase-decline.callback')));
    assert.equal(spurious!.payment.status, 'decline');
    assert.equal(spurious!.operation.status, 'decline');
    assert.equal(spurious!.operation.type, 'sale');
    assert.equal(spurious!.operation.code, '20000');
    assert.equal(clar!.payment.status, 'awaiting clarification');
    assert.ok(clar!.clarification_fields);
    assert.ok(monetixVerify(clar, SECRET));

    // The status endpoint tells the truth after the misleading callback.
    const status = await sb.post('/v2/payment/status', statusBody(id));
    assert.equal((status.body.payment as Json).status, 'awaiting clarification');
    assert.equal((status.body.operation as Json).status, 'awaiting clarification');
    assert.ok(monetixVerify(status.body, SECRET));

    // A new SMS; the old code no longer works, the new one does.
    const newCode = sb.sim.lastOtp(number)!;
    assert.notEqual(newCode, oldCode);
    assert.deepEqual(sb.sim.messages(number).map((m) => m.text), [
      `Your payment code: ${newCode}. Do not share it.`,
      `Your payment code: ${oldCode}. Do not share it.`,
    ], 'newest first');
    await sb.post('/v2/payment/clarification', clarificationBody(id, oldCode));
    await sb.merchant.waitFor(4);
    assert.equal(bodies()[3]!.payment.status, 'awaiting clarification');
    await sb.post('/v2/payment/clarification', clarificationBody(id, newCode));
    await sb.merchant.waitFor(5);
    assert.equal(bodies()[4]!.payment.status, 'success');
  });

  test('at most three resends; the fourth is refused with resend_limit', async () => {
    const id = await awaitingPayment();
    for (let i = 0; i < 3; i++) assert.equal((await sb.post('/v2/customer/action/resend', resendBody(id))).status, 200);
    const fourth = await sb.post('/v2/customer/action/resend', resendBody(id));
    assert.equal(fourth.status, 400);
    assert.equal(fourth.body.status, 'error');
    assert.equal(fourth.body.code, 'resend_limit');
    assert.equal(sb.sim.messages(number).length, 4, 'first code + three resends');
    await sb.sim.idle();
    assert.equal(sb.merchant.received.length, 1 + 3 * 2);
  });

  test('resend is refused once the payment is final, for unknown payments and without ip_address', async () => {
    const id = await awaitingPayment();
    await sb.post('/v2/payment/clarification', clarificationBody(id, sb.sim.lastOtp(number)!));
    const final = await sb.post('/v2/customer/action/resend', resendBody(id));
    assert.equal(final.status, 400);
    assert.equal(final.body.code, 'invalid_payment_status');
    assert.equal((await sb.post('/v2/customer/action/resend', resendBody('nope'))).body.code, 'payment_not_found');
    const noIp = await sb.post('/v2/customer/action/resend', signedExample('customer-action-resend.request', { customer: undefined }));
    assert.equal(noIp.body.code, 'invalid_request');
    assert.match(String(noIp.body.message), /customer\.ip_address/);
  });
});

test('spuriousResendCallbacks: false sends only the clarification', async () => {
  const sb = await startMonetixSandbox({ spuriousResendCallbacks: false });
  try {
    const id = newPaymentId();
    await sb.post('/v2/payment/mobile/sale', saleBody(id, number));
    await sb.post('/v2/customer/action/resend', resendBody(id));
    await sb.sim.idle();
    assert.deepEqual(sb.merchant.received.map((r) => (r.body.payment as Json).status), ['awaiting clarification', 'awaiting clarification']);
  } finally {
    await sb.close();
  }
});
