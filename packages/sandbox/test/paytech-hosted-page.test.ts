import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAYTECH_TEST_CARDS } from '../src/index.js';
import {
  answerThreeDs, callJson, createDeposit, expectedSignature, inDocumentOrder, paytechExample, shapeOf, startPaytechSandbox,
  startWebhookReceiver, submitCard, type PaytechSandbox,
} from './paytech-helpers.js';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

describe('pay.tech checkout page', () => {
  let sb: PaytechSandbox;
  let merchant: Receiver;
  before(async () => {
    sb = await startPaytechSandbox({ merchantName: 'Demo <Tea> House' }, { jsonParserFirst: true });
    merchant = await startWebhookReceiver();
  });
  after(async () => {
    await sb.close();
    await merchant.close();
  });
  beforeEach(async () => {
    await sb.sim.idle(); // let the previous test's webhooks land before clearing
    sb.sim.reset();
    merchant.received.length = 0;
  });

  const newDeposit = (overrides: Record<string, unknown> = {}) =>
    createDeposit(sb.base, { webhookUrl: `${merchant.url}/paytech/webhook`, ...overrides });
  const stateOf = (id: string) => sb.sim.getPayment(id)!;

  test('the redirectUrl serves a self-contained card form', async () => {
    const deposit = await newDeposit({ description: 'Order <5>' });
    const res = await fetch(deposit.redirectUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await res.text();
    for (const label of ['Card number', 'Expiry', 'CVC', 'Cardholder name']) {
      assert.match(html, new RegExp(`<label for="[^"]+">${label}</label>`));
    }
    assert.match(html, />Pay<\/button>/);
    assert.match(html, />Cancel<\/button>/);
    assert.match(html, /Demo &#60;Tea&#62; House/, 'merchant name is escaped');
    assert.match(html, /Order &#60;5&#62;/, 'description is escaped');
    assert.match(html, /11\.12 EUR/);
    assert.match(html, new RegExp(`action="${deposit.redirectUrl}"`));
    for (const card of Object.values(PAYTECH_TEST_CARDS)) assert.match(html, new RegExp(card.number.replace(/(\d{4})(?=\d)/g, '$1 ')));
    assert.doesNotMatch(html, /<script|<link|src="http|\son[a-z]+="/i, 'no script, no inline handlers, no external resources');
  });

  const cases = [
    { name: '3-D Secure success', card: PAYTECH_TEST_CARDS.threeDsSuccess, threeDs: 'confirm', state: 'COMPLETED', errorCode: undefined },
    { name: '3-D Secure, declined authorization', card: PAYTECH_TEST_CARDS.threeDsDeclined, threeDs: 'confirm', state: 'DECLINED', errorCode: '4.02' },
    { name: '3-D Secure failed', card: PAYTECH_TEST_CARDS.threeDsSuccess, threeDs: 'fail', state: 'DECLINED', errorCode: '5.00' },
    { name: 'no 3-D Secure, success', card: PAYTECH_TEST_CARDS.success, threeDs: null, state: 'COMPLETED', errorCode: undefined },
    { name: 'no 3-D Secure, declined', card: PAYTECH_TEST_CARDS.declined, threeDs: null, state: 'DECLINED', errorCode: '4.01' },
  ] as const;

  for (const c of cases) {
    test(`${c.name}: ${c.card.number} -> ${c.state}, back to the returnUrl, one signed webhook`, async () => {
      const deposit = await newDeposit();
      const res = await submitCard(deposit.redirectUrl, { cardNumber: c.card.number.replace(/(\d{4})/g, '$1 ').trim() });
      assert.equal(res.status, 303);
      let final = res;
      if (c.threeDs) {
        const threeDsUrl = res.headers.get('location')!;
        assert.equal(threeDsUrl, `${deposit.redirectUrl}/3ds`);
        assert.equal(stateOf(deposit.id).state, 'PENDING');
        const page = await (await fetch(threeDsUrl)).text();
        assert.match(page, />Confirm<\/button>/);
        assert.match(page, />Fail<\/button>/);
        assert.doesNotMatch(page, /<script|<link|src="http/i);
        assert.equal((await (await fetch(deposit.redirectUrl, { redirect: 'manual' })).headers.get('location')), threeDsUrl, 'the page resumes at 3-D Secure');
        final = await answerThreeDs(threeDsUrl, c.threeDs);
        assert.equal(final.status, 303);
      }
      assert.equal(final.headers.get('location'), 'https://shop.example/return');
      const payment = stateOf(deposit.id);
      assert.equal(payment.state, c.state);
      assert.equal(payment.errorCode, c.errorCode);
      assert.deepEqual(payment.card, {
        customerAccountNumber: `${c.card.number.slice(0, 6)}***${c.card.number.slice(-4)}`,
        cardholderName: 'Name Name', cardExpiryMonth: '12', cardExpiryYear: '2039', cardBrand: 'VISA',
      });

      await sb.sim.idle();
      assert.equal(merchant.received.length, 1);
      const [hook] = merchant.received;
      assert.equal(hook!.path, '/paytech/webhook');
      assert.match(hook!.headers['content-type'] ?? '', /application\/json/);
      assert.equal(hook!.headers.signature, expectedSignature(hook!.raw), 'hex HMAC-SHA256 of the exact bytes');
      assert.notEqual(hook!.headers.signature, expectedSignature(hook!.raw, 'another-key'));
      const example = paytechExample('webhook-payment.callback');
      assert.ok(inDocumentOrder(Object.keys(hook!.body)), Object.keys(hook!.body).join());
      for (const key of Object.keys(hook!.body)) if (key in example) assert.deepEqual(shapeOf(hook!.body[key]), shapeOf(example[key]), key);
      assert.equal('redirectUrl' in hook!.body, false);
      assert.equal(hook!.body.id, deposit.id);
      assert.equal(hook!.body.referenceId, deposit.referenceId);
      assert.equal(hook!.body.state, c.state);
      assert.equal(hook!.body.errorCode, c.errorCode);
      assert.equal(sb.sim.webhooks()[0]!.status, 200);
      // The API says the same as the webhook.
      const found = await callJson(`${sb.base}/api/v1/payments/${deposit.id}`);
      assert.equal(found.body.result.state, c.state);
    });
  }

  test('a preAuth deposit stops at AUTHORIZED, announced by webhook', async () => {
    const deposit = await newDeposit({ preAuth: true });
    await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
    assert.equal(stateOf(deposit.id).state, 'AUTHORIZED');
    await sb.sim.idle();
    assert.deepEqual(merchant.received.map((w) => [w.body.state, w.body.preAuth]), [['AUTHORIZED', true]]);
    await callJson(`${sb.base}/api/v1/payments/${deposit.id}/capture`, { body: {} });
    await sb.sim.idle();
    assert.deepEqual(merchant.received.map((w) => w.body.state), ['AUTHORIZED', 'COMPLETED']);
  });

  test('Cancel on the page: CANCELLED, 2.00 Cancelled by Customer', async () => {
    const deposit = await newDeposit();
    const res = await submitCard(deposit.redirectUrl, { action: 'cancel', cardNumber: '' });
    assert.equal(res.headers.get('location'), 'https://shop.example/return');
    const payment = stateOf(deposit.id);
    assert.deepEqual([payment.state, payment.errorCode, payment.errorMessage], ['CANCELLED', '2.00', 'Cancelled by Customer']);
    await sb.sim.idle();
    assert.equal(merchant.received[0]!.body.state, 'CANCELLED');
  });

  test('field errors re-show the form (422) and change nothing; other valid cards are declined', async () => {
    const deposit = await newDeposit();
    const bad = await submitCard(deposit.redirectUrl, { cardNumber: '4000 0000 0000 0003', expiry: '01/20', cvc: '1', cardholderName: '' });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.equal((html.match(/aria-invalid="true"/g) ?? []).length, 4);
    assert.match(html, /This card has expired/);
    assert.equal(stateOf(deposit.id).state, 'CHECKOUT');

    await submitCard(deposit.redirectUrl, { cardNumber: '4111 1111 1111 1111' });
    const payment = stateOf(deposit.id);
    assert.deepEqual([payment.state, payment.errorCode], ['DECLINED', '3.07']);
  });

  test('a deposit created without an amount asks the shopper for it', async () => {
    const deposit = await newDeposit({ amount: undefined });
    const html = await (await fetch(deposit.redirectUrl)).text();
    assert.match(html, /<label for="f-amount">Amount \(EUR\)<\/label>/);
    assert.equal((await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number, amount: 'ten' })).status, 422);
    await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number, amount: '25.50' });
    const found = await callJson(`${sb.base}/api/v1/payments/${deposit.id}`);
    assert.deepEqual([found.body.result.state, found.body.result.amount], ['COMPLETED', 25.5]);
  });

  test('a processed payment cannot be paid again; unknown ids and refunds have no page', async () => {
    const deposit = await newDeposit();
    await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
    const again = await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.success.number });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /already processed/);
    assert.equal((await fetch(deposit.redirectUrl)).status, 200);
    assert.equal((await answerThreeDs(`${deposit.redirectUrl}/3ds`, 'confirm')).status, 409);
    assert.equal((await fetch(`${sb.base}/m/payment/${'0'.repeat(32)}`)).status, 404);
    const refund = await callJson(`${sb.base}/api/v1/payments`, { body: { paymentType: 'REFUND', currency: 'EUR', parentPaymentId: deposit.id, amount: 1 } });
    assert.equal((await fetch(`${sb.base}/m/payment/${refund.body.result.id}`)).status, 404);
    await sb.sim.idle();
    assert.equal(merchant.received.length, 1, 'one webhook per final state');
  });

  test('without a returnUrl the page shows the result instead of redirecting', async () => {
    const deposit = await newDeposit({ returnUrl: undefined });
    const res = await submitCard(deposit.redirectUrl, { cardNumber: PAYTECH_TEST_CARDS.declined.number });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Insufficient Funds/);
  });
});
