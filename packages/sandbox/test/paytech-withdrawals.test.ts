import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAYTECH_TEST_CARDS } from '../src/index.js';
import { callJson, startPaytechSandbox, type PaytechSandbox } from './paytech-helpers.js';

// Withdrawals to a card (the Card object, for PCI DSS compliant merchants) and Get withdrawal
// balances: the test cards decide as for deposits, and completed withdrawals take from the balance.

describe('pay.tech withdrawals to cards and withdrawal balances', () => {
  let sb: PaytechSandbox;
  before(async () => (sb = await startPaytechSandbox({ balances: { EUR: 100, USD: 50.5 } })));
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  const payments = () => `${sb.base}/api/v1/payments`;
  const balances = async () => {
    const res = await callJson(`${sb.base}/api/v1/balances`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 200);
    return Object.fromEntries((res.body.result as { currency: string; amount: number }[]).map((b) => [b.currency, b.amount]));
  };
  const withdraw = (amount: number, card: Record<string, unknown> = { cardNumber: PAYTECH_TEST_CARDS.success.number }, currency = 'EUR') =>
    callJson(payments(), { body: { referenceId: 'po_1', paymentType: 'WITHDRAWAL', paymentMethod: 'BASIC_CARD', amount, currency, card } });

  test('a withdrawal to a test card completes and the balance goes down', async () => {
    assert.deepEqual(await balances(), { EUR: 100, USD: 50.5 });
    const res = await withdraw(11.12, { cardNumber: PAYTECH_TEST_CARDS.success.number, cardholderName: 'AIGERIM SULTANOVA', expiryMonth: '12', expiryYear: '2039' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const payment = res.body.result;
    assert.deepEqual([payment.paymentType, payment.state, payment.amount], ['WITHDRAWAL', 'COMPLETED', 11.12]);
    assert.equal(payment.paymentMethodDetails.customerAccountNumber, '400000***0408');
    assert.equal(JSON.stringify(res.body).includes(PAYTECH_TEST_CARDS.success.number), false, 'the number is not echoed');
    assert.equal(payment.redirectUrl, undefined);
    assert.deepEqual(await balances(), { EUR: 88.88, USD: 50.5 });
  });

  test('declining cards decline, an unknown card is 3.07, and neither takes from the balance', async () => {
    const declined = (await withdraw(10, { cardNumber: PAYTECH_TEST_CARDS.declined.number })).body.result;
    assert.deepEqual([declined.state, declined.errorCode, declined.errorMessage], ['DECLINED', '4.01', 'Insufficient Funds']);
    const threeDs = (await withdraw(10, { cardNumber: PAYTECH_TEST_CARDS.threeDsDeclined.number })).body.result;
    assert.deepEqual([threeDs.state, threeDs.errorCode], ['DECLINED', '4.02']);
    const unknown = (await withdraw(10, { cardNumber: '4111111111111111' })).body.result;
    assert.deepEqual([unknown.state, unknown.errorCode], ['DECLINED', '3.07']);
    assert.equal((await balances()).EUR, 100);
  });

  test('more than the balance is declined with 1.10 Insufficient Balance; a seeded balance pays', async () => {
    const over = (await withdraw(100.01)).body.result;
    assert.deepEqual([over.state, over.errorCode, over.errorMessage], ['DECLINED', '1.10', 'Insufficient Balance']);
    const none = (await withdraw(1, undefined, 'GBP')).body.result;
    assert.deepEqual([none.state, none.errorCode], ['DECLINED', '1.10']);
    sb.sim.setBalance('GBP', 20);
    assert.equal((await withdraw(20, undefined, 'GBP')).body.result.state, 'COMPLETED');
    assert.equal(sb.sim.balances().GBP, 0);
    sb.sim.reset();
    assert.deepEqual(await balances(), { EUR: 100, USD: 50.5 });
  });

  test('the card is checked, and taken for withdrawals only', async () => {
    const bad = await withdraw(1, { cardNumber: '4000000000000409' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message ?? JSON.stringify(bad.body), /card\.cardNumber/);
    assert.equal((await withdraw(1, { cardNumber: PAYTECH_TEST_CARDS.success.number, expiryMonth: '13' })).status, 400);
    const deposit = await callJson(payments(), { body: { paymentType: 'DEPOSIT', currency: 'EUR', amount: 1, card: { cardNumber: PAYTECH_TEST_CARDS.success.number } } });
    assert.equal(deposit.status, 400);
    assert.equal((await balances()).EUR, 100);
  });

  test('balances need the API key', async () => {
    const res = await callJson(`${sb.base}/api/v1/balances`, { auth: null });
    assert.equal(res.status, 401);
  });
});
