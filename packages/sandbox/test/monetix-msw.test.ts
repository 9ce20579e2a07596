import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { buildMonetixPaymentPageUrl, createMonetixSimulator, MONETIX_GATE_URL, MONETIX_TEST_PHONES } from '../src/index.js';
import { monetixHandlers } from '../src/msw.js';
import { clarificationBody, gatePost, monetixExample, newPaymentId, PROJECT_ID, saleBody, SECRET, signedExample } from './monetix-helpers.js';

// Unit-test mode: the real Gate host is intercepted in-process, no server is started.
const sim = createMonetixSimulator({
  baseUrl: MONETIX_GATE_URL, projectId: PROJECT_ID, secretKey: SECRET, callbackUrl: 'https://shop.example/monetix/callback',
});
const callbacks: Array<Record<string, unknown>> = [];
const server = setupServer(
  ...monetixHandlers(sim),
  http.post('https://shop.example/monetix/callback', async ({ request }) => {
    callbacks.push((await request.json()) as Record<string, unknown>);
    return HttpResponse.text('OK');
  }),
);

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  await sim.idle();
  sim.reset();
  callbacks.length = 0;
});
after(() => server.close());

test('msw: operators, sale, clarification and callbacks against https://api.trxhost.com', async () => {
  assert.equal(MONETIX_GATE_URL, 'https://api.trxhost.com');
  const list = await gatePost('https://api.trxhost.com/v2/info/mobile/sale/list', signedExample('mobile-operators-list.request'));
  assert.equal((list.body.operators as unknown[]).length, 5);

  const id = newPaymentId();
  const number = MONETIX_TEST_PHONES.success;
  const sale = await gatePost('https://api.trxhost.com/v2/payment/mobile/sale', saleBody(id, number));
  assert.equal(sale.status, 200);
  await sim.idle();
  assert.equal((callbacks[0]!.payment as Record<string, unknown>).status, 'awaiting clarification');

  const res = await gatePost('https://api.trxhost.com/v2/payment/clarification', clarificationBody(id, sim.lastOtp(number)!));
  assert.equal(res.status, 200);
  await sim.idle();
  assert.equal(callbacks.length, 2);
  assert.ok(monetixVerify(callbacks[1], SECRET));
  assert.equal((callbacks[1]!.payment as Record<string, unknown>).status, 'success');
  assert.deepEqual(sim.callbacks().map((c) => c.status), [200, 200]);

  const refused = await gatePost('https://api.trxhost.com/v2/payment/mobile/sale', monetixExample('mobile-sale.request'));
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'invalid_signature');
});

test('msw: the Payment Page and SMS inbox on the same host', async () => {
  const { signature: _, ...params } = monetixExample('payment-page-purchase.request');
  const url = buildMonetixPaymentPageUrl(MONETIX_GATE_URL, params as Record<string, string | number>, SECRET);
  assert.ok(url.startsWith('https://api.trxhost.com/payment?'));
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Phone number/);
  const sms = await fetch('https://api.trxhost.com/sms.json');
  assert.deepEqual(await sms.json(), []);
});
