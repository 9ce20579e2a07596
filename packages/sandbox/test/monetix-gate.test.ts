import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { monetixVerify } from '@pay-checkout/server/monetix-signature';
import { MONETIX_TEST_PHONES, operatorForNumber, startSandbox } from '../src/index.js';
import {
  clarificationBody, merge, monetixExample, newPaymentId, PROJECT_ID, saleBody, SECRET, shapeOf, signedExample,
  startMonetixSandbox, statusBody, type MonetixTestSandbox,
} from './monetix-helpers.js';

type Json = Record<string, unknown>;
const FIGURE_9 = monetixExample('callback-purchase-success.callback');
const FIGURE_10 = monetixExample('callback-purchase-decline.callback');
/** A clarification callback: Figure 9's shape plus clarification_fields. */
const CLARIFICATION_SHAPE = shapeOf({
  ...FIGURE_9,
  clarification_fields: { additional_data: { approval_code: { type: 'string', required: true } } },
});

describe('Monetix Gate: signature, validation, purchase', () => {
  let sb: MonetixTestSandbox;
  before(async () => (sb = await startMonetixSandbox()));
  after(() => sb.close());
  beforeEach(() => sb.clear());

  /** Sale accepted, first (clarification) callback received; returns it. */
  async function startSale(paymentId: string, number: string = MONETIX_TEST_PHONES.success): Promise<Json> {
    const res = await sb.post('/v2/payment/mobile/sale', saleBody(paymentId, number));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const got = await sb.merchant.waitFor(sb.merchant.received.length + 1);
    return got.at(-1)!.body;
  }

  test('operators list: Figure 1 signed -> the five operators of Table 1', async () => {
    const res = await sb.post('/v2/info/mobile/sale/list', signedExample('mobile-operators-list.request'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      status: 'success',
      operators: [
        { id: 'ACTIV', name: 'Activ' }, { id: 'ALTEL', name: 'Altel' }, { id: 'BEELINE', name: 'Beeline' },
        { id: 'KCELL', name: 'Kcell' }, { id: 'TELE2', name: 'Tele2' },
      ],
    });
  });

  test('missing or bad signature and wrong project_id are refused', async () => {
    const good = saleBody(newPaymentId(), MONETIX_TEST_PHONES.success);
    const cases: unknown[] = [
      monetixExample('mobile-sale.request'), // the document's sample signature
      saleBody(newPaymentId(), MONETIX_TEST_PHONES.success, {}),
      merge(good, { general: { signature: undefined } }),
      merge(good, { payment: { amount: 1 } }), // tampered after signing
      signedExample('mobile-sale.request', { account: { number: MONETIX_TEST_PHONES.success } }, 'other-secret'),
      signedExample('mobile-sale.request', { general: { project_id: 999 }, account: { number: MONETIX_TEST_PHONES.success } }),
      { customer: {} },
    ];
    cases[1] = merge(cases[1] as Json, { general: { signature: 'AAAA' } });
    for (const body of cases) {
      const res = await sb.post('/v2/payment/mobile/sale', body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { status: 'error', code: 'invalid_signature', message: 'Invalid signature' });
    }
    const list = await sb.post('/v2/info/mobile/sale/list', monetixExample('mobile-operators-list.request'));
    assert.equal(list.body.code, 'invalid_signature');
    assert.equal(sb.sim.payments().length, 0);
  });

  test('missing or invalid fields -> invalid_request naming the field', async () => {
    const id = newPaymentId();
    const cases: Array<[Json, RegExp]> = [
      [{ customer: { email: undefined } }, /customer\.email/],
      [{ customer: { ip_address: '' } }, /customer\.ip_address/],
      [{ account: { number: '+77011234567' } }, /account\.number/],
      [{ account: { number: '71234567890' } }, /account\.number/], // the example's number is not 77...
      [{ account: { number: 77011234567 } }, /account\.number/],
      [{ payment: { amount: 1000.5 } }, /payment\.amount/],
      [{ payment: { amount: '100000' } }, /payment\.amount/],
      [{ payment: { amount: 0 } }, /payment\.amount/],
      [{ payment: { currency: 'USD' } }, /payment\.currency/],
    ];
    const bodies: Array<[Json, RegExp]> = cases.map(([patch, field]) => [saleBody(id, MONETIX_TEST_PHONES.success, patch), field]);
    bodies.push([signedExample('mobile-sale.request', { general: { payment_id: undefined }, account: { number: MONETIX_TEST_PHONES.success } }), /general\.payment_id/]);
    for (const [body, field] of bodies) {
      const res = await sb.post('/v2/payment/mobile/sale', body);
      assert.equal(res.status, 400, String(field));
      assert.equal(res.body.status, 'error');
      assert.equal(res.body.code, 'invalid_request');
      assert.match(String(res.body.message), field);
    }
    const malformed = await sb.post('/v2/payment/mobile/sale', '{');
    assert.equal(malformed.body.code, 'invalid_request');
    assert.equal(sb.sim.payments().length, 0);
  });

  test('sale -> clarification callback -> SMS code -> success callback shaped as Figure 9', async () => {
    const id = newPaymentId();
    const number = MONETIX_TEST_PHONES.success;
    const sale = await sb.post('/v2/payment/mobile/sale', saleBody(id, number));
    assert.equal(sale.status, 200);
    assert.deepEqual(Object.keys(sale.body), ['status', 'request_id', 'project_id', 'payment_id']);
    assert.equal(sale.body.status, 'success');
    assert.match(String(sale.body.request_id), /^[0-9a-f]{40}$/);
    assert.equal(sale.body.project_id, PROJECT_ID);
    assert.equal(sale.body.payment_id, id);

    const [first] = await sb.merchant.waitFor(1);
    assert.equal(first!.path, '/monetix/callback');
    assert.match(first!.contentType ?? '', /application\/json/);
    const clar = first!.body as Json & { payment: Json; operation: Json; account: Json };
    assert.ok(monetixVerify(clar, SECRET), 'clarification callback is signed at top-level signature');
    assert.deepEqual(shapeOf(clar), CLARIFICATION_SHAPE);
    assert.equal(clar.payment.status, 'awaiting clarification');
    assert.equal(clar.operation.status, 'awaiting clarification');
    assert.equal(clar.operation.code, '0');
    assert.equal(clar.operation.message, 'Awaiting clarification');
    assert.equal(clar.operation.request_id, sale.body.request_id);
    assert.deepEqual(clar.account, { number, type: 'KCELL' });

    // The code went to the phone: the SMS inbox and lastOtp agree.
    const code = sb.sim.lastOtp(number)!;
    assert.match(code, /^\d{6}$/);
    const inbox = (await (await fetch(`${sb.base}/sms.json?number=${number}`)).json()) as Array<Json>;
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.text, `Your payment code: ${code}. Do not share it.`);
    assert.equal(inbox[0]!.paymentId, id);

    const confirm = await sb.post('/v2/payment/clarification', clarificationBody(id, code));
    assert.equal(confirm.status, 200);
    assert.equal(confirm.body.status, 'success');
    const [, final] = await sb.merchant.waitFor(2);
    const b = final!.body as Json & { payment: Json; operation: Json };
    assert.ok(monetixVerify(b, SECRET));
    assert.deepEqual(Object.keys(b), Object.keys(FIGURE_9), 'same keys in the same order as Figure 9');
    assert.deepEqual(shapeOf(b), shapeOf(FIGURE_9));
    assert.equal(b.project_id, PROJECT_ID);
    assert.deepEqual(
      { ...b.payment, date: 'x' },
      { id, type: 'purchase', status: 'success', date: 'x', method: 'mobile', sum: { amount: 100000, currency: 'KZT' }, description: '' },
    );
    assert.equal(b.operation.type, 'sale');
    assert.equal(b.operation.status, 'success');
    assert.equal(b.operation.code, '0');
    assert.equal(b.operation.message, 'Success');
    assert.equal(b.operation.id, clar.operation.id, 'one sale operation throughout');
    assert.match(String(b.operation.date), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    assert.deepEqual(b.customer, { id: 'customer_123' });

    const status = await sb.post('/v2/payment/status', statusBody(id));
    assert.equal(status.status, 200);
    assert.ok(monetixVerify(status.body, SECRET));
    assert.equal((status.body.payment as Json).status, 'success');
    assert.deepEqual(shapeOf(status.body), shapeOf(FIGURE_9));

    const again = await sb.post('/v2/payment/clarification', clarificationBody(id, code));
    assert.equal(again.status, 400);
    assert.equal(again.body.code, 'invalid_payment_status');
    assert.equal(sb.sim.getPayment(id)?.status, 'success');
  });

  test('a repeated payment_id is refused', async () => {
    const id = newPaymentId();
    await startSale(id);
    const res = await sb.post('/v2/payment/mobile/sale', saleBody(id, MONETIX_TEST_PHONES.success));
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'duplicate_payment');
    assert.equal(res.body.status, 'error');
  });

  test('a wrong code brings the same clarification callback again; the right one still works', async () => {
    const id = newPaymentId();
    const first = await startSale(id);
    const code = sb.sim.lastOtp(MONETIX_TEST_PHONES.success)!;
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await sb.post('/v2/payment/clarification', clarificationBody(id, wrong));
    assert.equal(res.status, 200, 'accepted; the verdict comes by callback');
    const [, again] = await sb.merchant.waitFor(2);
    const strip = (b: Json) => ({ ...b, signature: 0, payment: { ...(b.payment as Json), date: 0 }, operation: { ...(b.operation as Json), date: 0 } });
    assert.deepEqual(strip(again!.body), strip(first), 'same clarification as the first');
    assert.equal(sb.sim.getPayment(id)?.status, 'awaiting clarification');
    await sb.post('/v2/payment/clarification', clarificationBody(id, code));
    const [, , final] = await sb.merchant.waitFor(3);
    assert.equal((final!.body.payment as Json).status, 'success');
  });

  test('number ending in 0000: the correct code ends in decline 20105 (Figure 10 shape)', async () => {
    const id = newPaymentId();
    const number = MONETIX_TEST_PHONES.insufficientFunds;
    await startSale(id, number);
    await sb.post('/v2/payment/clarification', clarificationBody(id, sb.sim.lastOtp(number)!));
    const [, final] = await sb.merchant.waitFor(2);
    const b = final!.body as Json & { payment: Json; operation: Json };
    assert.deepEqual(Object.keys(b), Object.keys(FIGURE_10));
    assert.deepEqual(shapeOf(b), shapeOf(FIGURE_10));
    assert.equal(b.payment.status, 'decline');
    assert.equal(b.operation.status, 'decline');
    assert.equal(b.operation.code, '20105');
    assert.equal(b.operation.message, 'Insufficient funds on the mobile balance');
    assert.ok(monetixVerify(b, SECRET));
  });

  test('number ending in 1111: declined right after the sale, no SMS, no clarification', async () => {
    const id = newPaymentId();
    const number = MONETIX_TEST_PHONES.declinedAtOnce;
    const sale = await sb.post('/v2/payment/mobile/sale', saleBody(id, number));
    assert.equal(sale.status, 200, 'the request itself is accepted');
    const [only] = await sb.merchant.waitFor(1);
    await sb.sim.idle();
    assert.equal(sb.merchant.received.length, 1);
    const b = only!.body as Json & { payment: Json; operation: Json };
    assert.deepEqual(shapeOf(b), shapeOf(FIGURE_10));
    assert.equal(b.payment.status, 'decline');
    assert.equal(b.operation.code, '20000');
    assert.equal(b.operation.message, 'General decline');
    assert.equal(sb.sim.messages(number).length, 0);
    const clar = await sb.post('/v2/payment/clarification', clarificationBody(id, '123456'));
    assert.equal(clar.status, 400);
    assert.equal(clar.body.code, 'invalid_payment_status');
  });

  test('clarification and status of an unknown payment -> 400 payment_not_found', async () => {
    for (const [path, body] of [
      ['/v2/payment/clarification', clarificationBody('nope', '123456')],
      ['/v2/payment/status', statusBody('nope')],
    ] as const) {
      const res = await sb.post(path, body);
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'payment_not_found');
    }
    const noCode = await sb.post('/v2/payment/clarification', signedExample('payment-clarification.request', { additional_data: undefined }));
    assert.equal(noCode.body.code, 'invalid_request');
    assert.match(String(noCode.body.message), /approval_code/);
  });

  test('account.type follows the number prefix', async () => {
    const cases = {
      '77001234567': 'ALTEL', '77081234567': 'ALTEL', '77011234567': 'KCELL', '77021234567': 'KCELL', '77751234567': 'KCELL',
      '77781234567': 'KCELL', '77051234567': 'BEELINE', '77711234567': 'BEELINE', '77761234567': 'BEELINE',
      '77771234567': 'BEELINE', '77071234567': 'TELE2', '77471234567': 'TELE2', '77991234567': 'KCELL',
    };
    for (const [number, type] of Object.entries(cases)) assert.equal(operatorForNumber(number), type, number);
    const clar = await startSale(newPaymentId(), '77071234567');
    assert.deepEqual(clar.account, { number: '77071234567', type: 'TELE2' });
  });
});

test('an expired code (injected clock) brings a new clarification; the payment keeps waiting', async () => {
  let now = Date.UTC(2026, 0, 15, 10, 0, 0);
  const sb = await startMonetixSandbox({ now: () => now, otpTtlMs: 85_000 });
  try {
    const id = newPaymentId();
    const number = MONETIX_TEST_PHONES.success;
    await sb.post('/v2/payment/mobile/sale', saleBody(id, number));
    const [clar] = await sb.merchant.waitFor(1);
    assert.equal((clar!.body.operation as Json).created_date, '2026-01-15T10:00:00+0000');
    now += 85_000;
    await sb.post('/v2/payment/clarification', clarificationBody(id, sb.sim.lastOtp(number)!));
    const [, again] = await sb.merchant.waitFor(2);
    assert.equal((again!.body.payment as Json).status, 'awaiting clarification');
    assert.equal(sb.sim.getPayment(id)?.status, 'awaiting clarification');
  } finally {
    await sb.close();
  }
});

test('callbacks without a callbackUrl or to a merchant that is down are recorded, not thrown', async () => {
  for (const callbackUrl of [undefined, 'http://127.0.0.1:9/down']) {
    const sb = await startMonetixSandbox({ callbackUrl });
    try {
      const res = await sb.post('/v2/payment/mobile/sale', saleBody(newPaymentId(), MONETIX_TEST_PHONES.success));
      assert.equal(res.status, 200);
      await sb.sim.idle();
      const [record] = sb.sim.callbacks();
      assert.ok(record?.error, 'delivery error recorded');
      assert.equal(record.status, undefined);
      assert.equal((await fetch(`${sb.base}/sms.json`)).status, 200, 'sandbox still answers');
    } finally {
      await sb.close();
    }
  }
});

test('startSandbox serves Monetix at /monetix with the sandbox project by default', async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const index = (await (await fetch(sandbox.url)).json()) as Json;
    assert.equal(index.monetix, `${sandbox.url}/monetix`);
    const res = await fetch(`${sandbox.url}/monetix/sms`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<title>Sandbox SMS inbox<\/title>/);
  } finally {
    await sandbox.close();
  }
});
