import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { KAPITAL_TEST_CARDS } from '../src/index.js';
import { shapeOf } from './helpers.js';
import { call, createOrder, DETAILED, execTran, kapitalExample, orderStatus, startKapitalSandbox, submitCard, type KapitalSandbox } from './kapital-helpers.js';

// Card on file: the hosted page keeps the card when the order asks for it (all three purposes of
// hppCofCapturePurposes), the detailed status shows its stored token, and the recurring flow
// (Order_REC or DMSN3D, Set Source Token, Execution Transaction) charges it by that storedId.

const SAVE = ['UnspecifiedMit', 'Cit', 'Recurring'];

describe('Kapital Bank card on file', () => {
  let sb: KapitalSandbox;
  before(async () => (sb = await startKapitalSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  const detailed = async (id: number) => (await call(`${sb.base}/api/order/${id}?${DETAILED}`)).json!.order;

  /** Pays an order that asks to keep the card; answers the storedId its detailed status shows. */
  async function saveOnPage(fields: Record<string, string> = { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number }): Promise<number> {
    const order = await createOrder(sb.base, { hppCofCapturePurposes: SAVE, amount: '5.00' });
    const res = await submitCard(sb.base, order, fields);
    assert.equal(res.status, 303);
    const status = await detailed(order.id);
    assert.equal(status.storedTokens.length, 1);
    return status.storedTokens[0].id as number;
  }

  /** Create Order with the Recurring example (or DMSN3D), as the collection sends it. */
  async function recurringOrder(typeRid: 'Order_REC' | 'DMSN3D' = 'Order_REC', amount = '1.0') {
    const res = await call(`${sb.base}/api/order/`, { body: { order: { ...kapitalExample('order-recurring.request').order, typeRid, amount } } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json!.order as { id: number; password: string; status: string };
  }

  const setSrcToken = (order: { id: number; password: string }, storedId: unknown) =>
    call(`${sb.base}/api/order/${order.id}/set-src-token?password=${order.password}`, {
      body: { ...kapitalExample('set-src-token-stored.request'), token: { storedId } },
    });
  const execSaved = (order: { id: number; password: string }, example: string, amount?: string) =>
    call(`${sb.base}/api/order/${order.id}/exec-tran?password=${order.password}`, {
      body: { tran: { ...kapitalExample(example).tran, ...(amount && { amount }) } },
    });

  test('the page keeps the card of an order that asks with all three purposes; the detailed status is the "With COF data" example', async () => {
    const order = await createOrder(sb.base, { hppCofCapturePurposes: SAVE, amount: '5' });
    const page = await (await fetch(`${sb.base}/flex?id=${order.id}&password=${order.password}`)).text();
    assert.match(page, /will keep this card for your next payments/);
    assert.equal((await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number })).status, 303);

    const body = await detailed(order.id);
    const spec = kapitalExample('order-status-detailed-cof.response').order;
    assert.deepEqual(Object.keys(body), Object.keys(spec), 'same keys in the same order');
    assert.deepEqual(shapeOf(body.storedTokens[0]), shapeOf(spec.storedTokens[0]), 'the bank\'s own token: { id }');
    assert.equal(typeof body.storedTokens[0].id, 'number');
    assert.notEqual(body.storedTokens[0].id, body.srcToken.id, 'the stored token is not the order\'s source token');
    assert.deepEqual([body.status, body.srcToken.displayName, body.srcToken.card.brand, body.srcToken.card.expiration], ['FullyPaid', '510307******3118', 'Mastercard', '1230']);
    assert.deepEqual(body.hppCofCapturePurposes, SAVE);
    assert.equal('storedTokens' in (await orderStatus(sb.base, order.id)), false, 'not in the simple status');
    assert.equal('storedTokens' in (await call(`${sb.base}/api/order/${order.id}?orderDetailLevel=2`)).json!.order, false, 'only with tokenDetailLevel');
  });

  test('no card is kept for fewer purposes, without them, or when the payment is declined', async () => {
    for (const purposes of [['Cit'], ['UnspecifiedMit'], undefined]) {
      const order = await createOrder(sb.base, { hppCofCapturePurposes: purposes });
      await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number });
      const body = await detailed(order.id);
      assert.equal(body.status, 'FullyPaid');
      assert.equal('storedTokens' in body, false, JSON.stringify(purposes));
    }
    const declined = await createOrder(sb.base, { hppCofCapturePurposes: SAVE });
    await submitCard(sb.base, declined, { cardNumber: KAPITAL_TEST_CARDS.insufficientFunds.number });
    const body = await detailed(declined.id);
    assert.deepEqual([body.status, 'storedTokens' in body], ['Declined', false]);
  });

  test('recurring charge by token: the examples of Recurring, Set Source Token and "Purchase with saved card"', async () => {
    const storedId = await saveOnPage();
    const order = await recurringOrder();
    assert.deepEqual(Object.keys(order), Object.keys(kapitalExample('order-recurring.response').order), 'no secret, cvv2AuthStatus IneligibleOrder');
    assert.deepEqual([order.status, (order as unknown as Record<string, unknown>).cvv2AuthStatus], ['Preparing', 'IneligibleOrder']);
    assert.equal((await fetch(`${sb.base}/flex?id=${order.id}&password=${order.password}`)).status, 404, 'never paid on the page');

    const set = await setSrcToken(order, storedId);
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.deepEqual(shapeOf(set.json), shapeOf(kapitalExample('set-src-token-two.response')));
    assert.deepEqual([set.json!.order.status, set.json!.order.srcToken.displayName, set.json!.order.srcToken.card.expiration], ['Preparing', '510307******3118', '1230']);

    const paid = await execSaved(order, 'exec-tran-purchase-saved-card.request');
    assert.equal(paid.status, 200, JSON.stringify(paid.json));
    assert.deepEqual(shapeOf(paid.json), shapeOf(kapitalExample('exec-tran-purchase-saved-card.response')));
    assert.equal(paid.json!.tran.pmoResultCode, '1');
    const body = await detailed(order.id);
    assert.deepEqual([body.status, body.type.rid, body.initiationEnvKind, body.clearedChargeAmount, body.cvv2AuthStatus], ['FullyPaid', 'Order_REC', 'Server', 1, 'IneligibleOrder']);
    assert.deepEqual(body.trans.map((t: any) => [t.phase, t.type, t.amount, t.pmoResultCode]), [['Single', 'Purchase', 1, '1']]);
    assert.equal('storedTokens' in body, false, 'a recurring order keeps no new card');

    // A paid recurring order takes a refund like any purchase; it cannot be paid twice.
    assert.equal((await execTran(sb.base, order.id, { phase: 'Single', type: 'Refund' })).status, 200);
    assert.equal((await orderStatus(sb.base, order.id)).status, 'Refunded');
    assert.equal((await execSaved(order, 'exec-tran-purchase-saved-card.request')).json!.errorCode, 'InvalidOrderState');
  });

  test('the same stored card pays again and again, each time on a new order', async () => {
    const { documented } = KAPITAL_TEST_CARDS;
    const storedId = await saveOnPage({ cardNumber: documented.number, expiry: documented.expiry, cvc: documented.cvc });
    for (const amount of ['2.50', '3.00']) {
      const order = await recurringOrder('Order_REC', amount);
      assert.equal((await setSrcToken(order, String(storedId))).status, 200, 'storedId as digits works too');
      assert.equal((await execSaved(order, 'exec-tran-purchase-saved-card.request', amount)).status, 200);
      assert.equal((await orderStatus(sb.base, order.id)).status, 'FullyPaid');
    }
  });

  test('preauthorization with saved card (DMSN3D): Authorized, then cleared', async () => {
    const storedId = await saveOnPage();
    const order = await recurringOrder('DMSN3D', '4.00');
    assert.equal((await setSrcToken(order, storedId)).status, 200);
    const wrongPhase = await execSaved(order, 'exec-tran-purchase-saved-card.request');
    assert.deepEqual([wrongPhase.status, wrongPhase.json!.errorCode], [400, 'InvalidRequest'], 'a DMSN3D order is paid with phase Auth');
    const held = await execSaved(order, 'exec-tran-preauth-saved-card.request', '4.00');
    assert.equal(held.status, 200, JSON.stringify(held.json));
    assert.deepEqual(shapeOf(held.json), shapeOf(kapitalExample('exec-tran-preauth-saved-card.response')));
    let body = await detailed(order.id);
    assert.deepEqual([body.status, body.authorizedChargeAmount, body.clearedChargeAmount, body.type.rid], ['Authorized', 4, 0, 'DMSN3D']);
    assert.equal((await execTran(sb.base, order.id, { phase: 'Clearing' })).status, 200);
    body = await detailed(order.id);
    assert.deepEqual([body.status, body.clearedChargeAmount], ['FullyPaid', 4]);
  });

  test('a declining stored card: PmoDecline in the example\'s shape, the order Declined with the code', async () => {
    for (const card of [KAPITAL_TEST_CARDS.declined, KAPITAL_TEST_CARDS.insufficientFunds]) {
      const order = await recurringOrder();
      assert.equal((await setSrcToken(order, sb.sim.storeCard({ number: card.number }))).status, 200);
      const res = await execSaved(order, 'exec-tran-purchase-saved-card.request');
      assert.equal(res.status, 400);
      assert.equal(res.json!.errorCode, 'PmoDecline');
      assert.equal(res.json!.errorDetails.pmoResultCode, card.pmoResultCode);
      assert.match(res.json!.errorDescription, new RegExp(`^Transaction declined by PMO: Auth Response: ${card.pmoResultCode} - `));
      assert.doesNotMatch(JSON.stringify(res.json), new RegExp(card.number.slice(-4)), 'the card is never printed');
      const body = await detailed(order.id);
      assert.equal(body.status, 'Declined');
      assert.deepEqual(body.trans.map((t: any) => t.pmoResultCode), [card.pmoResultCode]);
      assert.equal('approvalCode' in body.trans[0], false);
    }
    // A card the processing does not know: code 52 with the example's declineReason.
    const order = await recurringOrder();
    await setSrcToken(order, sb.sim.storeCard({ number: '4111111111111111', expiry: '12/30' }));
    const res = await execSaved(order, 'exec-tran-purchase-saved-card.request');
    assert.deepEqual(shapeOf(res.json), shapeOf(kapitalExample('exec-tran-pmo-decline.response')));
    assert.deepEqual([res.json!.errorDetails.pmoResultCode, res.json!.errorDetails.declineReason], ['52', 'SrcCardInvalid']);
  });

  test('an unknown storedId is refused in the bank\'s error shape; so are other misuses of the flow', async () => {
    const order = await recurringOrder();
    const unknown = await setSrcToken(order, 987654321);
    assert.equal(unknown.status, 400);
    assert.deepEqual(Object.keys(unknown.json!), ['errorCode', 'errorDescription']);
    assert.equal(unknown.json!.errorCode, 'InvalidToken');
    assert.doesNotMatch(unknown.json!.errorDescription, /987654321/, 'the token is not echoed');
    assert.equal((await detailed(order.id)).status, 'Preparing');
    const noToken = await execSaved(order, 'exec-tran-purchase-saved-card.request');
    assert.deepEqual([noToken.status, noToken.json!.errorCode], [400, 'InvalidOrderState']);

    const storedId = await saveOnPage();
    for (const body of [{ token: { storedId } }, { order: { initiationEnvKind: 'Server' }, token: { storedId: 'abc' } }, { order: { initiationEnvKind: 'Server' } }]) {
      const res = await call(`${sb.base}/api/order/${order.id}/set-src-token?password=${order.password}`, { body });
      assert.deepEqual([res.status, res.json!.errorCode], [400, 'InvalidRequest'], JSON.stringify(body));
    }
    assert.equal((await call(`${sb.base}/api/order/${order.id}/set-src-token?password=wrong`, { body: { order: { initiationEnvKind: 'Server' }, token: { storedId } } })).status, 400);
    assert.equal((await call(`${sb.base}/api/order/${order.id}/set-src-token`, { body: { token: { storedId } }, auth: null })).status, 401);
    const page = await createOrder(sb.base);
    const onPageOrder = await setSrcToken(page, storedId);
    assert.deepEqual([onPageOrder.status, onPageOrder.json!.errorCode], [400, 'InvalidOrderState'], 'a hosted-page order takes its card on the page');

    assert.equal((await setSrcToken(order, storedId)).status, 200);
    const noUsage = await call(`${sb.base}/api/order/${order.id}/exec-tran?password=${order.password}`, { body: { tran: { phase: 'Single', amount: '1.00' } } });
    assert.deepEqual([noUsage.status, noUsage.json!.errorCode], [400, 'InvalidRequest'], 'conditions.cofUsage marks a saved-card payment');
    const tooMuch = await execSaved(order, 'exec-tran-purchase-saved-card.request', '1.01');
    assert.deepEqual([tooMuch.status, tooMuch.json!.errorCode], [400, 'InvalidAmt']);
    const withPage = await call(`${sb.base}/api/order/`, { body: { order: { ...kapitalExample('order-recurring.request').order, hppCofCapturePurposes: SAVE } } });
    assert.deepEqual([withPage.status, withPage.json!.errorCode], [400, 'InvalidRequest'], 'a recurring order has no page to keep a card on');
  });

  test('reset forgets the stored cards too', async () => {
    const storedId = await saveOnPage();
    sb.sim.reset();
    const order = await recurringOrder();
    assert.equal((await setSrcToken(order, storedId)).json!.errorCode, 'InvalidToken');
  });
});
