import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAYTECH_TEST_CARDS } from '../src/index.js';
import { callJson, createDeposit, inDocumentOrder, payDeposit, startPaytechSandbox, startWebhookReceiver, type PaytechSandbox } from './paytech-helpers.js';

// Recurring chains: startRecurring on a deposit paid on the checkout page issues a recurringToken;
// a deposit with that token charges the same card at once; an unknown token is 1.06.
describe('pay.tech recurring chains', () => {
  let sb: PaytechSandbox;
  let merchant: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async () => {
    sb = await startPaytechSandbox();
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

  const payments = () => `${sb.base}/api/v1/payments`;
  const find = async (id: string) => (await callJson(`${payments()}/${id}`)).body.result;
  /** A deposit that starts a chain, paid on the page with this card; answers Find payment's result. */
  async function startChain(card: string = PAYTECH_TEST_CARDS.threeDsSuccess.number, extra: Record<string, unknown> = {}) {
    const deposit = await createDeposit(sb.base, { startRecurring: true, webhookUrl: `${merchant.url}/hook`, ...extra });
    assert.equal(deposit.startRecurring, true);
    assert.equal(deposit.recurringToken, undefined, 'no token before the card is paid');
    assert.equal((await payDeposit(deposit.redirectUrl, card)).status, 303);
    return find(deposit.id);
  }
  const continueChain = (recurringToken: string, extra: Record<string, unknown> = {}) =>
    callJson(payments(), { body: { paymentType: 'DEPOSIT', currency: 'EUR', amount: 5.5, referenceId: 'order-next', recurringToken, ...extra } });

  test('a paid deposit with startRecurring gets a recurringToken, shown by Find payment and its webhook', async () => {
    const paid = await startChain();
    assert.equal(paid.state, 'COMPLETED');
    assert.match(paid.recurringToken, /^[a-f0-9]{32}$/);
    assert.equal(paid.paymentMethodDetails.customerAccountNumber, '400000***0002');
    assert.ok(inDocumentOrder(Object.keys(paid)));
    await sb.sim.idle();
    assert.equal(merchant.received.at(-1)?.body.recurringToken, paid.recurringToken);
  });

  test('without startRecurring, or when the card is declined, no token is issued', async () => {
    const plain = await createDeposit(sb.base);
    await payDeposit(plain.redirectUrl, PAYTECH_TEST_CARDS.success.number);
    assert.equal((await find(plain.id)).recurringToken, undefined);
    const declined = await startChain(PAYTECH_TEST_CARDS.declined.number);
    assert.deepEqual([declined.state, declined.recurringToken], ['DECLINED', undefined]);
  });

  test('a pre-authorized deposit starts a chain too', async () => {
    const held = await startChain(PAYTECH_TEST_CARDS.success.number, { preAuth: true });
    assert.equal(held.state, 'AUTHORIZED');
    assert.ok(held.recurringToken);
  });

  test('a deposit with the token charges the same card at once, without a page', async () => {
    const first = await startChain();
    const res = await continueChain(first.recurringToken);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const next = res.body.result;
    assert.deepEqual([next.paymentType, next.state, next.amount, next.currency], ['DEPOSIT', 'COMPLETED', 5.5, 'EUR']);
    assert.equal(next.redirectUrl, undefined, 'nobody is sent to a page');
    assert.equal(next.recurringToken, first.recurringToken);
    assert.deepEqual(next.paymentMethodDetails, first.paymentMethodDetails);
    assert.deepEqual((await find(next.id)).state, 'COMPLETED');
    // Again: the chain goes on.
    assert.equal((await continueChain(first.recurringToken)).body.result.state, 'COMPLETED');
  });

  test('a continued chain with preAuth is AUTHORIZED, then captured', async () => {
    const first = await startChain();
    const held = (await continueChain(first.recurringToken, { preAuth: true })).body.result;
    assert.equal(held.state, 'AUTHORIZED');
    assert.equal((await callJson(`${payments()}/${held.id}/capture`, { body: {} })).body.result.state, 'COMPLETED');
  });

  test('the test card decides: a declining card\'s chain is DECLINED with its error code', async () => {
    const token = sb.sim.keepRecurringCard({ number: PAYTECH_TEST_CARDS.declined.number });
    const res = (await continueChain(token)).body.result;
    assert.deepEqual([res.state, res.errorCode, res.errorMessage, res.externalResultCode], ['DECLINED', '4.01', 'Insufficient Funds', '51']);
    const other = (await continueChain(sb.sim.keepRecurringCard({ number: PAYTECH_TEST_CARDS.threeDsDeclined.number }))).body.result;
    assert.deepEqual([other.state, other.errorCode], ['DECLINED', '4.02']);
    const ok = (await continueChain(sb.sim.keepRecurringCard({ number: PAYTECH_TEST_CARDS.success.number }))).body.result;
    assert.equal(ok.state, 'COMPLETED');
  });

  test('an unknown token is declined with 1.06 Recurring Token not Found', async () => {
    const res = await continueChain('f'.repeat(32));
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.result.state, res.body.result.errorCode, res.body.result.errorMessage], ['DECLINED', '1.06', 'Recurring Token not Found']);
  });

  test('tokens are forgotten on reset', async () => {
    const first = await startChain();
    sb.sim.reset();
    assert.equal((await continueChain(first.recurringToken)).body.result.errorCode, '1.06');
  });

  test('the request rules: a DEPOSIT with an amount continues a chain; subscription needs startRecurring', async () => {
    const noAmount = await callJson(payments(), { body: { paymentType: 'DEPOSIT', currency: 'EUR', recurringToken: 'x' } });
    assert.equal(noAmount.status, 400);
    assert.match(noAmount.body.message, /amount/);
    assert.doesNotMatch(noAmount.body.message, /"x"/);
    const both = await callJson(payments(), { body: { paymentType: 'DEPOSIT', currency: 'EUR', amount: 1, recurringToken: 'x', startRecurring: true } });
    assert.equal(both.status, 400);
    const withdrawal = await callJson(payments(), { body: { paymentType: 'WITHDRAWAL', currency: 'EUR', amount: 1, recurringToken: 'x' } });
    assert.equal(withdrawal.status, 400);
    const subscription = await callJson(payments(), { body: { paymentType: 'DEPOSIT', currency: 'EUR', amount: 1, subscription: {} } });
    assert.equal(subscription.status, 400);
    assert.match(subscription.body.message, /startRecurring/);
  });
});
