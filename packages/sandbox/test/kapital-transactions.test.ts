import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { shapeOf } from './helpers.js';
import { call, createOrder, execTran, kapitalExample, orderStatus, paidOrder, startKapitalSandbox, type KapitalSandbox } from './kapital-helpers.js';

// Execution Transaction (POST /api/order/{id}/exec-tran): clearing, reversal and refund rules.

describe('Kapital Bank exec-tran', () => {
  let sb: KapitalSandbox;
  before(async () => (sb = await startKapitalSandbox()));
  after(() => sb.close());

  const tranOf = (name: string) => kapitalExample(name).tran as Record<string, unknown>;
  const refused = async (res: Promise<{ status: number; json: Record<string, any> | null }>, errorCode: string) => {
    const r = await res;
    assert.equal(r.status, 400, JSON.stringify(r.json));
    assert.equal(r.json!.errorCode, errorCode);
    assert.equal(typeof r.json!.errorDescription, 'string');
  };

  test('clearing after authorization (the example body) answers the example shape and pays the order', async () => {
    const order = await paidOrder(sb.base, 'Order_DMS', '1.00');
    const res = await execTran(sb.base, order.id, tranOf('exec-tran-clearing.request'));
    assert.equal(res.status, 200);
    assert.deepEqual(shapeOf(res.json), shapeOf(kapitalExample('exec-tran-clearing.response')));
    assert.equal(res.json!.tran.pmoResultCode, '1');
    const status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.prevStatus, status.clearedChargeAmount], ['FullyPaid', 'Authorized', 1]);
    await refused(execTran(sb.base, order.id, tranOf('exec-tran-clearing.request')), 'InvalidOrderState');
  });

  test('partial clearings: PartiallyPaid, then FullyPaid; never above the hold; not on purchases', async () => {
    const order = await paidOrder(sb.base, 'Order_DMS', '10.00');
    await refused(execTran(sb.base, order.id, { phase: 'Clearing', amount: '10.01' }), 'InvalidAmt');
    assert.equal((await execTran(sb.base, order.id, { phase: 'Clearing', amount: '4.00' })).status, 200);
    assert.equal((await orderStatus(sb.base, order.id)).status, 'PartiallyPaid');
    assert.equal((await execTran(sb.base, order.id, { phase: 'Clearing' })).status, 200, 'no amount: the rest');
    const status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.clearedChargeAmount], ['FullyPaid', 10]);
    const purchase = await paidOrder(sb.base, 'Order_SMS');
    await refused(execTran(sb.base, purchase.id, { phase: 'Clearing', amount: '1.00' }), 'InvalidOrderState');
    const unpaid = await createOrder(sb.base, { typeRid: 'Order_DMS' });
    await refused(execTran(sb.base, unpaid.id, { phase: 'Clearing' }), 'InvalidOrderState');
  });

  test('refund (the example body): partial keeps FullyPaid, the rest makes it Refunded', async () => {
    const order = await paidOrder(sb.base, 'Order_SMS', '10.00');
    const res = await execTran(sb.base, order.id, tranOf('exec-tran-refund.request'));
    assert.equal(res.status, 200);
    assert.deepEqual(shapeOf(res.json), shapeOf(kapitalExample('exec-tran-refund.response')));
    let status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.clearedRefundAmount], ['FullyPaid', 2]);
    await refused(execTran(sb.base, order.id, { phase: 'Single', amount: '8.01', type: 'Refund' }), 'InvalidAmt');
    assert.equal((await execTran(sb.base, order.id, { phase: 'Single', type: 'Refund' })).status, 200, 'no amount: the rest');
    status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.prevStatus, status.clearedRefundAmount], ['Refunded', 'FullyPaid', 10]);
    assert.deepEqual(status.trans.map((t: any) => [t.type, t.clearAmount]), [['Purchase', 10], ['Refund', -2], ['Refund', -8]]);
    await refused(execTran(sb.base, order.id, { phase: 'Single', amount: '1.00', type: 'Refund' }), 'InvalidOrderState');
    const authorized = await paidOrder(sb.base, 'Order_DMS');
    await refused(execTran(sb.base, authorized.id, { phase: 'Single', amount: '1.00', type: 'Refund' }), 'InvalidOrderState');
  });

  test('purchase reversal (the example body) voids the order', async () => {
    const order = await paidOrder(sb.base, 'Order_SMS', '10.00');
    assert.equal((await execTran(sb.base, order.id, tranOf('exec-tran-reversal.request'))).status, 200);
    const status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.authorizedChargeAmount, status.clearedChargeAmount], ['Voided', 0, 0]);
    assert.deepEqual([status.trans[1].isReversal, status.trans[1].amount, status.trans[1].clearAmount], [true, 10, -10]);
    await refused(execTran(sb.base, order.id, tranOf('exec-tran-reversal.request')), 'InvalidOrderState');
  });

  test('partial reversal (the example body) is allowed once, then only a full one', async () => {
    const order = await paidOrder(sb.base, 'Order_SMS', '10.00');
    await refused(execTran(sb.base, order.id, { phase: 'Single', voidKind: 'Partial' }), 'InvalidAmt');
    await refused(execTran(sb.base, order.id, { phase: 'Single', amount: '10.00', voidKind: 'Partial' }), 'InvalidAmt');
    assert.equal((await execTran(sb.base, order.id, tranOf('exec-tran-reversal-partial.request'))).status, 200);
    let status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.clearedChargeAmount], ['FullyPaid', 9]);
    await refused(execTran(sb.base, order.id, { phase: 'Single', amount: '1.00', voidKind: 'Partial' }), 'TranProhibited');
    assert.equal((await execTran(sb.base, order.id, { phase: 'Single', voidKind: 'Full' })).status, 200);
    status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.trans.at(-1).amount], ['Voided', 9]);
  });

  test('a refunded purchase cannot be reversed', async () => {
    const order = await paidOrder(sb.base, 'Order_SMS', '10.00');
    await execTran(sb.base, order.id, { phase: 'Single', amount: '1.00', type: 'Refund' });
    await refused(execTran(sb.base, order.id, { phase: 'Single', voidKind: 'Full' }), 'InvalidOrderState');
  });

  test('preauthorization: auth reversal voids; clearing reversal goes back to Authorized', async () => {
    const held = await paidOrder(sb.base, 'Order_DMS', '10.00');
    await refused(execTran(sb.base, held.id, { phase: 'Single', voidKind: 'Full' }), 'InvalidOrderState');
    assert.equal((await execTran(sb.base, held.id, tranOf('exec-tran-reversal-auth.request'))).status, 200);
    assert.equal((await orderStatus(sb.base, held.id)).status, 'Voided');

    const cleared = await paidOrder(sb.base, 'Order_DMS', '10.00');
    await execTran(sb.base, cleared.id, { phase: 'Clearing', amount: '10.00' });
    assert.equal((await execTran(sb.base, cleared.id, tranOf('exec-tran-reversal-clearing.request'))).status, 200);
    let status = await orderStatus(sb.base, cleared.id, true);
    assert.deepEqual([status.status, status.clearedChargeAmount, status.authorizedChargeAmount], ['Authorized', 0, 10]);
    assert.equal((await execTran(sb.base, cleared.id, { phase: 'Auth', voidKind: 'Full' })).status, 200);
    status = await orderStatus(sb.base, cleared.id);
    assert.equal(status.status, 'Voided');

    const partly = await paidOrder(sb.base, 'Order_DMS', '10.00');
    assert.equal((await execTran(sb.base, partly.id, { phase: 'Auth', amount: '3.00', voidKind: 'Partial' })).status, 200);
    status = await orderStatus(sb.base, partly.id, true);
    assert.deepEqual([status.status, status.authorizedChargeAmount], ['Authorized', 7]);
    await refused(execTran(sb.base, partly.id, { phase: 'Clearing', amount: '7.01' }), 'InvalidAmt');
  });

  test('saved-card payments and credits are refused on these orders', async () => {
    const order = await createOrder(sb.base);
    await refused(execTran(sb.base, order.id, tranOf('exec-tran-purchase-saved-card.request')), 'InvalidOrderState');
    await refused(execTran(sb.base, order.id, tranOf('exec-tran-preauth-saved-card.request')), 'InvalidOrderState');
    await refused(execTran(sb.base, order.id, tranOf('exec-tran-credit.request')), 'TranProhibited');
  });

  test('bad bodies, wrong credentials, unknown orders', async () => {
    const order = await paidOrder(sb.base, 'Order_DMS');
    await refused(call(`${sb.base}/api/order/${order.id}/exec-tran`, { body: '{' }), 'InvalidRequest');
    await refused(call(`${sb.base}/api/order/${order.id}/exec-tran`, { body: { phase: 'Clearing' } }), 'InvalidRequest');
    await refused(execTran(sb.base, order.id, { phase: 'Later' }), 'InvalidRequest');
    await refused(execTran(sb.base, order.id, { phase: 'Clearing', amount: '-1' }), 'InvalidAmt');
    await refused(execTran(sb.base, order.id, { phase: 'Single', type: 'Refund', voidKind: 'Full' }), 'InvalidRequest');
    assert.equal((await call(`${sb.base}/api/order/${order.id}/exec-tran`, { body: { tran: { phase: 'Clearing' } }, auth: null })).status, 401);
    assert.equal((await execTran(sb.base, 1, { phase: 'Clearing' })).status, 404);
    assert.equal(sb.sim.getOrder(order.id)?.status, 'Authorized');
  });
});
