import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { shapeOf } from './helpers.js';
import {
  call, createOrder, DETAILED, execTran, kapitalExample, orderRequest, orderStatus, paidOrder, startKapitalSandbox, type KapitalSandbox,
} from './kapital-helpers.js';

describe('Kapital Bank API: auth, Create Order, Get Order Status', () => {
  let sb: KapitalSandbox;
  before(async () => (sb = await startKapitalSandbox()));
  after(() => sb.close());
  const orderUrl = () => `${sb.base}/api/order/`;

  test('refuses missing and wrong Basic auth with InvalidLogin (401)', async () => {
    for (const auth of [null, `Basic ${Buffer.from('TerminalSys/test:wrong').toString('base64')}`, 'Bearer x']) {
      const res = await call(orderUrl(), { body: orderRequest(), auth });
      assert.equal(res.status, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
      assert.deepEqual(res.json, { errorCode: 'InvalidLogin', errorDescription: 'Invalid login or password' });
    }
    assert.equal((await call(`${sb.base}/api/order/1`, { auth: null })).status, 401);
    assert.equal(sb.sim.orders().length, 0);
  });

  test('rejects invalid orders with the error shape and code', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      ['{not json', 'InvalidRequest', /"order"/],
      [{ typeRid: 'Order_SMS' }, 'InvalidRequest', /"order"/],
      [orderRequest({ amount: 'abc' }), 'InvalidAmt', /amount/],
      [orderRequest({ amount: '0' }), 'InvalidAmt', /amount/],
      [orderRequest({ amount: '1.001' }), 'InvalidAmt', /amount/],
      [orderRequest({ currency: 'USD' }), 'InvalidRequest', /currency/],
      [orderRequest({ language: 'de' }), 'InvalidRequest', /language/],
      [orderRequest({ hppRedirectUrl: undefined }), 'InvalidRequest', /hppRedirectUrl/],
      [orderRequest({ typeRid: 'Order_REC' }), 'InvalidRequest', /typeRid/],
    ];
    for (const [body, errorCode, message] of cases) {
      const res = await call(orderUrl(), { body });
      assert.equal(res.status, 400, String(message));
      assert.equal(res.json!.errorCode, errorCode);
      assert.match(res.json!.errorDescription, message);
    }
    assert.equal(sb.sim.orders().length, 0);
  });

  test('the Purchase example creates an order shaped like the example response', async () => {
    const res = await call(orderUrl(), { body: { order: { ...kapitalExample('order-purchase.request').order, hppRedirectUrl: 'https://shop.example/r' } } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const spec = kapitalExample('order-purchase.response');
    assert.deepEqual(Object.keys(res.json!.order), Object.keys(spec.order), 'same keys in the same order');
    assert.deepEqual(shapeOf(res.json), shapeOf(spec));
    const order = res.json!.order;
    assert.equal(order.hppUrl, `${sb.base}/flex`);
    assert.equal(order.status, 'Preparing');
    assert.equal(order.cvv2AuthStatus, 'Required');
    assert.match(order.password, /^[a-z0-9]{12}$/);
    assert.match(order.secret, /^\d{6}$/);
    const stored = sb.sim.getOrder(order.id)!;
    assert.equal(stored.amount, 100, '"1.0" is 100 qəpik');
    assert.equal(stored.typeRid, 'Order_SMS');
    assert.deepEqual(stored.request.hppCofCapturePurposes, ['Cit']);
  });

  test('Prepurchase makes an Order_DMS order, Installment reads TAKSIT=6, /api/order works without the slash', async () => {
    const dms = await call(`${sb.base}/api/order`, { body: { order: { ...kapitalExample('order-prepurchase.request').order } } });
    assert.equal(dms.status, 200);
    assert.equal(sb.sim.getOrder(dms.json!.order.id)?.typeRid, 'Order_DMS');
    const taksit = await call(orderUrl(), { body: kapitalExample('order-installment.request') });
    assert.equal(sb.sim.getOrder(taksit.json!.order.id)?.installmentMonths, 6);
  });

  test('simple status of a new order, and of a refunded one shaped like the "Simple" example', async () => {
    const fresh = await createOrder(sb.base, { amount: '12.34' });
    const status = await orderStatus(sb.base, fresh.id);
    assert.equal(status.status, 'Preparing');
    assert.equal(status.amount, 12.34);
    assert.equal(status.typeRid, 'Order_SMS');
    assert.match(status.createTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal('finishTime' in status, false);

    const paid = await paidOrder(sb.base, 'Order_SMS', '1');
    assert.equal((await execTran(sb.base, paid.id, { phase: 'Single', amount: '1.00', type: 'Refund' })).status, 200);
    const refunded = await orderStatus(sb.base, paid.id);
    const spec = kapitalExample('order-status.response').order;
    assert.deepEqual(Object.keys(refunded), Object.keys(spec));
    assert.deepEqual(shapeOf(refunded), shapeOf(spec));
    assert.equal(refunded.status, 'Refunded');
    assert.equal(refunded.prevStatus, 'FullyPaid');
    assert.equal(refunded.amount, 1);
    assert.deepEqual(refunded.type, { title: 'Single message' });
  });

  test('detailed status of a refunded order has the keys of the "Detailed" example', async () => {
    const paid = await paidOrder(sb.base, 'Order_SMS', '1');
    await execTran(sb.base, paid.id, { phase: 'Single', amount: '1.00', type: 'Refund' });
    const body = (await call(`${sb.base}/api/order/${paid.id}?${DETAILED}`)).json!.order;
    const spec = kapitalExample('order-status-detailed.response').order;
    assert.deepEqual(Object.keys(body), Object.keys(spec), 'same keys in the same order');
    assert.deepEqual(shapeOf(body), shapeOf(spec));
    assert.deepEqual(shapeOf(body.trans[0]), shapeOf(spec.trans[0]));
    assert.deepEqual(Object.keys(body.trans[1]), Object.keys(spec.trans[1]));
    assert.equal(body.trans.length, 2);
    assert.deepEqual([body.trans[0].type, body.trans[0].clearAmount, body.trans[1].type, body.trans[1].clearAmount], ['Purchase', 1, 'Refund', -1]);
    assert.deepEqual([body.authorizedChargeAmount, body.clearedChargeAmount, body.clearedRefundAmount], [1, 1, 1]);
    assert.equal(body.srcToken.displayName, '510307******3118');
    assert.equal(body.srcToken.card.brand, 'Mastercard');
    assert.equal(body.srcToken.card.expiration, '1230');
    assert.equal(typeof JSON.parse(body.srcToken.card.authentication.tdsARes), 'object', 'tdsARes is a JSON string');
    assert.equal(body.type.rid, 'Order_SMS');
    assert.equal(body.password, paid.password);
  });

  test('detail levels: trans and srcToken only when asked for', async () => {
    const paid = await paidOrder(sb.base);
    const orderOnly = (await call(`${sb.base}/api/order/${paid.id}?orderDetailLevel=2`)).json!.order;
    assert.equal('trans' in orderOnly, false);
    assert.equal('srcToken' in orderOnly, false);
    assert.equal(orderOnly.clearedChargeAmount, 10);
    const simpleWithTrans = (await call(`${sb.base}/api/order/${paid.id}?tranDetailLevel=2`)).json!.order;
    assert.equal(simpleWithTrans.trans.length, 1);
    assert.equal('hppUrl' in simpleWithTrans, false);
  });

  test('unknown orders answer 404, a wrong ?password 400, unknown routes fall through', async () => {
    const missing = await call(`${sb.base}/api/order/1`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json!.errorCode, 'InvalidRequest');
    const order = await createOrder(sb.base);
    assert.equal((await call(`${sb.base}/api/order/${order.id}?password=nope`)).status, 400);
    assert.equal((await call(`${sb.base}/api/order/${order.id}?password=${order.password}`)).status, 200);
    assert.equal((await fetch(`${sb.base}/api/unknown`)).status, 404);
    assert.equal((await fetch(`${sb.base}/api/order/${order.id}/exec-tran`)).status, 404, 'GET on a POST route');
  });
});
