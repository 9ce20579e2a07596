// The pay.tech adapter called directly, against the sandbox simulator intercepted by msw at
// pay.tech's real test URL: request shapes, state and error mapping, webhooks, follow-ups.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPaytechSimulator, PAYTECH_TEST_CARDS, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ProviderError } from '../src/providers/http.js';
import { createPaytechAdapter, listPaytechOperations, type PaytechAdapter } from '../src/providers/paytech/adapter.js';
import { PAYTECH_PATHS } from '../src/providers/paytech/paths.js';
import { signPaytechBody } from '../src/providers/paytech/signature.js';
import type { CreatePaymentInput } from '../src/providers/types.js';
import type { PaymentRecord } from '../src/store/types.js';
import { PAYTECH_KEYS, PAYTECH_URL, payOnCheckoutPage, paymentRecord, paytechSettings, sessionRecord } from './paytech-helpers.js';

interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  body: any;
}

describe('pay.tech adapter', () => {
  let clock = Date.now();
  const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS, now: () => clock });
  const seen: Seen[] = [];
  // Records every request to pay.tech, then lets the simulator answer.
  const recorder = http.all(`${PAYTECH_URL}/api/*`, async ({ request }) => {
    const text = await request.clone().text();
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname, authorization: request.headers.get('authorization'), body: text ? JSON.parse(text) : null });
    return undefined;
  });
  const mock = setupServer();
  const adapter = createPaytechAdapter(paytechSettings(), 2000);
  // The merchant's callback URL: what the adapter makes of each webhook the simulator sends.
  const delivered: unknown[] = [];
  const merchant = http.post('https://merchant.example/pay/v1/callbacks/paytech', async ({ request }) => {
    const raw = Buffer.from(await request.arrayBuffer());
    delivered.push(adapter.handleCallback(JSON.parse(raw.toString('utf8')), { rawBody: raw, headers: { signature: request.headers.get('signature') ?? undefined } }));
    return HttpResponse.json({ received: true });
  });

  before(() => mock.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    clock = Date.now();
    seen.length = 0;
    delivered.length = 0;
    mock.resetHandlers(recorder, merchant, ...paytechHandlers(sim));
  });
  afterEach(() => sim.idle());
  after(() => mock.close());

  function input(overrides: { payment?: Partial<PaymentRecord>; customer?: Record<string, string>; locale?: string } = {}): CreatePaymentInput {
    const payment = paymentRecord(overrides.payment);
    const session = sessionRecord({ amount: payment.amount, currency: payment.currency, ...(overrides.customer ? { customer: overrides.customer } : {}) });
    return {
      payment,
      session,
      details: {},
      clientIp: '203.0.113.7',
      returnUrls: { success: `https://merchant.example/pay/v1/return/${payment.id}?outcome=success`, error: `https://merchant.example/pay/v1/return/${payment.id}?outcome=error` },
      callbackUrl: 'https://merchant.example/pay/v1/callbacks/paytech',
      locale: overrides.locale ?? 'ru-KZ',
    };
  }

  /** Creates a deposit and returns the payment as the server would have stored it. */
  async function created(a: PaytechAdapter = adapter, overrides: Parameters<typeof input>[0] = {}) {
    const i = input(overrides);
    const result = await a.createPayment(i);
    const payment: PaymentRecord = { ...i.payment, providerOrderId: result.providerOrderId, providerRef: result.providerRef, redirectUrl: result.redirectUrl, state: result.state };
    return { payment, result, input: i };
  }

  it('creates a DEPOSIT with Bearer auth, the amount in major units, our ids and URLs, and the customer', async () => {
    const { payment, result, input: i } = await created(adapter, { payment: { amount: 150050, currency: 'KZT' } });
    const [req] = seen;
    assert.equal(req!.method, PAYTECH_PATHS.createPayment.method);
    assert.equal(req!.path, '/api/v1/payments');
    assert.equal(req!.authorization, `Bearer ${PAYTECH_KEYS.apiKey}`);
    assert.deepEqual(req!.body, {
      referenceId: payment.id,
      paymentType: 'DEPOSIT',
      paymentMethod: 'BASIC_CARD',
      amount: 1500.5,
      currency: 'KZT',
      description: 'Tea set',
      customer: { referenceId: 'cust-7', firstName: 'Aigerim', lastName: 'Sultanova', email: 'aigerim@example.kz', phone: '+77011234567', locale: 'ru' },
      returnUrl: i.returnUrls.success,
      webhookUrl: 'https://merchant.example/pay/v1/callbacks/paytech',
    });
    const stored = sim.getPayment(result.providerOrderId!)!;
    assert.equal(stored.state, 'CHECKOUT');
    assert.equal(stored.request.referenceId, payment.id);
    assert.deepEqual(result, {
      providerOrderId: stored.id,
      providerRef: { id: stored.id },
      providerState: 'CHECKOUT',
      state: 'requires_action',
      redirectUrl: `${PAYTECH_URL}/m/payment/${stored.id}`,
    });
    assert.deepEqual(adapter.redirectOrigins, [PAYTECH_URL]);
    assert.equal(adapter.id, 'paytech');
    assert.equal(adapter.displayName, 'pay.tech');
    assert.deepEqual(adapter.methods, ['card']);
    assert.ok(adapter.currencies.includes('KZT') && adapter.currencies.includes('AZN'));
  });

  it('asks for preAuth when two-phase, leaves paymentMethod to the page when several are allowed, sends only the customer fields it has', async () => {
    const twoPhase = createPaytechAdapter(paytechSettings({ twoPhase: true, paymentMethods: ['BASIC_CARD', 'APPLEPAY', 'GOOGLEPAY'] }), 2000);
    await created(twoPhase, { customer: { email: 'solo@example.kz', name: 'Madonna' }, locale: 'en' });
    const body = seen[0]!.body;
    assert.equal(body.preAuth, true);
    assert.equal('paymentMethod' in body, false);
    assert.deepEqual(body.customer, { firstName: 'Madonna', email: 'solo@example.kz', locale: 'en' });

    seen.length = 0;
    await created(adapter, { customer: {} });
    assert.deepEqual(seen[0]!.body.customer, { locale: 'ru' });
    assert.equal('preAuth' in seen[0]!.body, false);
  });

  it('reads every state the shopper can reach on the page, with the failure and its reason', async () => {
    const cases: { card: string; threeDs?: 'confirm' | 'fail' | 'leave'; twoPhase?: boolean; state: string; provider: string; failure: unknown }[] = [
      { card: PAYTECH_TEST_CARDS.success.number, state: 'succeeded', provider: 'COMPLETED', failure: null },
      { card: PAYTECH_TEST_CARDS.threeDsSuccess.number, state: 'succeeded', provider: 'COMPLETED', failure: null },
      { card: PAYTECH_TEST_CARDS.success.number, twoPhase: true, state: 'authorized', provider: 'AUTHORIZED', failure: null },
      { card: PAYTECH_TEST_CARDS.threeDsSuccess.number, threeDs: 'leave', state: 'processing', provider: 'PENDING', failure: null },
      { card: PAYTECH_TEST_CARDS.declined.number, state: 'failed', provider: 'DECLINED', failure: { code: 'insufficient_funds', reason: 'Insufficient Funds' } },
      { card: PAYTECH_TEST_CARDS.threeDsDeclined.number, state: 'failed', provider: 'DECLINED', failure: { code: 'card_declined', reason: 'Do Not Honor' } },
      { card: PAYTECH_TEST_CARDS.threeDsSuccess.number, threeDs: 'fail', state: 'failed', provider: 'DECLINED', failure: { code: 'card_declined', reason: 'Declined by 3DS' } },
    ];
    for (const c of cases) {
      const a = c.twoPhase ? createPaytechAdapter(paytechSettings({ twoPhase: true }), 2000) : adapter;
      const { payment, result } = await created(a);
      assert.deepEqual(await a.fetchStatus(payment), { providerState: 'CHECKOUT', state: 'requires_action', amount: 1112, currency: 'EUR', failure: null });
      await payOnCheckoutPage(result.redirectUrl!, c.card, c.threeDs ?? 'confirm');
      const status = await a.fetchStatus(payment);
      assert.deepEqual(status, { providerState: c.provider, state: c.state, amount: 1112, currency: 'EUR', failure: c.failure }, `${c.card} ${c.threeDs ?? ''}`);
    }
  });

  it('reads a shopper cancel as canceled, an abandoned page as expired, an unanswered 3-D Secure as timed out', async () => {
    const cancel = await created();
    await payOnCheckoutPage(cancel.result.redirectUrl!, '', 'confirm', 'cancel');
    assert.deepEqual(await adapter.fetchStatus(cancel.payment), { providerState: 'CANCELLED', state: 'canceled', amount: 1112, currency: 'EUR', failure: null });

    const abandoned = await created();
    const waiting = await created();
    await payOnCheckoutPage(waiting.result.redirectUrl!, PAYTECH_TEST_CARDS.threeDsSuccess.number, 'leave');
    clock += 31 * 60_000;
    assert.deepEqual((await adapter.fetchStatus(abandoned.payment)).failure, { code: 'payment_expired', reason: 'Cancelled by Timeout' });
    assert.equal((await adapter.fetchStatus(abandoned.payment)).state, 'expired');
    const timedOut = await adapter.fetchStatus(waiting.payment);
    assert.equal(timedOut.state, 'failed');
    assert.deepEqual(timedOut.failure, { code: 'authentication_timed_out', reason: '3DS Timeout' });
  });

  it('compares what the shopper was asked for when pay.tech converted, and never reads an unknown state or another payment', async () => {
    const { payment } = await created();
    const answer = (result: Record<string, unknown>) =>
      mock.use(http.get(`${PAYTECH_URL}/api/v1/payments/:id`, () => HttpResponse.json({ timestamp: 't', status: 200, result })));
    answer({ id: payment.providerOrderId, referenceId: payment.id, state: 'COMPLETED', amount: 5800.25, currency: 'KZT', customerAmount: 11.12, customerCurrency: 'EUR' });
    const converted = await adapter.fetchStatus(payment);
    assert.equal(converted.amount, 1112);
    assert.equal(converted.currency, 'EUR');

    answer({ id: payment.providerOrderId, referenceId: payment.id, state: 'COMPLETED', amount: 11.123, currency: 'EUR' });
    assert.ok(Number.isNaN((await adapter.fetchStatus(payment)).amount), 'an amount finer than the currency is never a match');

    answer({ id: payment.providerOrderId, referenceId: payment.id, state: 'SETTLED', amount: 11.12, currency: 'EUR' });
    await assert.rejects(adapter.fetchStatus(payment), (e: unknown) => e instanceof ProviderError && e.kind === 'unavailable');

    answer({ id: payment.providerOrderId, referenceId: 'pay_someone_else', state: 'COMPLETED', amount: 11.12, currency: 'EUR' });
    await assert.rejects(adapter.fetchStatus(payment), /belongs to pay_someone_else/);
  });

  it('says why creation failed: refused key, outage, or an immediate decline without a page', async () => {
    const wrongKey = createPaytechAdapter(paytechSettings({ apiKey: 'wrong' }), 2000);
    await assert.rejects(wrongKey.createPayment(input()), (e: unknown) => e instanceof ProviderError && e.kind === 'rejected' && e.status === 401);

    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => new HttpResponse('down', { status: 503 })));
    await assert.rejects(adapter.createPayment(input()), (e: unknown) => e instanceof ProviderError && e.kind === 'unavailable');

    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () =>
      HttpResponse.json({ timestamp: 't', status: 200, result: { id: 'a'.repeat(32), state: 'DECLINED', errorCode: '6.02', errorMessage: 'Customer Email Blacklisted' } })));
    await assert.rejects(adapter.createPayment(input()), (e: unknown) => e instanceof ProviderError && e.kind === 'rejected' && e.providerMessage === 'Customer Email Blacklisted');

    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => HttpResponse.json({ timestamp: 't', status: 200, result: { id: 'b'.repeat(32), state: 'CHECKOUT' } })));
    await assert.rejects(adapter.createPayment(input()), (e: unknown) => e instanceof ProviderError && e.kind === 'unavailable');
  });

  it('captures part of an authorization in major units and reads the state back', async () => {
    const a = createPaytechAdapter(paytechSettings({ twoPhase: true }), 2000);
    const { payment, result } = await created(a, { payment: { amount: 150050, currency: 'KZT' } });
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    seen.length = 0;
    const status = await a.capture!({ ...payment, state: 'authorized' }, 100025);
    assert.deepEqual(seen.map((s) => `${s.method} ${s.path}`), [`POST /api/v1/payments/${result.providerOrderId}/capture`, `GET /api/v1/payments/${result.providerOrderId}`]);
    assert.deepEqual(seen[0]!.body, { amount: 1000.25 });
    assert.equal(seen[0]!.authorization, `Bearer ${PAYTECH_KEYS.apiKey}`);
    assert.deepEqual(status, { providerState: 'COMPLETED', state: 'succeeded', amount: 100025, currency: 'KZT', failure: null });
  });

  it('voids a whole authorization only, and refuses to void a charged payment', async () => {
    const a = createPaytechAdapter(paytechSettings({ twoPhase: true }), 2000);
    const { payment, result } = await created(a);
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.success.number);
    const status = await a.cancel!({ ...payment, state: 'authorized' });
    assert.equal(seen.at(-2)!.path, `/api/v1/payments/${result.providerOrderId}/void`);
    assert.deepEqual(status, { providerState: 'CANCELLED', state: 'canceled', amount: 1112, currency: 'EUR', failure: null });

    const charged = await created();
    await payOnCheckoutPage(charged.result.redirectUrl!, PAYTECH_TEST_CARDS.success.number);
    await assert.rejects(adapter.cancel!({ ...charged.payment, state: 'succeeded' }), (e: unknown) => e instanceof ProviderError && e.kind === 'rejected');
  });

  it('refunds with a REFUND payment naming the deposit, partly then fully', async () => {
    const { payment, result } = await created(adapter, { payment: { amount: 20000, currency: 'EUR' } });
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.success.number);
    const charged: PaymentRecord = { ...payment, state: 'succeeded', amount: 20000 };
    seen.length = 0;
    const partial = await adapter.refund!(charged, 5000);
    assert.deepEqual(seen[0]!.body, { referenceId: payment.id, paymentType: 'REFUND', parentPaymentId: result.providerOrderId, amount: 50, currency: 'EUR' });
    assert.deepEqual(partial, { providerState: 'REFUND COMPLETED', state: 'partially_refunded', amount: 15000, currency: 'EUR', failure: null });
    const rest = await adapter.refund!({ ...charged, state: 'partially_refunded', refundedAmount: 5000 }, 15000);
    assert.deepEqual(rest, { providerState: 'REFUND COMPLETED', state: 'refunded', amount: 0, currency: 'EUR', failure: null });
    const refunds = sim.payments().filter((p) => p.paymentType === 'REFUND' && p.request.parentPaymentId === result.providerOrderId);
    assert.deepEqual(refunds.map((r) => [r.amount, r.state]), [[50, 'COMPLETED'], [150, 'COMPLETED']]);
  });

  it('reports a declined refund as a refusal with pay.tech reason (the sandbox refund limit is 10000)', async () => {
    const { payment, result } = await created(adapter, { payment: { amount: 1_500_000, currency: 'EUR' } });
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.success.number);
    await assert.rejects(
      adapter.refund!({ ...payment, state: 'succeeded' }, 1_500_000),
      (e: unknown) => e instanceof ProviderError && e.kind === 'rejected' && e.providerMessage === 'Invalid Amount',
    );
  });

  it('lists the operations pay.tech performed, most recent first', async () => {
    const a = createPaytechAdapter(paytechSettings({ twoPhase: true }), 2000);
    const { payment, result } = await created(a);
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    await a.capture!({ ...payment, state: 'authorized' }, 1112);
    const operations = await a.listOperations(payment);
    assert.deepEqual(operations.map((o) => [o.operation, o.paymentState]), [
      ['CAPTURE', 'COMPLETED'], ['CONFIRMATION', 'AUTHORIZED'], ['CHECKOUT', 'PENDING'], ['CREATE_PAYMENT', 'CHECKOUT'],
    ]);
    assert.deepEqual(await listPaytechOperations({ baseUrl: PAYTECH_URL, apiKey: PAYTECH_KEYS.apiKey }, 2000, result.providerOrderId!), operations);
  });

  it("verifies the simulator's real webhooks and makes each a trigger for its payment", async () => {
    const { payment, result } = await created();
    await payOnCheckoutPage(result.redirectUrl!, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    await sim.idle();
    assert.deepEqual(delivered, [{ kind: 'trigger', providerOrderId: result.providerOrderId, merchantReference: payment.id }]);
    assert.equal(sim.webhooks()[0]!.status, 200);
  });

  describe('webhooks', () => {
    const body = { id: 'f'.repeat(32), referenceId: 'pay_abc', state: 'COMPLETED', amount: 11.12, currency: 'EUR' };
    const raw = Buffer.from(JSON.stringify(body));
    const signed = (signature: string | undefined) => ({ rawBody: raw, headers: signature === undefined ? {} : { signature } });

    it('turns a verified webhook into a trigger to read the payment, hex or base64', () => {
      const hex = signPaytechBody(raw, PAYTECH_KEYS.signingKey);
      const expected = { kind: 'trigger', providerOrderId: body.id, merchantReference: 'pay_abc' };
      assert.deepEqual(adapter.handleCallback(body, signed(hex)), expected);
      assert.deepEqual(adapter.handleCallback(body, signed(Buffer.from(hex, 'hex').toString('base64'))), expected);
      assert.deepEqual(adapter.handleCallback(body, { rawBody: raw, headers: { Signature: hex } }), expected);
    });

    it('rejects a missing, wrong or malformed signature, and a webhook without its raw body', () => {
      for (const header of [undefined, '', 'nope', signPaytechBody(raw, 'other-key'), signPaytechBody(`${raw} `, PAYTECH_KEYS.signingKey)]) {
        assert.equal(adapter.handleCallback(body, signed(header))?.kind, 'rejected', String(header));
      }
      assert.equal(adapter.handleCallback(body)?.kind, 'rejected');
      assert.equal(adapter.handleCallback(body, { rawBody: Buffer.alloc(0), headers: { signature: signPaytechBody('', PAYTECH_KEYS.signingKey) } })?.kind, 'rejected');
    });

    it('answers null for a verified body that names no payment', () => {
      const other = Buffer.from(JSON.stringify({ hello: 1 }));
      assert.equal(adapter.handleCallback({ hello: 1 }, { rawBody: other, headers: { signature: signPaytechBody(other, PAYTECH_KEYS.signingKey) } }), null);
    });
  });
});
