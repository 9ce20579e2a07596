import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPaytechSimulator, PAYTECH_SANDBOX_URL, PAYTECH_TEST_CARDS } from '../src/index.js';
import { paytechHandlers } from '../src/msw.js';
import { PAYTECH_PAYMENT_METHODS } from '@pay-checkout/server/paytech-payment-methods';
import { PAYMENT_METHODS_FROM_DOCUMENT } from './paytech-document.js';
import { API_KEY, BEARER, depositRequest, paytechDocument, SIGNING_KEY, submitCard } from './paytech-helpers.js';

// Unit-test mode: pay.tech's real sandbox URL is intercepted in-process, no server is started.
const sim = createPaytechSimulator({ baseUrl: PAYTECH_SANDBOX_URL, apiKey: API_KEY, signingKey: SIGNING_KEY });
const webhooks: { raw: string; signature: string | null }[] = [];
const server = setupServer(
  ...paytechHandlers(sim),
  http.post('https://shop.example/paytech/webhook', async ({ request }) => {
    webhooks.push({ raw: await request.text(), signature: request.headers.get('signature') });
    return HttpResponse.text('OK');
  }),
);

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sim.reset();
  webhooks.length = 0;
});
after(() => server.close());

test('msw: create, checkout page, payment and signed webhook against https://engine-sandbox.pay.tech', async () => {
  const res = await fetch(`${PAYTECH_SANDBOX_URL}/api/v1/payments`, {
    method: 'POST',
    headers: { authorization: BEARER, 'content-type': 'application/json' },
    body: JSON.stringify(depositRequest({ webhookUrl: 'https://shop.example/paytech/webhook' })),
  });
  assert.equal(res.status, 200);
  const { result } = (await res.json()) as { result: { id: string; redirectUrl: string; state: string } };
  assert.equal(result.state, 'CHECKOUT');
  assert.equal(result.redirectUrl, `${PAYTECH_SANDBOX_URL}/m/payment/${result.id}`);
  assert.match(await (await fetch(result.redirectUrl)).text(), /Card number/);

  const pay = await submitCard(result.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
  assert.equal(pay.status, 303);
  await sim.idle();
  assert.equal(webhooks.length, 1);
  const [hook] = webhooks;
  assert.equal(hook!.signature, createHmac('sha256', SIGNING_KEY).update(hook!.raw).digest('hex'));
  assert.equal(JSON.parse(hook!.raw).state, 'COMPLETED');
  assert.equal(sim.webhooks()[0]!.rawBody, hook!.raw);

  const found = await fetch(`${PAYTECH_SANDBOX_URL}/api/v1/payments/${result.id}`, { headers: { authorization: BEARER } });
  assert.equal(((await found.json()) as { result: { state: string } }).result.state, 'COMPLETED');
});

test('msw: a wrong API key is refused', async () => {
  const res = await fetch(`${PAYTECH_SANDBOX_URL}/api/v1/payments`, {
    method: 'POST',
    headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
    body: JSON.stringify(depositRequest()),
  });
  assert.equal(res.status, 401);
});

test("the simulator's payment methods and test cards are the document's", () => {
  assert.deepEqual([...PAYTECH_PAYMENT_METHODS], PAYMENT_METHODS_FROM_DOCUMENT());
  const table = [...paytechDocument().matchAll(/^(\d{4} \d{4} \d{4} \d{4}) (.+)$/gm)].map((m) => [m[1]!.replace(/ /g, ''), m[2]]);
  assert.deepEqual(table, Object.values(PAYTECH_TEST_CARDS).map((c) => [c.number, c.label]));
});
