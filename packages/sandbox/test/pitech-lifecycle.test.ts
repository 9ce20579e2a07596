import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PITECH_TEST_CARDS } from '../src/index.js';
import {
  createOrder, type CreatedOrder, example, getStatus, postJson, refOf, shapeOf, startTestSandbox, submitCard, type TestSandbox,
} from './helpers.js';


test('unpaid orders expire after orderTtlMs (injected clock)', async () => {
  let now = Date.UTC(2026, 0, 15, 10, 0, 0);
  const sb = await startTestSandbox({ now: () => now, orderTtlMs: 20 * 60_000 });
  try {
    const order = await createOrder(sb.base);
    assert.equal(order.orderDate, '2026-01-15');
    now += 20 * 60_000 - 1;
    assert.equal(((await (await getStatus(sb.base, order)).json()) as CreatedOrder).state, 'NEW');
    now += 1;
    assert.equal(((await (await getStatus(sb.base, order)).json()) as CreatedOrder).state, 'EXPIRED');
    assert.match(await (await fetch(order.paymentUrl)).text(), /already EXPIRED/);
    const pay = await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal(pay.status, 409);
    assert.equal(sb.sim.getOrder(order.ordersId)?.state, 'EXPIRED');
  } finally {
    await sb.close();
  }
});

describe('commit, reverse, refund', () => {
  let sb: TestSandbox;
  before(async () => (sb = await startTestSandbox()));
  after(() => sb.close());

  /** An order paid with the success card: AUTH_OK for auth, SUCCESS for charge. */
  async function paidOrder(kind: 'charge' | 'auth'): Promise<CreatedOrder> {
    // The 3.4.1 example request, keeping the fresh extOrdersId from createOrder; no cardsId.
    const { extOrdersId: _, ...auth } = example('cards-auth.request');
    const request = kind === 'auth' ? { ...auth, cardsId: undefined } : {};
    const order = await createOrder(sb.base, request, kind);
    await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    return order;
  }
  const call = async (op: string, body: object) => {
    const res = await postJson(`${sb.base}/gw/payments/${op}`, body);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  test('commit: AUTH_OK -> SUCCESS, at most the authorised amount', async () => {
    const order = await paidOrder('auth');
    assert.equal((await call('commit', { ...refOf(order), commitAmount: 301 })).status, 400);
    const res = await call('commit', { ...refOf(order), commitAmount: 290 });
    assert.equal(res.status, 200);
    assert.equal(res.body.state, 'SUCCESS');
    assert.equal(res.body.amount, 300, 'amount stays the authorised amount, as in the 3.4.3 example');
    assert.deepEqual(shapeOf(res.body), shapeOf(example('payment-commit.response')));
    assert.equal(sb.sim.getOrder(order.ordersId)?.committedAmount, 290);
    assert.equal((await call('commit', { ...refOf(order), commitAmount: 10 })).status, 400, 'no second commit');
  });

  test('commit is refused for one-phase and unpaid orders', async () => {
    const charged = await paidOrder('charge');
    const r1 = await call('commit', { ...refOf(charged), commitAmount: 10 });
    assert.equal(r1.status, 400);
    assert.match(String(r1.body.message), /state SUCCESS/);
    const fresh = await createOrder(sb.base, {}, 'auth');
    assert.equal((await call('commit', { ...refOf(fresh) })).status, 400);
  });

  test('reverse: from AUTH_OK or SUCCESS -> REVERSE, not twice', async () => {
    for (const kind of ['auth', 'charge'] as const) {
      const order = await paidOrder(kind);
      const res = await call('reverse', refOf(order));
      assert.equal(res.status, 200);
      assert.equal(res.body.state, 'REVERSE');
      assert.deepEqual(Object.keys(res.body).sort(), Object.keys({ ...example('payment-reverse.response'), ...(kind === 'charge' && { cardsId: 1 }) }).sort());
      assert.equal((await call('reverse', refOf(order))).status, 400);
    }
    const fresh = await createOrder(sb.base);
    assert.equal((await call('reverse', refOf(fresh))).status, 400);
  });

  const status = async (order: CreatedOrder) => (await (await getStatus(sb.base, order)).json()) as Record<string, unknown>;

  test('refund: from SUCCESS, refundAmount as string or number, again and again up to the charged amount', async () => {
    const order = await paidOrder('charge');
    assert.equal((await call('refund', { ...refOf(order), refundAmount: '300.01' })).status, 400);
    assert.equal((await call('refund', { ...refOf(order), refundAmount: 'abc' })).status, 400);
    const res = await call('refund', { ...refOf(order), refundAmount: '200' });
    assert.equal(res.status, 200);
    assert.equal(res.body.state, 'REFUND', 'a partial refund answers REFUND, as in the 3.6 example');
    assert.equal(res.body.amount, 300, 'amount stays the ordered amount');
    assert.deepEqual(shapeOf(res.body), shapeOf({ ...example('payment-refund.response'), cardsId: 'x' }));
    assert.equal(sb.sim.getOrder(order.ordersId)?.refundedAmount, 200);
    // The status read says how much was refunded, so a partial REFUND can be told from a full one.
    assert.deepEqual([(await status(order)).state, (await status(order)).refundAmount], ['REFUND', 200]);

    const above = await call('refund', { ...refOf(order), refundAmount: 100.01 });
    assert.equal(above.status, 400);
    assert.match(String(above.body.message), /exceeds the refundable amount 100/);
    assert.equal((await call('refund', { ...refOf(order), refundAmount: 60 })).status, 200);
    assert.equal((await call('refund', refOf(order))).status, 200, 'no amount: what remains');
    assert.equal((await status(order)).refundAmount, 300);
    const more = await call('refund', { ...refOf(order), refundAmount: 1 });
    assert.equal(more.status, 400);
    assert.match(String(more.body.message), /refunded in full/);
    assert.equal((await call('reverse', refOf(order))).status, 400, 'no reversal after a refund');

    const committed = await paidOrder('auth');
    await call('commit', { ...refOf(committed), commitAmount: 100 });
    assert.equal((await call('refund', { ...refOf(committed), refundAmount: 150 })).status, 400, 'above the committed amount');
    assert.equal((await call('refund', { ...refOf(committed), refundAmount: 100 })).status, 200);
    const read = await status(committed);
    assert.deepEqual([read.amount, read.commitAmount, read.refundAmount], [300, 100, 100]);

    const authOnly = await paidOrder('auth');
    assert.equal((await call('refund', { ...refOf(authOnly) })).status, 400, 'AUTH_OK needs reverse, not refund');
  });

  test('refunds add up without float noise', async () => {
    const order = await createOrder(sb.base, { amount: 0.3 });
    await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal((await call('refund', { ...refOf(order), refundAmount: '0.1' })).status, 200);
    assert.equal((await call('refund', { ...refOf(order), refundAmount: '0.2' })).status, 200);
    assert.equal((await status(order)).refundAmount, 0.3);
    assert.equal((await call('refund', { ...refOf(order), refundAmount: '0.01' })).status, 400);
  });

  test('the status read after a commit reports what was committed; the operation answers keep the documented shape', async () => {
    const order = await paidOrder('auth');
    await call('commit', { ...refOf(order), commitAmount: 290 });
    const read = await status(order);
    assert.deepEqual([read.state, read.amount, read.commitAmount, read.refundAmount], ['SUCCESS', 300, 290, undefined]);
  });

  test('refusals answer 400 with the gateway error body', async () => {
    const order = await paidOrder('auth');
    const res = await call('refund', refOf(order));
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'path', 'status', 'timestamp']);
    assert.equal(res.body.status, 400);
    assert.equal(res.body.error, 'Bad Request');
    assert.match(String(res.body.path), /\/gw\/payments\/refund$/);
    assert.match(String(res.body.message), /Cannot refund an order in state AUTH_OK/);
  });

  test('operations need auth, the full identifier triple and valid JSON', async () => {
    const order = await paidOrder('auth');
    assert.equal((await postJson(`${sb.base}/gw/payments/commit`, refOf(order), null)).status, 401);
    assert.equal((await call('commit', { ...refOf(order), uuid: '00000000-0000-0000-0000-000000000000' })).status, 404);
    assert.equal((await call('commit', { ordersId: order.ordersId })).status, 400);
    assert.equal((await postJson(`${sb.base}/gw/payments/commit`, '{')).status, 400);
    assert.equal(sb.sim.getOrder(order.ordersId)?.state, 'AUTH_OK');
  });
});
