import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPitechSimulator, PITECH_STAGE_URL, PITECH_TEST_CARDS } from '../src/index.js';
import { pitechHandlers } from '../src/msw.js';
import { AUTH, APP_ID, chargeRequest, type CreatedOrder, SECRET_ID } from './helpers.js';

// Unit-test mode: the real stage URL is intercepted in-process, no server is started.
const sim = createPitechSimulator({ baseUrl: PITECH_STAGE_URL, appId: APP_ID, secretId: SECRET_ID });
const callbacks: unknown[] = [];
const server = setupServer(
  ...pitechHandlers(sim),
  http.post('https://shop.example/pitech/callback', async ({ request }) => {
    callbacks.push(await request.json());
    return HttpResponse.text('OK');
  }),
);

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
after(() => server.close());

test('msw: charge, hosted page, payment and callback against https://cards-stage.pitech.kz', async () => {
  const res = await fetch('https://cards-stage.pitech.kz/gw/payments/cards/charge', {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(chargeRequest({ callbackSuccessUrl: 'https://shop.example/pitech/callback' })),
  });
  assert.equal(res.status, 200);
  const order = (await res.json()) as CreatedOrder;
  assert.equal(order.state, 'NEW');
  assert.equal(order.paymentUrl, `https://cards-stage.pitech.kz?ordersId=${order.ordersId}&orderDate=${order.orderDate}&uuid=${order.uuid}`);

  const page = await fetch(order.paymentUrl!);
  assert.match(await page.text(), /Card number/);

  const form = new URLSearchParams({
    ordersId: order.ordersId, orderDate: order.orderDate, uuid: order.uuid,
    cardNumber: PITECH_TEST_CARDS.mastercardSuccess.number, expiry: '12/39', cvc: '123', cardholderName: 'Name Name',
  });
  const pay = await fetch('https://cards-stage.pitech.kz/pay', { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(pay.status, 303);
  assert.equal(pay.headers.get('location'), order.successReturnUrl);

  await sim.idle();
  assert.equal(callbacks.length, 1);
  assert.equal((callbacks[0] as Record<string, unknown>).ordersState, 'SUCCESS');

  const q = new URLSearchParams({ ordersId: order.ordersId, uuid: order.uuid, orderDate: order.orderDate });
  const status = (await (await fetch(`https://cards-stage.pitech.kz/gw/payments?${q}`, { headers: { authorization: AUTH } })).json()) as Record<string, unknown>;
  assert.equal(status.state, 'SUCCESS');
  assert.deepEqual(status.card, { mask: '516949-#####-8024', owner: 'NAME NAME', issuer: 'mastercard' });
});

test('msw: wrong credentials are refused', async () => {
  const res = await fetch('https://cards-stage.pitech.kz/gw/payments/cards/charge', {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('x:y').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(chargeRequest()),
  });
  assert.equal(res.status, 401);
});
