import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { buildMonetixPaymentPageUrl, MONETIX_TEST_PHONES } from '../src/index.js';
import {
  monetixExample, newPaymentId, SECRET, shapeOf, startMonetixSandbox, unescapeHtml, type MonetixTestSandbox,
} from './monetix-helpers.js';

type Json = Record<string, unknown>;

describe('Monetix Payment Page', () => {
  let sb: MonetixTestSandbox;
  before(async () => (sb = await startMonetixSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.clear());

  /** The document's EPayWidget config (Table 4 example) with a fresh payment_id and return URLs. */
  function pageUrl(overrides: Json = {}, secret = SECRET): string {
    const { signature: _, ...params } = monetixExample('payment-page-purchase-selected-operator.request');
    return buildMonetixPaymentPageUrl(sb.base, {
      ...params,
      payment_id: newPaymentId(),
      merchant_success_url: 'https://shop.example/success',
      merchant_fail_url: 'https://shop.example/fail',
      ...overrides,
    } as Record<string, string | number | Json>, secret);
  }
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${sb.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const hidden = (html: string, name: string) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '');

  /** Opens the page and submits the phone: the code form. */
  async function toCodeForm(number: string, url = pageUrl()): Promise<{ html: string; paymentId: string }> {
    const page = await (await fetch(url)).text();
    const res = await post('/payment/phone', { q: hidden(page, 'q'), phone: number, operator: 'TELE2' });
    return { html: await res.text(), paymentId: new URL(url).searchParams.get('payment_id')! };
  }

  test('a valid signature opens a self-contained phone form with TELE2 preselected', async () => {
    const res = await fetch(pageUrl({ customer_first_name: 'Jo<b>' }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    assert.match(html, /<label for="phone">Phone number<\/label>/);
    assert.match(html, /<label for="operator">Operator<\/label>/);
    assert.match(html, /<option value="TELE2" selected>Tele2<\/option>/);
    assert.match(html, />Send code<\/button>/);
    assert.match(html, /1000\.00 KZT/);
    assert.match(html, new RegExp(`action="${sb.base}/payment/phone"`));
    assert.doesNotMatch(html, /<script|<link|src="http/i, 'no script, no external resources');
  });

  test('an invalid or missing signature gets a 400 HTML page', async () => {
    const good = new URL(pageUrl());
    const tampered = new URL(good);
    tampered.searchParams.set('payment_amount', '1');
    const unsigned = new URL(good);
    unsigned.searchParams.delete('signature');
    const document = new URL(`${sb.base}/payment`); // the document's sample signature
    for (const [k, v] of Object.entries(monetixExample('payment-page-purchase.request'))) document.searchParams.set(k, String(v));
    for (const url of [tampered, unsigned, new URL(pageUrl({}, 'other-secret')), new URL(pageUrl({ project_id: 99 })), document]) {
      const res = await fetch(url);
      assert.equal(res.status, 400, url.search);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /Invalid signature/);
    }
    // The phone form re-checks the signed query it carries.
    const res = await post('/payment/phone', { q: tampered.searchParams.toString(), phone: MONETIX_TEST_PHONES.success });
    assert.equal(res.status, 400);
    assert.equal(sb.sim.payments().length, 0);
  });

  test('full flow: phone, SMS inbox, wrong code, resend, confirm -> redirect and one success callback', async () => {
    const number = MONETIX_TEST_PHONES.success;
    const { html, paymentId } = await toCodeForm(number);
    for (const label of ['Phone number', 'Operator', 'SMS code']) assert.match(html, new RegExp(label));
    assert.match(html, />Confirm<\/button>/);
    assert.match(html, />Resend code<\/button>/);
    assert.match(html, /Tele2/, 'the chosen operator');
    assert.equal(sb.sim.getPayment(paymentId)?.account.type, 'TELE2');

    // The code is in the SMS inbox page, newest first.
    const inbox = await (await fetch(`${sb.base}/sms`)).text();
    assert.match(inbox, /<title>Sandbox SMS inbox<\/title>/);
    assert.match(inbox, /<meta http-equiv="refresh" content="3">/);
    assert.ok(inbox.includes(`Your payment code: ${sb.sim.lastOtp(number)}. Do not share it.`));
    assert.doesNotMatch(inbox, /<script|<link|src="http/i);

    const wrong = await post('/payment/code', { payment_id: paymentId, code: '000000' === sb.sim.lastOtp(number) ? '111111' : '000000', action: 'confirm' });
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /Wrong code/);

    const first = sb.sim.lastOtp(number)!;
    const resend = await post('/payment/code', { payment_id: paymentId, action: 'resend' });
    assert.equal(resend.status, 200);
    assert.match(await resend.text(), /new code has been sent/);
    const second = sb.sim.lastOtp(number)!;
    assert.notEqual(second, first);
    const rows = (await (await fetch(`${sb.base}/sms`)).text()).match(/Your payment code: \d{6}/g);
    assert.deepEqual(rows, [`Your payment code: ${second}`, `Your payment code: ${first}`]);

    const ok = await post('/payment/code', { payment_id: paymentId, code: second, action: 'confirm' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), 'https://shop.example/success');

    await sb.sim.idle();
    assert.equal(sb.merchant.received.length, 1, 'Payment Page: only the result is called back');
    const cb = sb.merchant.received[0]!.body as Json & { payment: Json; account: Json };
    assert.ok(monetixVerify(cb, SECRET));
    const figure3 = monetixExample('payment-page-callback-purchase-success.callback');
    assert.deepEqual(Object.keys(cb), Object.keys(figure3));
    assert.deepEqual(shapeOf(cb), shapeOf(figure3));
    assert.equal(cb.payment.status, 'success');
    assert.equal(cb.payment.id, paymentId);
    assert.deepEqual(cb.account, { number, type: 'TELE2' });
    assert.deepEqual(cb.customer, { id: 'customer_123' });

    const revisit = await (await fetch(pageUrl({ payment_id: paymentId }))).text();
    assert.match(revisit, /already success/);
  });

  test('declines: 1111 at once and 0000 after the code -> merchant_fail_url and a decline callback', async () => {
    const q = hidden(await (await fetch(pageUrl())).text(), 'q');
    const tampered = await post('/payment/phone', { q: q.replace(/payment_id=[^&]+/, 'payment_id=x'), phone: MONETIX_TEST_PHONES.declinedAtOnce });
    assert.equal(tampered.status, 400, 'changing the signed query breaks the signature');
    const declined = await post('/payment/phone', { q, phone: '+7 701 123 11 11' }); // typed with spaces
    assert.equal(declined.status, 303);
    assert.equal(declined.headers.get('location'), 'https://shop.example/fail');
    assert.equal(sb.sim.messages(MONETIX_TEST_PHONES.declinedAtOnce).length, 0, 'no code for 1111');

    const { paymentId } = await toCodeForm(MONETIX_TEST_PHONES.insufficientFunds);
    const res = await post('/payment/code', { payment_id: paymentId, code: sb.sim.lastOtp(MONETIX_TEST_PHONES.insufficientFunds)!, action: 'confirm' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), 'https://shop.example/fail');

    await sb.sim.idle();
    const ops = sb.merchant.received.map((r) => r.body.operation as Json);
    assert.deepEqual(ops.map((o) => o.code), ['20000', '20105']);
    const figure4 = monetixExample('payment-page-callback-purchase-decline.callback');
    for (const r of sb.merchant.received) assert.deepEqual(shapeOf(r.body), shapeOf(figure4));
  });

  test('a bad phone number re-shows the form; the fourth resend is refused', async () => {
    const url = pageUrl();
    const q = hidden(await (await fetch(url)).text(), 'q');
    const bad = await post('/payment/phone', { q, phone: '123', operator: 'KCELL' });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /11-digit mobile number/);
    assert.match(html, /<option value="KCELL" selected>/);

    const { paymentId } = await toCodeForm(MONETIX_TEST_PHONES.success);
    for (let i = 0; i < 3; i++) assert.equal((await post('/payment/code', { payment_id: paymentId, action: 'resend' })).status, 200);
    const fourth = await post('/payment/code', { payment_id: paymentId, action: 'resend' });
    assert.equal(fourth.status, 422);
    assert.match(await fourth.text(), /Resend limit reached/);
    assert.equal((await post('/payment/code', { payment_id: 'nope', code: '1' })).status, 404);
  });

  test('sms.json lists one number newest first', async () => {
    await toCodeForm(MONETIX_TEST_PHONES.success);
    await toCodeForm('77071234567');
    const all = (await (await fetch(`${sb.base}/sms.json`)).json()) as Json[];
    assert.deepEqual(all.map((m) => m.number), ['77071234567', MONETIX_TEST_PHONES.success]);
    const one = (await (await fetch(`${sb.base}/sms.json?number=77071234567`)).json()) as Json[];
    assert.equal(one.length, 1);
    assert.deepEqual(Object.keys(one[0]!).sort(), ['number', 'paymentId', 'sentAt', 'text']);
  });
});
