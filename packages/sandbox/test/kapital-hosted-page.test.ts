import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD } from '../src/index.js';
import { createOrder, orderStatus, startKapitalSandbox, submitCard, type KapitalSandbox } from './kapital-helpers.js';

const RETURN = 'https://shop.example/kapital/return';

describe('Kapital Bank hosted payment page', () => {
  let sb: KapitalSandbox;
  before(async () => (sb = await startKapitalSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  const pageUrl = (o: { id: number; password: string }) => `${sb.base}/flex?id=${o.id}&password=${o.password}`;

  test('hppUrl?id=&password= serves a self-contained card form', async () => {
    const order = await createOrder(sb.base, { amount: '10.00', description: 'Tea <set>' });
    const res = await fetch(pageUrl(order));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await res.text();
    for (const label of ['Card number', 'Expiry', 'CVC', 'Cardholder name']) assert.match(html, new RegExp(`<label for="[^"]+">${label}</label>`));
    assert.match(html, />Pay<\/button>/);
    assert.match(html, />Cancel<\/button>/);
    assert.match(html, /10\.00 AZN/);
    assert.match(html, /Tea &#60;set&#62;/, 'description is escaped');
    assert.match(html, new RegExp(`action="${sb.base}/flex"`));
    assert.match(html, new RegExp(`name="id" value="${order.id}"`));
    assert.match(html, /4169 7413 3015 1778/, 'test cards are listed');
    assert.doesNotMatch(html, /<script|<link|src="http/i, 'no script, no external resources');
  });

  test('a wrong password or unknown order is a 404', async () => {
    const order = await createOrder(sb.base);
    assert.equal((await fetch(`${sb.base}/flex?id=${order.id}&password=wrong`)).status, 404);
    assert.equal((await fetch(`${sb.base}/flex?id=1&password=x`)).status, 404);
    assert.equal((await submitCard(sb.base, { ...order, password: 'wrong' }, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number })).status, 404);
    assert.equal(sb.sim.getOrder(order.id)?.status, 'Preparing');
  });

  const cases = [
    { name: 'documented card, 11/26, CVV 119', fields: { cardNumber: '4169 7413 3015 1778', expiry: '11/26', cvc: '119' }, status: 'FullyPaid', pmo: '1' },
    { name: 'Mastercard success', fields: { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number }, status: 'FullyPaid', pmo: '1' },
    { name: 'declined card', fields: { cardNumber: KAPITAL_TEST_CARDS.declined.number }, status: 'Declined', pmo: '58' },
    { name: 'insufficient funds', fields: { cardNumber: KAPITAL_TEST_CARDS.insufficientFunds.number }, status: 'Declined', pmo: '59' },
    { name: 'documented card with another expiry', fields: { cardNumber: KAPITAL_TEST_CARDS.documented.number, expiry: '11/27', cvc: '119' }, status: 'Declined', pmo: '52' },
    { name: 'documented card with another CVV', fields: { cardNumber: KAPITAL_TEST_CARDS.documented.number, expiry: '11/26', cvc: '120' }, status: 'Declined', pmo: '81' },
    { name: 'unknown Visa', fields: { cardNumber: '4111111111111111' }, status: 'Declined', pmo: '52' },
    { name: 'brand the terminal does not take', fields: { cardNumber: KAPITAL_UNSUPPORTED_BRAND_CARD }, status: 'Rejected', pmo: null },
  ] as const;

  for (const c of cases) {
    test(`${c.name} -> ${c.status}, back to hppRedirectUrl with ID and STATUS`, async () => {
      const order = await createOrder(sb.base);
      const res = await submitCard(sb.base, order, c.fields);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${RETURN}?ID=${order.id}&STATUS=${c.status}`);
      const status = await orderStatus(sb.base, order.id, true);
      assert.equal(status.status, c.status);
      assert.equal(status.prevStatus, 'Preparing');
      if (c.pmo === null) {
        assert.equal(status.trans, undefined, 'rejected before any transaction');
      } else {
        assert.equal(status.trans.length, 1);
        assert.equal(status.trans[0].pmoResultCode, c.pmo);
        assert.equal('approvalCode' in status.trans[0], c.pmo === '1');
        assert.equal(status.clearedChargeAmount, c.pmo === '1' ? 1 : 0);
      }
    });
  }

  test('Order_DMS with a success card ends Authorized, nothing cleared', async () => {
    const order = await createOrder(sb.base, { typeRid: 'Order_DMS', amount: '25.50' });
    const res = await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number });
    assert.equal(res.headers.get('location'), `${RETURN}?ID=${order.id}&STATUS=Authorized`);
    const status = await orderStatus(sb.base, order.id, true);
    assert.deepEqual([status.status, status.authorizedChargeAmount, status.clearedChargeAmount], ['Authorized', 25.5, 0]);
    assert.deepEqual([status.trans[0].phase, status.trans[0].clearAmount], ['Auth', 0]);
  });

  test('ID and STATUS are added to a return URL that has a query of its own', async () => {
    const order = await createOrder(sb.base, { hppRedirectUrl: 'https://shop.example/pay/v1/return/pay_1?outcome=success' });
    const res = await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number });
    assert.equal(res.headers.get('location'), `https://shop.example/pay/v1/return/pay_1?outcome=success&ID=${order.id}&STATUS=FullyPaid`);
  });

  test('invalid fields re-show the form (422) and leave the order Preparing', async () => {
    const order = await createOrder(sb.base);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ cardNumber: '4169 7413 3015 1779' }, /valid card number/],
      [{ cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number, expiry: '10/26' }, /expired/],
      [{ cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number, expiry: '13/30' }, /MM\/YY/],
      [{ cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number, cvc: '12' }, /CVC/],
      [{ cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number, cardholderName: '' }, /name on the card/],
    ];
    for (const [fields, error] of cases) {
      const res = await submitCard(sb.base, order, fields);
      assert.equal(res.status, 422);
      const html = await res.text();
      assert.match(html, error);
      assert.match(html, /aria-invalid="true"/);
    }
    assert.equal(sb.sim.getOrder(order.id)?.status, 'Preparing');
  });

  test('Cancel before any attempt is Cancelled; after a failed attempt it is Refused', async () => {
    const first = await createOrder(sb.base);
    const cancelled = await submitCard(sb.base, first, { action: 'cancel', cardNumber: '' });
    assert.equal(cancelled.headers.get('location'), `${RETURN}?ID=${first.id}&STATUS=Cancelled`);

    const second = await createOrder(sb.base);
    assert.equal((await submitCard(sb.base, second, { cardNumber: '1234' })).status, 422);
    const refused = await submitCard(sb.base, second, { action: 'cancel', cardNumber: '' });
    assert.equal(refused.headers.get('location'), `${RETURN}?ID=${second.id}&STATUS=Refused`);
    const status = await orderStatus(sb.base, second.id);
    assert.equal(status.status, 'Refused');
    assert.match(status.finishTime, /^\d{4}-/);
  });

  test('a processed order cannot be paid again', async () => {
    const order = await createOrder(sb.base);
    await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.declined.number });
    const again = await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number });
    assert.equal(again.status, 409);
    assert.match(await again.text(), /already Declined/);
    assert.match(await (await fetch(pageUrl(order))).text(), /already Declined/);
    assert.equal(sb.sim.getOrder(order.id)?.status, 'Declined');
  });
});

test('the documented card keeps paying with its printed 11/26 after November 2026; other cards expire', async () => {
  let now = Date.UTC(2026, 10, 30, 23, 59, 0);
  const sb = await startKapitalSandbox({ now: () => now });
  try {
    const card = { cardNumber: KAPITAL_TEST_CARDS.documented.number, expiry: '11/26', cvc: '119' };
    const paid = await createOrder(sb.base);
    assert.equal((await submitCard(sb.base, paid, card)).status, 303);
    now = Date.UTC(2026, 11, 1, 0, 0, 0);
    // The bank's sandbox card is test data: demos and tests must not stop working in December.
    assert.equal((await submitCard(sb.base, await createOrder(sb.base), card)).status, 303);
    const other = { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number, expiry: '11/26', cvc: '123' };
    const res = await submitCard(sb.base, await createOrder(sb.base), other);
    assert.equal(res.status, 422);
    assert.match(await res.text(), /This card has expired/);
  } finally {
    await sb.close();
  }
});

test('orders still being prepared expire after orderTtlMs', async () => {
  let now = Date.UTC(2026, 10, 22, 10, 0, 0);
  const sb = await startKapitalSandbox({ now: () => now, orderTtlMs: 15 * 60_000 });
  try {
    const order = await createOrder(sb.base);
    now += 15 * 60_000 - 1;
    assert.equal((await orderStatus(sb.base, order.id)).status, 'Preparing');
    now += 1;
    const status = await orderStatus(sb.base, order.id);
    assert.equal(status.status, 'Expired');
    assert.equal(status.finishTime, '2026-11-22 14:15:00', 'Baku time, when the order expired');
    const page = await fetch(`${sb.base}/flex?id=${order.id}&password=${order.password}`);
    assert.match(await page.text(), /already Expired/);
    assert.equal((await submitCard(sb.base, order, { cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number })).status, 409);
  } finally {
    await sb.close();
  }
});
