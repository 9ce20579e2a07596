import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAYTECH_TEST_CARDS } from '../src/index.js';
import { callJson, createDeposit, startPaytechSandbox, startWebhookReceiver, submitCard, type PaytechSandbox } from './paytech-helpers.js';

// Timeouts with a hand-driven clock: a checkout nobody pays, a 3-D Secure step nobody answers.
describe('pay.tech timeouts', () => {
  let clock = Date.parse('2030-12-25T10:11:12Z');
  let sb: PaytechSandbox;
  let merchant: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async () => {
    sb = await startPaytechSandbox({ now: () => clock, checkoutTtlMs: 60_000, threeDsTtlMs: 30_000 });
    merchant = await startWebhookReceiver();
  });
  after(async () => {
    await sb.close();
    await merchant.close();
  });
  beforeEach(async () => {
    await sb.sim.idle();
    sb.sim.reset();
    merchant.received.length = 0;
  });

  const newDeposit = () => createDeposit(sb.base, { webhookUrl: `${merchant.url}/hook` });

  test('dates are printed in UTC as the document prints them', async () => {
    const deposit = await newDeposit();
    assert.equal(deposit.created, '2030-12-25T10:11:12');
  });

  test('an unpaid checkout is CANCELLED by timeout (1.04) once read after its lifetime, with a webhook', async () => {
    const deposit = await newDeposit();
    clock += 59_999;
    assert.equal((await callJson(`${sb.base}/api/v1/payments/${deposit.id}`)).body.result.state, 'CHECKOUT');
    clock += 1;
    const found = (await callJson(`${sb.base}/api/v1/payments/${deposit.id}`)).body.result;
    assert.deepEqual([found.state, found.errorCode, found.errorMessage], ['CANCELLED', '1.04', 'Cancelled by Timeout']);
    assert.equal((await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number })).status, 409);
    await sb.sim.idle();
    assert.deepEqual(merchant.received.map((w) => [w.body.state, w.body.errorCode]), [['CANCELLED', '1.04']]);
  });

  test('an unanswered 3-D Secure step is DECLINED (5.01 3DS Timeout)', async () => {
    const deposit = await newDeposit();
    await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.threeDsSuccess.number });
    clock += 30_000;
    const found = (await callJson(`${sb.base}/api/v1/payments/${deposit.id}`)).body.result;
    assert.deepEqual([found.state, found.errorCode, found.errorMessage], ['DECLINED', '5.01', '3DS Timeout']);
    await sb.sim.idle();
    assert.equal(merchant.received.length, 1);
  });

  test('every documented state is reachable', async () => {
    const seen = new Set<string>();
    const note = async (id: string) => seen.add((await callJson(`${sb.base}/api/v1/payments/${id}`)).body.result.state);
    const a = await newDeposit();
    await note(a.id); // CHECKOUT
    await submitCard(a.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.threeDsSuccess.number });
    await note(a.id); // PENDING
    const b = await createDeposit(sb.base, { preAuth: true });
    await submitCard(b.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
    await note(b.id); // AUTHORIZED
    await callJson(`${sb.base}/api/v1/payments/${b.id}/void`, { method: 'POST' });
    await note(b.id); // CANCELLED
    const c = await newDeposit();
    await submitCard(c.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.declined.number });
    await note(c.id); // DECLINED
    const d = await newDeposit();
    await submitCard(d.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
    await note(d.id); // COMPLETED
    assert.deepEqual([...seen].sort(), ['AUTHORIZED', 'CANCELLED', 'CHECKOUT', 'COMPLETED', 'DECLINED', 'PENDING']);
  });
});
