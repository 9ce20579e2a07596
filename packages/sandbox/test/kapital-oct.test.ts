import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD } from '../src/index.js';
import { call, kapitalExample, orderStatus, startKapitalSandbox, type KapitalSandbox } from './kapital-helpers.js';

// Payouts: the collection's Order Credit Transaction (Create Order typeRid OCT), Set Destination
// Token with a PAN, and Execution Transaction with type Credit. The test cards decide the credit.

describe('Kapital Bank order credit transactions (payouts)', () => {
  let sb: KapitalSandbox;
  before(async () => (sb = await startKapitalSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  async function creditOrder(amount = '1') {
    const res = await call(`${sb.base}/api/order/`, { body: { order: { ...kapitalExample('order-credit.request').order, amount } } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json!.order as { id: number; password: string; status: string; cvv2AuthStatus: string };
  }
  const setDst = (order: { id: number; password: string }, pan: string) => {
    const body = kapitalExample('set-dst-token-pan.request');
    body.token.card.panBlock.data = pan;
    return call(`${sb.base}/api/order/${order.id}/set-dst-token?password=${order.password}`, { body });
  };
  const credit = (order: { id: number; password: string }, tran: Record<string, unknown> = kapitalExample('exec-tran-credit.request').tran) =>
    call(`${sb.base}/api/order/${order.id}/exec-tran?password=${order.password}`, { body: { tran } });

  test('the collection\'s three requests credit the documented card: the order is paid, with a Credit transaction', async () => {
    const order = await creditOrder();
    assert.equal(order.status, 'Preparing');
    assert.equal(order.cvv2AuthStatus, 'IneligibleOrder');
    const dst = await setDst(order, KAPITAL_TEST_CARDS.documented.number);
    assert.equal(dst.status, 200, JSON.stringify(dst.json));
    assert.equal(dst.json!.order.dstToken.displayName, '416974******1778');
    assert.equal(JSON.stringify(dst.json).includes(KAPITAL_TEST_CARDS.documented.number), false, 'the number is not echoed');

    const res = await credit(order);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json!.tran.pmoResultCode, '1');
    const status = await orderStatus(sb.base, order.id, true);
    assert.equal(status.status, 'FullyPaid');
    assert.equal(status.amount, 1);
    assert.equal(status.type.rid, 'OCT');
    assert.equal(status.dstToken.displayName, '416974******1778');
    assert.deepEqual(status.trans.map((t: Record<string, unknown>) => [t.type, t.phase, t.amount, t.clearAmount]), [['Credit', 'Single', 1, -1]]);
  });

  test('a declining test card declines the credit with PmoDecline and its code', async () => {
    const order = await creditOrder('5.00');
    assert.equal((await setDst(order, KAPITAL_TEST_CARDS.insufficientFunds.number)).status, 200);
    const res = await credit(order, { phase: 'Single', amount: '5.00', type: 'Credit' });
    assert.equal(res.status, 400);
    assert.equal(res.json!.errorCode, 'PmoDecline');
    assert.equal(res.json!.errorDetails.pmoResultCode, '59');
    assert.equal((await orderStatus(sb.base, order.id)).status, 'Declined');
    // A card the processing does not know is declined too (52), as on the hosted page.
    const unknown = await creditOrder();
    await setDst(unknown, '4111111111111111');
    assert.equal((await credit(unknown)).json!.errorDetails.pmoResultCode, '52');
  });

  test('a credit needs an OCT order, a destination card, the order amount, and runs once', async () => {
    const purchase = await call(`${sb.base}/api/order/`, { body: { order: { ...kapitalExample('order-purchase.request').order, hppRedirectUrl: 'https://shop.example/r' } } });
    const sale = purchase.json!.order as { id: number; password: string };
    assert.equal((await credit(sale)).json!.errorCode, 'TranProhibited');
    assert.equal((await setDst(sale, KAPITAL_TEST_CARDS.documented.number)).json!.errorCode, 'InvalidOrderState');

    const order = await creditOrder('2.00');
    assert.equal((await credit(order, { phase: 'Single', amount: '2.00', type: 'Credit' })).json!.errorCode, 'InvalidOrderState', 'no destination yet');
    assert.equal((await setDst(order, '4169741330151779')).json!.errorCode, 'InvalidToken', 'a bad Luhn digit');
    assert.equal((await setDst(order, KAPITAL_UNSUPPORTED_BRAND_CARD)).json!.errorCode, 'InvalidToken', 'Visa and Mastercard only');
    assert.equal((await setDst(order, KAPITAL_TEST_CARDS.mastercardSuccess.number)).status, 200);
    assert.equal((await credit(order, { phase: 'Single', amount: '1.00', type: 'Credit' })).json!.errorCode, 'InvalidAmt');
    assert.equal((await credit(order, { phase: 'Single', amount: '2.00', type: 'Credit' })).status, 200);
    assert.equal((await credit(order, { phase: 'Single', amount: '2.00', type: 'Credit' })).json!.errorCode, 'InvalidOrderState', 'never twice');
    assert.equal((await credit(order, { phase: 'Single', amount: '2.00', type: 'Refund' })).json!.errorCode, 'TranProhibited');
    assert.equal((await setDst(order, KAPITAL_TEST_CARDS.documented.number)).json!.errorCode, 'InvalidOrderState');
    // Not on the hosted page either.
    const page = await fetch(`${sb.base}/flex?id=${order.id}&password=${order.password}`);
    assert.notEqual(page.status, 200);
  });

  test('TWO tokens (an external card-on-file provider) are refused, not run', async () => {
    const order = await creditOrder();
    const res = await call(`${sb.base}/api/order/${order.id}/set-dst-token?password=${order.password}`, { body: kapitalExample('set-dst-token-two.request') });
    assert.equal(res.status, 400);
    assert.match(res.json!.errorDescription, /TWO_COF/);
  });
});
