// Saved cards with pay.tech, through the real router against the sandbox simulator behind msw at
// pay.tech's test host: a deposit with startRecurring, paid on the checkout page, answers a
// recurringToken that our store keeps for the customer; the next payment is a deposit with that
// token, final at once. The token never leaves the server.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPaytechSimulator, PAYTECH_TEST_CARDS, type PaytechSimulator } from '@pay-checkout/sandbox';
import { paytechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { CheckoutConfigInput } from '../src/index.js';
import { ProviderError } from '../src/providers/http.js';
import { createPaytechAdapter } from '../src/providers/paytech/adapter.js';
import { api, type Harness, sql, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL, paymentRecord, payOnCheckoutPage, paytechSettings, sessionRecord } from './paytech-helpers.js';

const sim: PaytechSimulator = createPaytechSimulator({ baseUrl: PAYTECH_URL, ...PAYTECH_KEYS });
const mock = setupServer();
before(() => mock.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => mock.resetHandlers(...paytechHandlers(sim)));
afterEach(() => sim.idle());
after(() => mock.close());

const paytechOnly = (): Partial<CheckoutConfigInput> => ({ providers: { paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } } });
/** The deposits pay.tech holds for one of our payments. */
const depositsOf = (paymentId: string) => sim.payments().filter((p) => p.request.referenceId === paymentId && p.paymentType === 'DEPOSIT');

describe('pay.tech saved cards through the router', () => {
  let h: Harness;
  before(async () => (h = await startServer(paytechOnly())));
  after(async () => h?.close());

  let orderSeq = 0;
  const newSession = (customerId = 'cust-pt-1') =>
    h.checkout.createSession({
      amount: { value: 1112, currency: 'EUR' },
      orderId: `pt-saved-${++orderSeq}`,
      description: 'Tea set',
      customer: { id: customerId, email: 'aigerim@example.kz', name: 'Aigerim Sultanova' },
      returnUrl: 'https://shop.example.kz/orders/1',
    });
  type Session = { id: string; clientSecret: string };
  const view = (session: Session) => api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
  const pay = (session: Session, key: string, body: unknown) =>
    api(`${h.url}/v1/sessions/${session.id}/payments`, { token: session.clientSecret, body, headers: { 'idempotency-key': key } });
  async function followReturn(location: string) {
    const res = await fetch(location, { redirect: 'manual' });
    assert.equal(res.status, 303);
    return res.headers.get('location')!;
  }
  /** Keeps a card for a customer as if an earlier payment had saved it. */
  async function keepCardFor(customerId: string, cardId: string, token: string) {
    await sql(h, 'INSERT INTO saved_cards (id, customer_id, provider, provider_card_id, masked_pan, brand, holder, expiry, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [cardId, customerId, 'paytech', token, '400000***0416', 'visa', 'CARD HOLDER', '12/39', new Date().toISOString()]);
  }

  let token = '';
  let cardId = '';

  it('offers to save the card, starts a recurring chain on the page, and keeps the card for the customer only', async () => {
    const first = await newSession();
    const before = await view(first);
    assert.deepEqual([before.status, before.json.canSaveCard, before.json.savedCards], [200, true, []]);

    const created = await pay(first, 'paytech-save-0001', { method: 'card', saveCard: true });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual([created.json.state, created.json.nextAction.type], ['requires_action', 'redirect']);
    const [deposit] = depositsOf(created.json.id);
    assert.equal(deposit!.request.startRecurring, true, 'the deposit starts a recurring chain');

    const back = await payOnCheckoutPage(created.json.nextAction.url, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    assert.equal(await followReturn(back), `https://shop.example.kz/orders/1?pay_checkout_session=${first.id}`);
    const paid = await view(first);
    assert.deepEqual([paid.json.status, paid.json.payment.state], ['complete', 'succeeded']);
    token = sim.getPayment(deposit!.id)!.recurringToken!;
    assert.ok(token, 'pay.tech issued a recurring token');

    const next = await view(await newSession());
    assert.equal(next.json.savedCards.length, 1);
    const [card] = next.json.savedCards;
    assert.deepEqual(
      { ...card, id: undefined },
      { id: undefined, provider: 'paytech', brand: 'visa', maskedPan: '400000***0002', last4: '0002', holder: 'AIGERIM SULTANOVA', expiry: '12/39' },
    );
    assert.equal(JSON.stringify(next.json).includes(token), false, 'the token is nowhere in the session');
    assert.doesNotMatch(JSON.stringify(next.json), /recurringToken|providerCardId/);
    cardId = card.id;

    assert.deepEqual((await view(await newSession('cust-pt-2'))).json.savedCards, [], 'another customer sees none');
  });

  it('pays a new session of the customer with the saved card at once: one DEPOSIT with the token, no redirect', async () => {
    const session = await newSession();
    const res = await pay(session, 'paytech-saved-pay-0001', { method: 'card', savedCardId: cardId });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.nextAction], ['succeeded', null]);
    assert.equal(JSON.stringify(res.json).includes(token), false);

    const deposits = depositsOf(res.json.id);
    assert.equal(deposits.length, 1);
    const { request } = deposits[0]!;
    assert.deepEqual([request.paymentType, request.amount, request.currency, request.recurringToken], ['DEPOSIT', 11.12, 'EUR', token]);
    assert.equal(request.startRecurring, undefined);
    assert.equal(request.parentPaymentId, undefined, 'the token alone continues the chain');
    const after = await view(session);
    assert.deepEqual([after.json.status, after.json.payment.state], ['complete', 'succeeded']);
    assert.equal((await view(await newSession())).json.savedCards.length, 1, 'still one card');
  });

  it('another customer cannot use the card: 404 saved_card_not_found', async () => {
    const before = sim.payments().length;
    const res = await pay(await newSession('cust-pt-2'), 'paytech-saved-stranger-0001', { method: 'card', savedCardId: cardId });
    assert.deepEqual([res.status, res.json.error.code], [404, 'saved_card_not_found']);
    assert.equal(sim.payments().length, before, 'nothing reached pay.tech');
  });

  it('a saved card pay.tech declines fails the payment at once with the reason', async () => {
    await keepCardFor('cust-pt-3', 'card_ptdeclining1', sim.keepRecurringCard({ number: PAYTECH_TEST_CARDS.declined.number }));
    const session = await newSession('cust-pt-3');
    const res = await pay(session, 'paytech-saved-declined-0001', { method: 'card', savedCardId: 'card_ptdeclining1' });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.failure, res.json.nextAction], ['failed', { code: 'insufficient_funds', reason: 'Insufficient Funds' }, null]);
    assert.equal(depositsOf(res.json.id)[0]!.state, 'DECLINED');
  });

  it('a token pay.tech does not know is refused without naming it', async () => {
    const unknown = 'e'.repeat(32);
    await keepCardFor('cust-pt-4', 'card_ptunknown01', unknown);
    const res = await pay(await newSession('cust-pt-4'), 'paytech-saved-unknown-0001', { method: 'card', savedCardId: 'card_ptunknown01' });
    assert.deepEqual([res.status, res.json.error.code], [502, 'provider_error']);
    const payment = await h.checkout.getPayment(res.json.error.details.paymentId);
    assert.deepEqual([payment.state, payment.failure], ['failed', { code: 'provider_error', reason: 'The saved card is no longer available' }]);
    assert.equal(h.logs.join('\n').includes(unknown), false);
  });

  it('a saved-card charge whose answer is lost stays processing, so it is never charged twice', async () => {
    mock.use(http.post(`${PAYTECH_URL}/api/v1/payments`, () => HttpResponse.json({ status: 503 }, { status: 503 })));
    const session = await newSession();
    const res = await pay(session, 'paytech-saved-lost-0001', { method: 'card', savedCardId: cardId });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.nextAction?.type], ['processing', 'await'], 'no page: the element waits');
    const again = await pay(session, 'paytech-saved-lost-0002', { method: 'card', savedCardId: cardId });
    assert.equal(again.json.id, res.json.id, 'no second charge starts');
  });

  it('without saveCard no chain is started and nothing is kept', async () => {
    const session = await newSession('cust-pt-5');
    const created = await pay(session, 'paytech-nosave-0001', { method: 'card' });
    assert.equal(depositsOf(created.json.id)[0]!.request.startRecurring, undefined);
    await followReturn(await payOnCheckoutPage(created.json.nextAction.url, PAYTECH_TEST_CARDS.success.number));
    assert.equal((await h.checkout.getPayment(created.json.id)).state, 'succeeded');
    assert.deepEqual((await view(await newSession('cust-pt-5'))).json.savedCards, []);
  });

  it('a declined payment on the page keeps no card', async () => {
    const session = await newSession('cust-pt-6');
    const created = await pay(session, 'paytech-save-declined-0001', { method: 'card', saveCard: true });
    await followReturn(await payOnCheckoutPage(created.json.nextAction.url, PAYTECH_TEST_CARDS.declined.number));
    assert.equal((await h.checkout.getPayment(created.json.id)).state, 'failed');
    assert.deepEqual((await view(await newSession('cust-pt-6'))).json.savedCards, []);
  });

  it('keeps recurring tokens and card numbers out of every log line', () => {
    const joined = h.logs.join('\n');
    assert.equal(joined.includes(token), false);
    assert.doesNotMatch(joined, /recurringToken|providerCardId/);
    for (const card of Object.values(PAYTECH_TEST_CARDS)) assert.equal(joined.includes(card.number), false);
  });
});

describe('pay.tech adapter with saved cards', () => {
  const adapter = createPaytechAdapter(paytechSettings({ baseUrl: PAYTECH_URL }), 2000);
  function input(overrides: { saveCard?: boolean; token?: string } = {}) {
    const payment = paymentRecord({ saveCard: overrides.saveCard ?? false, savedCardId: overrides.token ? 'card_x' : null });
    return {
      payment, session: sessionRecord(), details: {}, clientIp: '127.0.0.1', callbackUrl: 'https://pay.example.kz/pay/v1/callbacks/paytech',
      returnUrls: { success: `https://pay.example.kz/pay/v1/return/${payment.id}?outcome=success`, error: `https://pay.example.kz/pay/v1/return/${payment.id}?outcome=error` },
      ...(overrides.saveCard !== undefined && { saveCard: overrides.saveCard }),
      ...(overrides.token && { savedCard: { providerCardId: overrides.token, maskedPan: '400000***0408', brand: 'visa', holder: null, expiry: '12/39' } }),
    };
  }

  it('says the checkout page can keep cards and has no list or delete call', () => {
    assert.deepEqual(adapter.savedCards, { saveOnHandoff: true });
  });

  it('reports the kept card only for a payment that asked to keep it, once paid', async () => {
    const kept = input({ saveCard: true });
    const created = await adapter.createPayment(kept);
    const payment = { ...kept.payment, providerOrderId: created.providerOrderId, providerRef: created.providerRef };
    assert.equal((await adapter.fetchStatus(payment)).savedCard, undefined, 'not before it is paid');
    await payOnCheckoutPage(created.redirectUrl!, PAYTECH_TEST_CARDS.success.number);
    const status = await adapter.fetchStatus(payment);
    const issued = sim.getPayment(created.providerOrderId!)!.recurringToken!;
    assert.deepEqual(status.savedCard, { providerCardId: issued, maskedPan: '400000***0408', brand: 'visa', holder: 'AIGERIM SULTANOVA', expiry: '12/39' });
    assert.equal((await adapter.fetchStatus({ ...payment, saveCard: false })).savedCard, undefined);
  });

  it('declines: a failed payment with pay.tech\'s reason, no page', async () => {
    for (const [card, failure] of [
      [PAYTECH_TEST_CARDS.declined, { code: 'insufficient_funds', reason: 'Insufficient Funds' }],
      [PAYTECH_TEST_CARDS.threeDsDeclined, { code: 'card_declined', reason: 'Do Not Honor' }],
    ] as const) {
      const token = sim.keepRecurringCard({ number: card.number });
      const created = await adapter.createPayment(input({ token }));
      assert.deepEqual([created.state, created.redirectUrl, created.failure], ['failed', null, failure]);
    }
  });

  it('an unknown token is refused without naming it', async () => {
    const token = 'abc123'.repeat(5);
    const error = await adapter.createPayment(input({ token })).then(() => assert.fail('an unknown token must not pay'), (e: unknown) => e);
    assert.ok(error instanceof ProviderError);
    assert.deepEqual([error.kind, error.providerMessage], ['rejected', 'The saved card is no longer available']);
    assert.doesNotMatch(`${error.message} ${error.providerMessage}`, new RegExp(token));
  });
});
