import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PITECH_TEST_CARDS } from '../src/index.js';
import {
  createOrder, example, getStatus, shapeOf, startCallbackReceiver, startTestSandbox, submitCard, type TestSandbox,
} from './helpers.js';

type Receiver = Awaited<ReturnType<typeof startCallbackReceiver>>;

describe('PITECH hosted payment page', () => {
  let sb: TestSandbox;
  let merchant: Receiver;
  before(async () => {
    sb = await startTestSandbox();
    merchant = await startCallbackReceiver();
  });
  after(async () => {
    await sb.close();
    await merchant.close();
  });
  beforeEach(async () => {
    await sb.sim.idle(); // let the previous test's callbacks land before clearing
    sb.sim.reset();
    merchant.received.length = 0;
  });

  const newOrder = (overrides: Record<string, unknown> = {}, kind: 'charge' | 'auth' = 'charge') =>
    createOrder(sb.base, {
      callbackSuccessUrl: `${merchant.url}/paid`,
      callbackErrorUrl: `${merchant.url}/failed`,
      successReturnUrl: 'https://shop.example/success',
      errorReturnUrl: 'https://shop.example/error',
      ...overrides,
    }, kind);

  test('the paymentUrl serves a self-contained card form', async () => {
    const order = await newOrder({ description: 'Order <5>' });
    const res = await fetch(order.paymentUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    for (const label of ['Card number', 'Expiry', 'CVC', 'Cardholder name']) {
      assert.match(html, new RegExp(`<label for="[^"]+">${label}</label>`));
    }
    assert.match(html, />Pay<\/button>/);
    assert.match(html, />Cancel<\/button>/);
    assert.match(html, /TOO &#34;PAYMENT INDUSTRY TECHNOLOGIES&#34;/);
    assert.match(html, /Order &#60;5&#62;/, 'description is escaped');
    assert.match(html, /300\.00 KZT/);
    assert.match(html, new RegExp(`action="${sb.base}/pay"`));
    assert.match(html, /4405 6450 0000 6150/, 'test cards are listed');
    assert.doesNotMatch(html, /<script|<link|src="http/i, 'no script, no external resources');
  });

  const cases = [
    { card: PITECH_TEST_CARDS.visaSuccess, state: 'SUCCESS', redirect: 'success', path: '/paid', type: 'PAY', message: 'Approved', mask: '440564-#####-6150', issuer: 'visa' },
    { card: PITECH_TEST_CARDS.mastercardSuccess, state: 'SUCCESS', redirect: 'success', path: '/paid', type: 'PAY', message: 'Approved', mask: '516949-#####-8024', issuer: 'mastercard' },
    { card: PITECH_TEST_CARDS.declined, state: 'ERROR', redirect: 'error', path: '/failed', type: 'FAIL', message: 'Not sufficient funds', mask: '490472-#####-8492', issuer: 'visa' },
    { card: PITECH_TEST_CARDS.threeDsTimeout, state: 'TIMED_OUT', redirect: 'error', path: '/failed', type: 'FAIL', message: '3-D Secure authentication expired', mask: '440564-#####-0036', issuer: 'visa' },
  ] as const;

  for (const c of cases) {
    test(`card ${c.card.number} -> ${c.state}, redirect and ${c.type} callback`, async () => {
      const order = await newOrder();
      const res = await submitCard(sb.base, order, { cardNumber: c.card.number.replace(/(\d{4})/g, '$1 ').trim() });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `https://shop.example/${c.redirect}`);
      assert.equal(sb.sim.getOrder(order.ordersId)?.state, c.state);

      const [cb] = await merchant.waitFor(1);
      assert.equal(cb!.path, c.path);
      assert.match(cb!.contentType ?? '', /application\/json/);
      const spec = example(c.type === 'PAY' ? 'callback-success.callback' : 'callback-fail.callback');
      assert.deepEqual(Object.keys(cb!.body), Object.keys(spec), 'same keys in the same order as section 6');
      assert.deepEqual(shapeOf(cb!.body), shapeOf(spec));
      const b = cb!.body;
      assert.equal(b.callbackType, c.type);
      assert.equal(b[c.type === 'PAY' ? 'orderId' : 'ordersId'], order.ordersId);
      assert.equal(b.ordersState, c.state);
      assert.equal(b.message, c.message);
      assert.deepEqual(b.card, { mask: c.mask, owner: 'NAME NAME', issuer: c.issuer });
      assert.match(String(b.eventId), /^Event_[\w-]{32}$/);
      assert.match(String(b.eventTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      assert.equal(b.totalAmount, 300);
      assert.equal(b.extOrdersId, order.extOrdersId);
      assert.equal(b['2phase'], false);

      const status = (await (await getStatus(sb.base, order)).json()) as Record<string, unknown>;
      assert.equal(status.state, c.state);
      assert.deepEqual(status.card, { mask: c.mask, owner: 'NAME NAME', issuer: c.issuer });
      if (c.state === 'SUCCESS') {
        // Same keys as 3.3's paid response (the request sent cardsId, as there).
        assert.deepEqual(shapeOf(status), shapeOf(example('tokens-charge.response')));
        assert.equal(status.paymentResponseCode, 'OK');
      } else {
        assert.equal(status.message, c.message);
      }
    });
  }

  test('two-phase orders end AUTH_OK with a PAY callback', async () => {
    const order = await newOrder({}, 'auth');
    const res = await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal(res.headers.get('location'), 'https://shop.example/success');
    assert.equal(sb.sim.getOrder(order.ordersId)?.state, 'AUTH_OK');
    const [cb] = await merchant.waitFor(1);
    assert.equal(cb!.body.ordersState, 'AUTH_OK');
    assert.equal(cb!.body['2phase'], true);
  });

  test('invalid fields re-show the form (422) and leave the order NEW', async () => {
    const order = await newOrder();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ cardNumber: '4405 6450 0000 6151' }, /valid card number/],
      [{ cardNumber: PITECH_TEST_CARDS.visaSuccess.number, expiry: '01/20' }, /expired/],
      [{ cardNumber: PITECH_TEST_CARDS.visaSuccess.number, expiry: '13/30' }, /MM\/YY/],
      [{ cardNumber: PITECH_TEST_CARDS.visaSuccess.number, cvc: '12' }, /security code/],
      [{ cardNumber: PITECH_TEST_CARDS.visaSuccess.number, cardholderName: '' }, /name on the card/],
    ];
    for (const [fields, error] of cases) {
      const res = await submitCard(sb.base, order, fields);
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, error);
      assert.match(html, /aria-invalid="true"/);
    }
    assert.equal(sb.sim.getOrder(order.ordersId)?.state, 'NEW');
    assert.equal(merchant.received.length, 0);
  });

  test('other Luhn-valid cards are declined as unsupported', async () => {
    const order = await newOrder();
    const res = await submitCard(sb.base, order, { cardNumber: '4111111111111111' });
    assert.equal(res.headers.get('location'), 'https://shop.example/error');
    const stored = sb.sim.getOrder(order.ordersId);
    assert.equal(stored?.state, 'ERROR');
    assert.equal(stored?.message, 'Card not supported in sandbox');
  });

  test('Cancel fails the order and returns to errorReturnUrl', async () => {
    const order = await newOrder();
    const res = await submitCard(sb.base, order, { action: 'cancel', cardNumber: '' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), 'https://shop.example/error');
    const status = (await (await getStatus(sb.base, order)).json()) as Record<string, unknown>;
    assert.equal(status.state, 'ERROR');
    assert.equal(status.message, 'Cancelled by customer');
    const [cb] = await merchant.waitFor(1);
    assert.equal(cb!.body.callbackType, 'FAIL');
    assert.equal(cb!.body.message, 'Cancelled by customer');
  });

  test('a processed order cannot be paid again', async () => {
    const order = await newOrder();
    await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.declined.number });
    const again = await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /This order is already ERROR/);
    assert.equal(sb.sim.getOrder(order.ordersId)?.state, 'ERROR');
    const page = await fetch(order.paymentUrl);
    assert.match(await page.text(), /already ERROR/);
  });

  test('unknown order on the page is a 404', async () => {
    const res = await fetch(`${sb.base}?ordersId=1&orderDate=2021-01-01&uuid=x`);
    assert.equal(res.status, 404);
  });
});

test('callbacks wait callbackDelayMs, and an unreachable merchant does not break anything', async () => {
  const sb = await startTestSandbox({ callbackDelayMs: 150 });
  const merchant = await startCallbackReceiver();
  try {
    const order = await createOrder(sb.base, { callbackSuccessUrl: `${merchant.url}/cb`, callbackErrorUrl: 'http://127.0.0.1:9/down' });
    const started = Date.now();
    await submitCard(sb.base, order, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number });
    assert.equal(merchant.received.length, 0, 'not sent before the delay');
    await merchant.waitFor(1);
    assert.ok(Date.now() - started >= 140);

    const failing = await createOrder(sb.base, { callbackErrorUrl: 'http://127.0.0.1:9/down' });
    await submitCard(sb.base, failing, { cardNumber: PITECH_TEST_CARDS.declined.number });
    await sb.sim.idle();
    const records = sb.sim.callbacks();
    assert.equal(records.length, 2);
    assert.equal(records[0]!.status, 200);
    assert.ok(records[1]!.error, 'delivery error recorded');
    assert.equal((await getStatus(sb.base, failing)).status, 200, 'sandbox still answers');
  } finally {
    await sb.close();
    await merchant.close();
  }
});
