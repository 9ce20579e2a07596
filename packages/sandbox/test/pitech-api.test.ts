import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PITECH_DEFAULT_MERCHANT_NAME } from '../src/index.js';
import {
  AUTH, chargeRequest, createOrder, example, refOf, getStatus, postJson, shapeOf, startTestSandbox, type TestSandbox,
} from './helpers.js';

describe('PITECH API: auth, validation, order creation, status', () => {
  let sb: TestSandbox;
  before(async () => (sb = await startTestSandbox()));
  after(() => sb.close());
  const chargeUrl = () => `${sb.base}/gw/payments/cards/charge`;

  test('refuses missing and wrong Basic auth with a JSON 401', async () => {
    for (const auth of [null, `Basic ${Buffer.from('test-app:wrong').toString('base64')}`, 'Bearer x']) {
      const res = await postJson(chargeUrl(), chargeRequest(), auth);
      assert.equal(res.status, 401);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
      const body = (await res.json()) as Record<string, unknown>;
      assert.equal(body.status, 401);
      assert.equal(typeof body.message, 'string');
    }
    const status = await getStatus(sb.base, { ordersId: '1', uuid: 'x', orderDate: '2021-01-01' }, null);
    assert.equal(status.status, 401);
    assert.equal(sb.sim.orders().length, 0);
  });

  test('rejects invalid bodies with a JSON 400 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /Malformed JSON/],
      [[1, 2], /JSON object/],
      [chargeRequest({ amount: 0 }), /amount/],
      [chargeRequest({ amount: '300' }), /amount/],
      [chargeRequest({ currency: undefined }), /currency/],
      [chargeRequest({ description: '' }), /description/],
      [chargeRequest({ extOrdersId: undefined }), /extOrdersId/],
      [chargeRequest({ successReturnUrl: 'not a url' }), /successReturnUrl/],
      [chargeRequest({ errorReturnUrl: undefined }), /errorReturnUrl/],
      [chargeRequest({ callbackSuccessUrl: 'ftp://x' }), /callbackSuccessUrl/],
      [chargeRequest({ payload: 'text' }), /payload/],
    ];
    for (const [body, message] of cases) {
      const res = await postJson(chargeUrl(), body);
      assert.equal(res.status, 400, String(message));
      const json = (await res.json()) as { status: number; message: string };
      assert.equal(json.status, 400);
      assert.match(json.message, message);
    }
    assert.equal(sb.sim.orders().length, 0);
  });

  test('cards/charge creates a NEW order shaped like the 3.1 response', async () => {
    const req = chargeRequest({ amount: 300.5 });
    const res = await postJson(chargeUrl(), req);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    const spec = example('cards-charge.response');
    // The 3.1 example omits cardsId although its request sent one; the field table says it is echoed.
    assert.deepEqual(shapeOf(body), shapeOf({ ...spec, cardsId: 'card_x' }));
    assert.equal(body.state, 'NEW');
    assert.equal(body.amount, 300.5);
    assert.equal(body.merchantName, PITECH_DEFAULT_MERCHANT_NAME);
    assert.equal(body.merchantName, spec.merchantName);
    assert.match(String(body.ordersId), /^\d{15}$/);
    assert.match(String(body.orderDate), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(String(body.uuid), /^[0-9a-f-]{36}$/);
    assert.equal(body.paymentUrl, `${sb.base}?ordersId=${body.ordersId}&orderDate=${body.orderDate}&uuid=${body.uuid}`);
    assert.deepEqual(body.payload, spec.payload, 'payload echoed with the email merged in');
    assert.equal(body.cardsId, req.cardsId);
    assert.equal(sb.sim.getOrder(String(body.ordersId))?.state, 'NEW');
  });

  test('cards/auth answers exactly the keys of the 3.4.1 example', async () => {
    const req = { ...example('cards-auth.request'), extOrdersId: `auth-${Date.now()}` };
    const res = await postJson(`${sb.base}/gw/payments/cards/auth`, req);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(shapeOf(body), shapeOf(example('cards-auth.response')));
    assert.equal(body.state, 'NEW');
    assert.equal(sb.sim.getOrder(String(body.ordersId))?.twoPhase, true);
  });

  test('a repeated extOrdersId is refused, so double orders show up', async () => {
    const req = chargeRequest();
    assert.equal((await postJson(chargeUrl(), req)).status, 200);
    const again = await postJson(chargeUrl(), req);
    assert.equal(again.status, 400);
    assert.match(((await again.json()) as { message: string }).message, /already exists/);
  });

  test('status needs all three identifiers to match', async () => {
    const order = await createOrder(sb.base);
    const ok = await getStatus(sb.base, order);
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as Record<string, unknown>;
    assert.deepEqual(shapeOf(body), shapeOf({ ...example('cards-charge.response'), cardsId: 'x' }));
    assert.equal(body.state, 'NEW');
    for (const wrong of [{ uuid: '00000000-0000-0000-0000-000000000000' }, { orderDate: '2000-01-01' }, { ordersId: '000000000000000' }]) {
      assert.equal((await getStatus(sb.base, { ...refOf(order), ...wrong })).status, 404);
    }
    const missing = await fetch(`${sb.base}/gw/payments?ordersId=${order.ordersId}`, { headers: { authorization: AUTH } });
    assert.equal(missing.status, 400);
  });

  test('unknown routes fall through to Express (404)', async () => {
    assert.equal((await fetch(`${sb.base}/gw/unknown`, { headers: { authorization: AUTH } })).status, 404);
    assert.equal((await fetch(`${sb.base}/gw/payments/cards/charge`)).status, 404, 'GET on a POST route');
  });
});

test('works behind a host that mounts express.json() first', async () => {
  const sb = await startTestSandbox({}, { jsonParserFirst: true });
  try {
    const order = await createOrder(sb.base, { amount: 12.34 });
    assert.equal(order.state, 'NEW');
    assert.equal(sb.sim.getOrder(order.ordersId)?.request.amount, 12.34);
  } finally {
    await sb.close();
  }
});
