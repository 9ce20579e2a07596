// Payouts to cards through the router (merchant API key), against the Kapital Bank and pay.tech
// simulators intercepted by msw at the providers' real test hosts: the requests must have the
// collection's and the document's shapes, and a card number must never come back out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  createKapitalSimulator,
  createPaytechSimulator,
  KAPITAL_TEST_CARDS,
  type KapitalSimulator,
  PAYTECH_TEST_CARDS,
  type PaytechSimulator,
} from '@pay-checkout/sandbox';
import { kapitalHandlers, paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { api, API_KEY, type Harness, sql, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL } from './paytech-helpers.js';

const KAPITAL_URL = 'https://txpgtst.kapitalbank.az';
const KAPITAL = { username: 'TerminalSys/payouts', password: 'kapital-payout-pass-3' };
const EXAMPLES = new URL('../../../../shared/specs/examples/kapitalbank/', import.meta.url);
const example = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, EXAMPLES), 'utf8'));

const KAPITAL_CARD = KAPITAL_TEST_CARDS.documented.number;
const KAPITAL_DECLINED = KAPITAL_TEST_CARDS.declined.number;
const PAYTECH_CARD = PAYTECH_TEST_CARDS.success.number;
const PAYTECH_DECLINED = PAYTECH_TEST_CARDS.declined.number;
const PANS = [KAPITAL_CARD, KAPITAL_DECLINED, PAYTECH_CARD, PAYTECH_DECLINED];

interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | null;
  body: any;
}

describe('payouts through the router', () => {
  const kapital: KapitalSimulator = createKapitalSimulator({ baseUrl: KAPITAL_URL, ...KAPITAL });
  const paytech: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS, balances: { EUR: 5000, AZN: 2000 } });
  const mock = setupServer();
  let h: Harness;
  let paytechOnly: Harness;
  let seen: Promise<SeenRequest>[] = [];
  /** Every answer's text, checked at the end for card numbers. */
  const answers: string[] = [];

  mock.events.on('request:start', ({ request }) => {
    if (!request.url.startsWith(`${KAPITAL_URL}/api/`) && !request.url.startsWith(`${PAYTECH_URL}/api/`)) return;
    const copy = request.clone();
    seen.push(
      (async () => ({
        method: request.method,
        url: new URL(request.url),
        authorization: request.headers.get('authorization'),
        body: request.method === 'POST' ? await copy.json() : null,
      }))(),
    );
  });
  const providerRequests = () => Promise.all(seen);

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer({
      providers: { kapital: { ...KAPITAL, baseUrl: KAPITAL_URL }, paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } },
    });
    paytechOnly = await startServer({ providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } } });
  });
  beforeEach(() => {
    mock.resetHandlers(...kapitalHandlers(kapital), ...paytechHandlers(paytech));
    seen = [];
  });
  afterEach(() => paytech.idle());
  after(async () => {
    mock.close();
    await h.close();
    await paytechOnly.close();
  });

  let seq = 0;
  const nextKey = () => `payout-key-${++seq}-0001`;
  async function call(url: string, init: Parameters<typeof api>[1] = {}) {
    const res = await api(url, { token: API_KEY, ...init });
    answers.push(JSON.stringify(res.json));
    return res;
  }
  const post = (body: unknown, key: string | null = nextKey(), server: Harness = h) =>
    call(`${server.url}/v1/payouts`, { body, headers: key === null ? {} : { 'idempotency-key': key } });
  const kapitalPayout = (overrides: Record<string, unknown> = {}) => ({
    provider: 'kapital',
    amount: { value: 100, currency: 'AZN' },
    destination: { type: 'card', cardNumber: KAPITAL_CARD },
    description: 'Winnings',
    reference: `wd-${seq + 1}`,
    ...overrides,
  });
  const paytechPayout = (overrides: Record<string, unknown> = {}) => ({
    provider: 'paytech',
    amount: { value: 1112, currency: 'EUR' },
    destination: { type: 'card', cardNumber: PAYTECH_CARD, expiry: '12/39', holder: 'AIGERIM SULTANOVA' },
    reference: `pt-${seq + 1}`,
    ...overrides,
  });
  const octOrders = () => kapital.orders().filter((o) => o.typeRid === 'OCT');
  const withdrawals = () => paytech.payments().filter((p) => p.paymentType === 'WITHDRAWAL');

  it('pays out to a card through Kapital Bank: OCT order, destination PAN, credit, with the collection\'s shapes', async () => {
    const res = await post(kapitalPayout());
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.state, 'succeeded');
    assert.deepEqual(res.json.amount, { value: 100, currency: 'AZN' });
    assert.deepEqual(res.json.destination, { type: 'card', maskedCardNumber: '416974******1778' });
    assert.equal(res.json.failure, null);
    assert.equal(res.json.actor, 'api');

    const [create, dst, exec, status, ...rest] = await providerRequests();
    assert.equal(rest.length, 0);
    const basic = `Basic ${Buffer.from(`${KAPITAL.username}:${KAPITAL.password}`).toString('base64')}`;
    for (const request of [create, dst, exec, status]) assert.equal(request!.authorization, basic);

    // Create Order / Order Credit Transaction
    assert.equal(`${create!.method} ${create!.url.pathname}`, 'POST /api/order/');
    assert.deepEqual(Object.keys(create!.body.order).sort(), Object.keys(example('order-credit.request').order).sort());
    assert.deepEqual(create!.body, { order: { typeRid: 'OCT', amount: '1.00', currency: 'AZN', language: 'az', title: res.json.reference, description: 'Winnings' } });
    const order = octOrders().at(-1)!;

    // Set Destination Token / PAN, with the order's password
    assert.equal(`${dst!.method} ${dst!.url.pathname}`, `POST /api/order/${order.id}/set-dst-token`);
    assert.equal(dst!.url.searchParams.get('password'), order.password);
    const pan = example('set-dst-token-pan.request');
    pan.token.card.panBlock.data = KAPITAL_CARD;
    assert.deepEqual(dst!.body, pan);

    // Execution Transaction / Execute Credit Operation: exactly the example for 1.00
    assert.equal(`${exec!.method} ${exec!.url.pathname}`, `POST /api/order/${order.id}/exec-tran`);
    assert.equal(exec!.url.searchParams.get('password'), order.password);
    assert.deepEqual(exec!.body, example('exec-tran-credit.request'));

    assert.equal(`${status!.method} ${status!.url.pathname}`, `GET /api/order/${order.id}`);
    assert.equal(order.status, 'FullyPaid');
    assert.equal(order.dstCard?.pan, KAPITAL_CARD);

    const read = await call(`${h.url}/v1/payouts/${res.json.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, res.json);
  });

  it('records a declined credit as failed, with the bank\'s reason', async () => {
    const res = await post(kapitalPayout({ destination: { type: 'card', cardNumber: KAPITAL_DECLINED } }));
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'failed');
    assert.equal(res.json.failure.code, 'card_declined');
    assert.equal(res.json.failure.message, 'Restricted card');
    assert.equal(octOrders().at(-1)!.status, 'Declined');
  });

  it('pays out through pay.tech as a WITHDRAWAL, and the withdrawal balance goes down', async () => {
    const before = await call(`${h.url}/v1/balances?provider=paytech`);
    assert.equal(before.status, 200);
    assert.equal(before.json.provider, 'paytech');
    const eur = before.json.available.EUR as number;
    assert.equal(Number.isInteger(eur), true);

    seen = [];
    const res = await post(paytechPayout({ customer: { id: 'cust-7', email: 'aigerim@example.kz', name: 'Aigerim Sultanova' } }));
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.state, 'succeeded');
    assert.deepEqual(res.json.destination, { type: 'card', maskedCardNumber: '400000******0408' });

    const [create, find, ...rest] = await providerRequests();
    assert.equal(rest.length, 0);
    assert.equal(`${create!.method} ${create!.url.pathname}`, 'POST /api/v1/payments');
    assert.equal(create!.authorization, `Bearer ${PAYTECH_KEYS.apiKey}`);
    assert.deepEqual(create!.body, {
      referenceId: res.json.id,
      paymentType: 'WITHDRAWAL',
      paymentMethod: 'BASIC_CARD',
      amount: 11.12,
      currency: 'EUR',
      card: { cardNumber: PAYTECH_CARD, cardholderName: 'AIGERIM SULTANOVA', expiryMonth: '12', expiryYear: '2039' },
      customer: { referenceId: 'cust-7', firstName: 'Aigerim', lastName: 'Sultanova', email: 'aigerim@example.kz' },
    });
    const withdrawal = withdrawals().at(-1)!;
    assert.equal(`${find!.method} ${find!.url.pathname}`, `GET /api/v1/payments/${withdrawal.id}`);
    assert.equal(withdrawal.state, 'COMPLETED');

    const after = await call(`${h.url}/v1/balances?provider=paytech`);
    assert.equal(after.json.available.EUR, eur - 1112);
  });

  it('records a declined withdrawal as failed, with pay.tech\'s reason, and takes nothing from the balance', async () => {
    const before = paytech.balances().EUR;
    const res = await post(paytechPayout({ destination: { type: 'card', cardNumber: PAYTECH_DECLINED } }));
    assert.equal(res.json.state, 'failed');
    assert.deepEqual(res.json.failure, { code: 'insufficient_funds', message: 'Insufficient Funds' });
    assert.equal(paytech.balances().EUR, before);
  });

  it('refuses bad requests before any provider call, each with its own code', async () => {
    const cases: [string, unknown, string | null, number, string][] = [
      ['no Idempotency-Key', kapitalPayout(), null, 400, 'idempotency_key_required'],
      ['a mistyped card number', kapitalPayout({ destination: { type: 'card', cardNumber: '4169741330151779' } }), nextKey(), 400, 'card_number_invalid'],
      ['a card number too short', paytechPayout({ destination: { type: 'card', cardNumber: '4242' } }), nextKey(), 400, 'card_number_invalid'],
      ['a currency the bank does not pay out in', kapitalPayout({ amount: { value: 100, currency: 'USD' } }), nextKey(), 400, 'currency_not_supported'],
      ['a currency nobody knows', paytechPayout({ amount: { value: 100, currency: 'XTS' } }), nextKey(), 400, 'currency_not_supported'],
      ['more decimals than the currency has', kapitalPayout({ amount: { value: 100.5, currency: 'AZN' } }), nextKey(), 400, 'amount_out_of_range'],
      ['a zero amount', paytechPayout({ amount: { value: 0, currency: 'EUR' } }), nextKey(), 400, 'amount_out_of_range'],
      ['an unknown provider', kapitalPayout({ provider: 'stripe' }), nextKey(), 400, 'invalid_request'],
      ['a provider without payouts', kapitalPayout({ provider: 'pitech' }), nextKey(), 400, 'invalid_request'],
      ['no reference', { ...kapitalPayout(), reference: undefined }, nextKey(), 400, 'invalid_request'],
      ['an unknown field', kapitalPayout({ iban: 'AZ21NABZ00000000137010001944' }), nextKey(), 400, 'invalid_request'],
    ];
    for (const [what, body, key, status, code] of cases) {
      const res = await post(body, key);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, code, what);
    }
    const notConfigured = await post(kapitalPayout(), nextKey(), paytechOnly);
    assert.deepEqual([notConfigured.status, notConfigured.json.error.code], [400, 'provider_not_configured']);
    assert.deepEqual(await providerRequests(), [], 'no provider was called');
  });

  it('answers a repeated key with the same payout, and pays once', async () => {
    const key = nextKey();
    const body = kapitalPayout();
    const before = octOrders().length;
    const first = await post(body, key);
    const again = await post(body, key);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal(octOrders().length, before + 1, 'one credit order');
    const credits = (await providerRequests()).filter((r) => r.url.pathname.endsWith('/exec-tran'));
    assert.equal(credits.length, 1);

    const other = await post({ ...body, amount: { value: 200, currency: 'AZN' } }, key);
    assert.deepEqual([other.status, other.json.error.code], [422, 'idempotency_key_reused']);
    assert.equal(octOrders().length, before + 1);
  });

  it('keeps a payout whose answer was lost as unknown, and settles it on repeat without a second credit', async () => {
    // The bank executes the credit, but its answer never arrives.
    mock.use(
      http.post(`${KAPITAL_URL}/api/order/:id/exec-tran`, async ({ request }) => {
        await kapital.handle(request);
        return HttpResponse.error();
      }, { once: true }),
    );
    const key = nextKey();
    const body = kapitalPayout();
    const lost = await post(body, key);
    assert.equal(lost.status, 201);
    assert.equal(lost.json.state, 'unknown');
    const order = octOrders().at(-1)!;
    assert.equal(order.status, 'FullyPaid', 'the money did move');
    assert.ok(h.logs.some((line) => line.includes('payout.outcome_unknown') && line.includes(lost.json.id)));

    seen = [];
    const settled = await post(body, key);
    assert.equal(settled.json.id, lost.json.id);
    assert.equal(settled.json.state, 'succeeded');
    const requests = await providerRequests();
    assert.deepEqual(requests.map((r) => `${r.method} ${r.url.pathname}`), [`GET /api/order/${order.id}`], 'read only, nothing sent again');
    assert.equal(kapital.getOrder(order.id)!.trans.filter((t) => t.type === 'Credit').length, 1);
  });

  it('finishes a payout whose credit never reached the bank, on the same order', async () => {
    // The answer to set-dst-token is lost before the credit was sent: the order stays prepared.
    mock.use(http.post(`${KAPITAL_URL}/api/order/:id/set-dst-token`, () => HttpResponse.error(), { once: true }));
    const key = nextKey();
    const body = kapitalPayout();
    const lost = await post(body, key);
    assert.equal(lost.json.state, 'unknown');
    const order = octOrders().at(-1)!;
    assert.equal(order.status, 'Preparing');
    // Reading cannot settle it: only the repeat holds the card number.
    assert.equal((await call(`${h.url}/v1/payouts/${lost.json.id}`)).json.state, 'unknown');

    const settled = await post(body, key);
    assert.equal(settled.json.state, 'succeeded');
    assert.equal(octOrders().at(-1)!.id, order.id, 'no second order');
    assert.equal(kapital.getOrder(order.id)!.status, 'FullyPaid');
  });

  it('settles a pay.tech withdrawal whose answer was lost by its referenceId, without a second withdrawal', async () => {
    mock.use(
      http.post(`${PAYTECH_URL}/api/v1/payments`, async ({ request }) => {
        await paytech.handle(request);
        return HttpResponse.error();
      }, { once: true }),
    );
    const key = nextKey();
    const body = paytechPayout();
    const balance = paytech.balances().EUR!;
    const lost = await post(body, key);
    assert.equal(lost.json.state, 'unknown');
    const count = withdrawals().length;

    // Reading finds it by referenceId (our payout id).
    const read = await call(`${h.url}/v1/payouts/${lost.json.id}`);
    assert.equal(read.json.state, 'succeeded');
    const again = await post(body, key);
    assert.equal(again.json.state, 'succeeded');
    assert.equal(withdrawals().length, count, 'one withdrawal');
    assert.equal(paytech.balances().EUR, balance - 11.12);
  });

  it('sends a pay.tech withdrawal on repeat when the first never reached pay.tech', async () => {
    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => HttpResponse.error(), { once: true }));
    const key = nextKey();
    const body = paytechPayout();
    const count = withdrawals().length;
    const lost = await post(body, key);
    assert.equal(lost.json.state, 'unknown');
    assert.equal(withdrawals().length, count);
    const settled = await post(body, key);
    assert.equal(settled.json.state, 'succeeded');
    const sent = withdrawals().filter((p) => p.request.referenceId === lost.json.id);
    assert.equal(sent.length, 1);
  });

  it('lists payouts newest first, by page and by reference', async () => {
    const first = await call(`${h.url}/v1/payouts?limit=2`);
    assert.equal(first.status, 200);
    assert.equal(first.json.data.length, 2);
    assert.ok(first.json.data[0].createdAt >= first.json.data[1].createdAt);
    const next = await call(`${h.url}/v1/payouts?limit=2&after=${first.json.nextCursor}`);
    assert.equal(next.json.data.length, 2);
    assert.equal(new Set([...first.json.data, ...next.json.data].map((p: { id: string }) => p.id)).size, 4);

    const mine = await post(paytechPayout({ reference: 'only-this-one' }));
    const byReference = await call(`${h.url}/v1/payouts?reference=only-this-one`);
    assert.deepEqual(byReference.json.data.map((p: { id: string }) => p.id), [mine.json.id]);
    assert.equal(byReference.json.nextCursor, null);
    const unknown = await call(`${h.url}/v1/payouts/po_nothing_here`);
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'payout_not_found']);
  });

  it('says which providers give balances', async () => {
    const kapitalBalance = await call(`${h.url}/v1/balances?provider=kapital`);
    assert.deepEqual([kapitalBalance.status, kapitalBalance.json.error.code], [400, 'operation_not_supported']);
    const missing = await call(`${h.url}/v1/balances`);
    assert.deepEqual([missing.status, missing.json.error.code], [400, 'invalid_request']);
  });

  it('works through the Node API too', async () => {
    const payout = await h.checkout.createPayout(kapitalPayout(), { idempotencyKey: nextKey(), actor: 'ops:leyla' });
    assert.equal(payout.state, 'succeeded');
    assert.equal(payout.actor, 'ops:leyla');
    assert.deepEqual(await h.checkout.getPayout(payout.id), payout);
    assert.equal((await h.checkout.listPayouts({ reference: payout.reference })).data[0]?.id, payout.id);
    assert.equal((await h.checkout.balances('paytech')).provider, 'paytech');
  });

  it('needs the API key', async () => {
    for (const [method, path] of [['POST', '/v1/payouts'], ['GET', '/v1/payouts'], ['GET', '/v1/payouts/po_x'], ['GET', '/v1/balances?provider=paytech']] as const) {
      const res = await api(`${h.url}${path}`, { method, ...(method === 'POST' ? { body: kapitalPayout() } : {}), headers: { 'idempotency-key': nextKey() } });
      assert.deepEqual([res.status, res.json.error.code], [401, 'unauthorized'], `${method} ${path}`);
      const wrong = await api(`${h.url}${path}`, { method, token: 'sk_test_wrong_key_0000000000000000', headers: { 'idempotency-key': nextKey() } });
      assert.equal(wrong.status, 401);
    }
    assert.deepEqual(await providerRequests(), []);
  });

  it('never answers, stores or logs a full card number', async () => {
    for (const pan of PANS) {
      for (const text of answers) assert.equal(text.includes(pan), false, `an answer holds ${pan}`);
      for (const line of h.logs) assert.equal(line.includes(pan), false, `a log line holds ${pan}`);
    }
    const rows = JSON.stringify(await sql(h, 'SELECT * FROM payouts'));
    assert.ok(rows.includes('416974******1778'));
    for (const pan of PANS) assert.equal(rows.includes(pan), false, `the store holds ${pan}`);
  });
});
