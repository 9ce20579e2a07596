import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { setupServer } from 'msw/node';
import { createKapitalSimulator, KAPITAL_TEST_CARDS, KAPITAL_TEST_URL } from '../src/index.js';
import { kapitalHandlers } from '../src/msw.js';
import { AUTH, orderRequest, PASSWORD, TODAY, USERNAME } from './kapital-helpers.js';

// Unit-test mode: the bank's real test host is intercepted in-process, no server is started.
const sim = createKapitalSimulator({ baseUrl: KAPITAL_TEST_URL, username: USERNAME, password: PASSWORD, now: () => TODAY });
const server = setupServer(...kapitalHandlers(sim));

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.reset());
after(() => server.close());

const json = { authorization: AUTH, 'content-type': 'application/json' };

test('msw: order, hosted page, payment and status against https://txpgtst.kapitalbank.az', async () => {
  const res = await fetch('https://txpgtst.kapitalbank.az/api/order/', { method: 'POST', headers: json, body: JSON.stringify(orderRequest({ amount: '10.00' })) });
  assert.equal(res.status, 200);
  const { order } = (await res.json()) as { order: { id: number; hppUrl: string; password: string } };
  assert.equal(order.hppUrl, 'https://txpgtst.kapitalbank.az/flex');

  const page = await fetch(`${order.hppUrl}?id=${order.id}&password=${order.password}`);
  assert.match(await page.text(), /Card number/);
  const form = new URLSearchParams({
    id: String(order.id), password: order.password, cardNumber: KAPITAL_TEST_CARDS.documented.number,
    expiry: KAPITAL_TEST_CARDS.documented.expiry, cvc: KAPITAL_TEST_CARDS.documented.cvc, cardholderName: 'Leyla Mammadova', action: 'pay',
  });
  const pay = await fetch(order.hppUrl, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(pay.status, 303);
  assert.equal(pay.headers.get('location'), `https://shop.example/kapital/return?ID=${order.id}&STATUS=FullyPaid`);

  const status = (await (await fetch(`https://txpgtst.kapitalbank.az/api/order/${order.id}`, { headers: { authorization: AUTH } })).json()) as { order: Record<string, unknown> };
  assert.equal(status.order.status, 'FullyPaid');
  assert.equal(status.order.amount, 10);
});

test('msw: wrong credentials are refused', async () => {
  const res = await fetch('https://txpgtst.kapitalbank.az/api/order/', {
    method: 'POST',
    headers: { ...json, authorization: `Basic ${Buffer.from('x:y').toString('base64')}` },
    body: JSON.stringify(orderRequest()),
  });
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as { errorCode: string }).errorCode, 'InvalidLogin');
});
