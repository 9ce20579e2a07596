// PITECH two-phase payments and follow-up operations through the adapter, against the sandbox
// simulator intercepted by msw at PITECH's real test URL. Each operation's answer is applied as the
// payment service applies a provider status, so the normalized states and amounts are checked too.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { CaptureMethod } from '@pay-checkout/protocol';
import { createPitechSimulator, PITECH_TEST_CARDS, type PitechSimulator } from '@pay-checkout/sandbox';
import { pitechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PitechConfig } from '../src/config.js';
import { applyProviderStatus } from '../src/payments/transitions.js';
import { ProviderError } from '../src/providers/http.js';
import { createPitechAdapter } from '../src/providers/pitech/adapter.js';
import type { ProviderAdapter, ProviderStatus } from '../src/providers/types.js';
import type { PaymentRecord, SessionRecord } from '../src/store/types.js';
import { PITECH_URL, payOnPitechPage } from './pitech-helpers.js';
import { PITECH } from './helpers.js';

const NOW = '2026-03-02T09:00:00.000Z';
const CALLBACK_URL = 'https://checkout.example.kz/callbacks/pitech';

function sessionRecord(amount: number, captureMethod: CaptureMethod | null): SessionRecord {
  return {
    id: 'ses_ops',
    clientSecretHash: 'hash',
    orderId: 'order-ops',
    amount,
    currency: 'KZT',
    description: 'Tea set',
    customer: { id: 'cust-7', email: 'aigerim@example.kz' },
    returnUrl: 'https://shop.example.kz/orders/1001',
    methods: ['card'],
    captureMethod,
    status: 'open',
    activePaymentId: null,
    latestPaymentId: null,
    createdAt: NOW,
    expiresAt: '2026-03-02T10:00:00.000Z',
  };
}

let paymentSeq = 0;
function paymentRecord(amount: number): PaymentRecord {
  return {
    id: `pay_ops_${Date.now()}_${++paymentSeq}`,
    sessionId: 'ses_ops',
    method: 'card',
    provider: 'pitech',
    amount,
    currency: 'KZT',
    state: 'requires_action',
    providerState: null,
    providerOrderId: null,
    providerRef: null,
    redirectUrl: null,
    failure: null,
    createdAt: NOW,
    updatedAt: NOW,
    checkedAt: null,
    otp: null,
    capturedAmount: null,
    refundedAmount: 0,
    version: 1,
    saveCard: false,
    savedCardId: null,
  };
}

/** What the payment service does with a provider's answer: apply it (a capture also fixes what was charged). */
function apply(payment: PaymentRecord, status: ProviderStatus, capturedAmount?: number): PaymentRecord {
  const current = capturedAmount === undefined ? payment : { ...payment, capturedAmount };
  const { next, amountMismatch } = applyProviderStatus(current, status, NOW, null);
  assert.equal(amountMismatch, false);
  return next;
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }
  assert.fail('expected a ProviderError');
}

describe('PITECH two-phase payments and follow-up operations', () => {
  let sim: PitechSimulator;
  const mock = setupServer();
  /** Bodies PITECH received, by path. */
  let sent: { path: string; body: Record<string, unknown> }[] = [];
  const recordBodies = http.post(`${PITECH_URL}/gw/*`, async ({ request }) => {
    sent.push({ path: new URL(request.url).pathname, body: (await request.clone().json()) as Record<string, unknown> });
    // No answer: the simulator's handler answers.
  });
  // PITECH's notifications after the hosted page; only triggers, not under test here.
  const acceptCallbacks = http.post(CALLBACK_URL, () => new HttpResponse('OK'));

  const adapterWith = (twoPhase: boolean): ProviderAdapter =>
    createPitechAdapter(PitechConfig.parse({ ...PITECH, baseUrl: PITECH_URL, twoPhase }), 2000);
  const adapter = adapterWith(false);

  before(() => {
    sim = createPitechSimulator({ baseUrl: PITECH_URL, ...PITECH });
    mock.listen({ onUnhandledRequest: 'error' });
  });
  beforeEach(() => {
    sent = [];
    mock.resetHandlers(recordBodies, acceptCallbacks, ...pitechHandlers(sim));
  });
  afterEach(() => sim.idle());
  after(() => mock.close());

  /** The shopper pays on PITECH's hosted page with the success card. */
  async function payOnHostedPage(redirectUrl: string): Promise<void> {
    await payOnPitechPage(redirectUrl);
  }

  /** Creates the order, pays it and reads it back, as the return redirect does. */
  async function paid(amount: number, captureMethod: CaptureMethod | null, using = adapter): Promise<PaymentRecord> {
    const payment = paymentRecord(amount);
    const created = await using.createPayment({
      payment,
      session: sessionRecord(amount, captureMethod),
      details: {},
      clientIp: '203.0.113.7',
      returnUrls: { success: 'https://checkout.example.kz/return?outcome=success', error: 'https://checkout.example.kz/return?outcome=error' },
      callbackUrl: CALLBACK_URL,
    });
    assert.equal(created.state, 'requires_action');
    const withOrder = { ...payment, providerOrderId: created.providerOrderId, providerRef: created.providerRef, redirectUrl: created.redirectUrl };
    await payOnHostedPage(created.redirectUrl!);
    return apply(withOrder, await using.fetchStatus(withOrder));
  }
  const orderOf = (payment: PaymentRecord) => sim.getOrder(payment.providerOrderId!)!;
  const authorized = (amount: number) => paid(amount, 'manual');
  const charged = (amount: number) => paid(amount, 'automatic');

  describe('two-phase create', () => {
    it('uses cards/auth with the charge body; the hosted page ends at AUTH_OK, read as authorized', async () => {
      const twoPhase = adapterWith(true);
      const payment = await paid(150050, null, twoPhase);
      assert.equal(sent[0]!.path, '/gw/payments/cards/auth');
      assert.equal(sent[0]!.body.amount, 1500.5);
      assert.equal(sent[0]!.body.extOrdersId, payment.id);
      assert.equal(orderOf(payment).twoPhase, true);
      assert.equal(orderOf(payment).state, 'AUTH_OK');
      assert.equal(payment.state, 'authorized');
      assert.equal(payment.providerState, 'AUTH_OK');
      const status = await twoPhase.fetchStatus(payment);
      assert.deepEqual(status, { providerState: 'AUTH_OK', state: 'authorized', amount: 150050, currency: 'KZT', failure: null });
    });

    it("follows the session's capture method over the configured default", async () => {
      const automatic = await paid(10000, 'automatic', adapterWith(true));
      assert.equal(sent[0]!.path, '/gw/payments/cards/charge');
      assert.equal(automatic.state, 'succeeded');
      sent = [];
      const manual = await paid(10000, 'manual', adapterWith(false));
      assert.equal(sent[0]!.path, '/gw/payments/cards/auth');
      assert.equal(manual.state, 'authorized');
    });
  });

  describe('capture', () => {
    it('commits the whole authorization: SUCCESS, succeeded', async () => {
      const payment = await authorized(150000);
      const status = await adapter.capture!(payment, 150000);
      assert.deepEqual(sent.at(-1), {
        path: '/gw/payments/commit',
        body: { commitAmount: 1500, ...payment.providerRef },
      });
      assert.deepEqual(status, { providerState: 'SUCCESS', state: 'succeeded', amount: 150000, currency: 'KZT', failure: null });
      const next = apply(payment, status!, 150000);
      assert.equal(next.state, 'succeeded');
      assert.equal(orderOf(payment).state, 'SUCCESS');
    });

    it('commits part of it in major units; the charge is the commit, not the authorized amount', async () => {
      const payment = await authorized(150000);
      const status = await adapter.capture!(payment, 120050);
      assert.equal(sent.at(-1)!.body.commitAmount, 1200.5);
      assert.equal(orderOf(payment).committedAmount, 1200.5);
      assert.equal(status!.state, 'succeeded');
      assert.equal(status!.amount, 120050);
      const captured = apply(payment, status!, 120050);
      assert.equal(captured.state, 'succeeded');
      assert.equal(captured.capturedAmount, 120050);
      // The status read agrees, although PITECH's `amount` stays the authorized 1500.
      assert.equal((await adapter.fetchStatus(captured)).amount, 120050);
      // Refunds are measured against the commit.
      const refunded = apply(captured, (await adapter.refund!(captured, 120050))!);
      assert.equal(refunded.state, 'refunded');
      assert.equal(refunded.refundedAmount, 120050);
    });

    it('surfaces a refused commit (twice, above the authorization) as rejected with PITECH’s message', async () => {
      const payment = await authorized(150000);
      const above = await rejection(adapter.capture!(payment, 150001));
      assert.equal(above.kind, 'rejected');
      assert.equal(above.status, 400);
      assert.match(above.providerMessage ?? '', /exceeds the authorised amount/);
      await adapter.capture!(payment, 150000);
      const twice = await rejection(adapter.capture!(payment, 150000));
      assert.equal(twice.kind, 'rejected');
      assert.match(twice.providerMessage ?? '', /Cannot commit an order in state SUCCESS/);
    });
  });

  describe('cancel and reverse', () => {
    it('declares which operations take part of the amount', () => {
      assert.deepEqual(adapter.partial, ['capture', 'refund']);
    });

    it('cancel releases an authorization: REVERSE, canceled', async () => {
      const payment = await authorized(150000);
      const status = await adapter.cancel!(payment);
      assert.deepEqual(sent.at(-1), { path: '/gw/payments/reverse', body: { ...payment.providerRef } });
      assert.equal(status!.providerState, 'REVERSE');
      assert.equal(status!.state, 'canceled');
      assert.equal(apply(payment, status!).state, 'canceled');
      assert.equal(orderOf(payment).state, 'REVERSE');
    });

    it('reverse returns a whole charge before settlement: REVERSE, canceled', async () => {
      const payment = await charged(150000);
      assert.equal(payment.state, 'succeeded');
      const status = await adapter.reverse!(payment);
      assert.equal(status!.state, 'canceled');
      assert.equal(apply(payment, status!).state, 'canceled');
      // Named with the whole charged amount, it is the same reversal.
      const again = await charged(150000);
      assert.equal((await adapter.reverse!(again, 150000))!.state, 'canceled');
    });

    it('refuses a partial reversal before calling PITECH', async () => {
      const payment = await charged(150000);
      sent = [];
      const error = await rejection(adapter.reverse!(payment, 50000));
      assert.equal(error.kind, 'rejected');
      assert.equal(sent.length, 0);
      assert.equal(orderOf(payment).state, 'SUCCESS');
    });

    it('surfaces a reversal after a refund as rejected', async () => {
      const payment = await charged(150000);
      await adapter.refund!(payment, 10000);
      const error = await rejection(adapter.reverse!(payment));
      assert.equal(error.kind, 'rejected');
      assert.match(error.providerMessage ?? '', /state REFUND/);
    });
  });

  describe('refund', () => {
    it('refunds all of a charge, refundAmount as a string of major units', async () => {
      const payment = await charged(150000);
      const status = await adapter.refund!(payment, 150000);
      assert.deepEqual(sent.at(-1), { path: '/gw/payments/refund', body: { refundAmount: '1500', ...payment.providerRef } });
      assert.deepEqual(status, { providerState: 'REFUND', state: 'refunded', amount: 0, currency: 'KZT', failure: null });
      const next = apply(payment, status!);
      assert.equal(next.state, 'refunded');
      assert.equal(next.refundedAmount, 150000);
    });

    it('takes two partial refunds, then the rest; the status read agrees at each step', async () => {
      let payment = await charged(150000);

      const first = await adapter.refund!(payment, 50000);
      assert.equal(sent.at(-1)!.body.refundAmount, '500');
      assert.deepEqual([first!.providerState, first!.state, first!.amount], ['REFUND', 'partially_refunded', 100000]);
      payment = apply(payment, first!);
      assert.deepEqual([payment.state, payment.refundedAmount], ['partially_refunded', 50000]);

      const second = await adapter.refund!(payment, 30050);
      assert.equal(sent.at(-1)!.body.refundAmount, '300.5');
      assert.deepEqual([second!.state, second!.amount], ['partially_refunded', 69950]);
      payment = apply(payment, second!);
      assert.deepEqual([payment.state, payment.refundedAmount], ['partially_refunded', 80050]);

      // PITECH names the order REFUND already; the read still says what remains.
      const read = await adapter.fetchStatus(payment);
      assert.deepEqual([read.providerState, read.state, read.amount], ['REFUND', 'partially_refunded', 69950]);
      assert.equal(apply(payment, read).refundedAmount, 80050);

      const rest = await adapter.refund!(payment, 69950);
      assert.equal(sent.at(-1)!.body.refundAmount, '699.5');
      assert.deepEqual([rest!.state, rest!.amount], ['refunded', 0]);
      payment = apply(payment, rest!);
      assert.deepEqual([payment.state, payment.refundedAmount], ['refunded', 150000]);
      assert.equal(orderOf(payment).refundedAmount, 1500);

      const more = await rejection(adapter.refund!(payment, 1));
      assert.equal(more.kind, 'rejected');
      assert.match(more.providerMessage ?? '', /refunded in full/);
    });

    it('refuses a refund above what remains', async () => {
      let payment = await charged(150000);
      payment = apply(payment, (await adapter.refund!(payment, 50000))!);
      const error = await rejection(adapter.refund!(payment, 100001));
      assert.equal(error.kind, 'rejected');
      assert.match(error.providerMessage ?? '', /exceeds the refundable amount/);
    });

    it('reads a REFUND without a refunded sum from what was recorded', async () => {
      let payment = await charged(150000);
      payment = apply(payment, (await adapter.refund!(payment, 50000))!);
      const order = orderOf(payment);
      // PITECH's document prints no refunded sum: answer the documented fields only.
      mock.use(
        http.get(`${PITECH_URL}/gw/payments`, () =>
          HttpResponse.json({ amount: 1500, uuid: order.uuid, orderDate: order.orderDate, ordersId: order.ordersId, currency: 'KZT', state: 'REFUND' }),
        ),
      );
      const partial = await adapter.fetchStatus(payment);
      assert.deepEqual([partial.state, partial.amount], ['partially_refunded', 100000]);
      const unchanged = apply(payment, partial);
      assert.deepEqual([unchanged.state, unchanged.refundedAmount], ['partially_refunded', 50000]);
      // A charge we never refunded, found REFUND: refunded in full (the document's REFUND is final).
      const full = await adapter.fetchStatus({ ...payment, state: 'succeeded', refundedAmount: 0 });
      assert.deepEqual([full.state, full.amount], ['refunded', 0]);
    });
  });

  describe('provider trouble', () => {
    it('answers a PITECH outage as unavailable', async () => {
      const payment = await authorized(150000);
      mock.use(http.post(`${PITECH_URL}/gw/payments/commit`, () => new HttpResponse('oops', { status: 503 })));
      const error = await rejection(adapter.capture!(payment, 150000));
      assert.equal(error.kind, 'unavailable');
      assert.equal(orderOf(payment).state, 'AUTH_OK');
    });

    it('does not believe an answer in another state than the operation leads to', async () => {
      const payment = await charged(150000);
      const order = orderOf(payment);
      mock.use(
        http.post(`${PITECH_URL}/gw/payments/refund`, () =>
          HttpResponse.json({ amount: 1500, uuid: order.uuid, orderDate: order.orderDate, ordersId: order.ordersId, currency: 'KZT', state: 'SUCCESS' }),
        ),
      );
      assert.equal((await rejection(adapter.refund!(payment, 150000))).kind, 'unavailable');
    });
  });
});
