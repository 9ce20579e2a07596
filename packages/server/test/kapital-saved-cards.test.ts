// Saved cards with Kapital Bank, through the real router against the sandbox simulator behind msw
// at the bank's test host: the hosted page keeps the card when the shopper asks, our store keeps
// it for the customer, and the next payment charges it with Order_REC (or DMSN3D), Set Source
// Token and Execution Transaction, final at once. The bank's stored token never leaves the server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createKapitalSimulator, KAPITAL_TEST_CARDS, type KapitalSimulator } from '@pay-checkout/sandbox';
import { kapitalHandlers } from '@pay-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import type { CheckoutConfigInput } from '../src/index.js';
import { ProviderError } from '../src/providers/http.js';
import { createKapitalAdapter } from '../src/providers/kapital/adapter.js';
import { KapitalConfig } from '../src/providers/kapital/config.js';
import { KapitalError } from '../src/providers/kapital/errors.js';
import type { PaymentRecord, SessionRecord } from '../src/store/types.js';
import { api, type Harness, sql, startServer } from './helpers.js';

const KAPITAL_URL = 'https://txpgtst.kapitalbank.az';
const KAPITAL = { username: 'TerminalSys/checkout', password: 'kapital-test-pass-7' };
/** The documented test card expires 11/26; the simulator's clock starts on 2026-11-22. */
const SIM_EPOCH = Date.UTC(2026, 10, 22, 10, 0, 0);
const SAVE_PURPOSES = ['UnspecifiedMit', 'Cit', 'Recurring'];

interface SeenRequest {
  method: string;
  url: string;
  body: any;
}

const mock = setupServer();
const started = Date.now();
const sim: KapitalSimulator = createKapitalSimulator({ baseUrl: KAPITAL_URL, ...KAPITAL, now: () => SIM_EPOCH + (Date.now() - started) });
let seen: Promise<SeenRequest>[] = [];
mock.events.on('request:start', ({ request }) => {
  if (!request.url.startsWith(`${KAPITAL_URL}/api/`)) return;
  const copy = request.clone();
  seen.push((async () => ({ method: request.method, url: request.url, body: request.method === 'POST' ? await copy.json() : null }))());
});
/** The API requests made since the last reset, as "METHOD path" plus body. */
const apiRequests = async () => (await Promise.all(seen)).map((r) => ({ ...r, path: `${r.method} ${r.url.slice(KAPITAL_URL.length)}` }));

before(() => mock.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  mock.resetHandlers(...kapitalHandlers(sim));
  seen = [];
});
after(() => mock.close());

/** The shopper fills the bank's hosted page; returns where the bank sends them back. */
async function payOnHostedPage(redirectUrl: string, card: { number: string; expiry?: string; cvc?: string }): Promise<string> {
  const query = new URL(redirectUrl).searchParams;
  const form = new URLSearchParams({
    id: query.get('id')!, password: query.get('password')!, cardNumber: card.number, expiry: card.expiry ?? '12/30', cvc: card.cvc ?? '123',
    cardholderName: 'LEYLA MAMMADOVA', action: 'pay',
  });
  const res = await fetch(`${KAPITAL_URL}/flex`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 303, await res.text());
  return res.headers.get('location')!;
}

/** The stored token's id as it could appear in JSON: a quoted string or a bare number. */
const mentions = (json: unknown, storedId: number) => new RegExp(`"${storedId}"|[:\\[,]${storedId}[,}\\]]`).test(JSON.stringify(json));

const kapitalOnly = (extra: Record<string, unknown> = {}) => ({ providers: { kapital: { ...KAPITAL, ...extra } } }) as unknown as Partial<CheckoutConfigInput>;

describe('Kapital Bank saved cards through the router', () => {
  let h: Harness;
  before(async () => (h = await startServer(kapitalOnly())));
  after(async () => h?.close());

  let orderSeq = 0;
  const newSession = (customerId = 'cust-az-1', extra: Record<string, unknown> = {}) =>
    h.checkout.createSession({
      amount: { value: 1050, currency: 'AZN' },
      orderId: `az-saved-${++orderSeq}`,
      description: 'Tea set',
      customer: { id: customerId, email: 'leyla@example.az', name: 'Leyla Mammadova' },
      returnUrl: 'https://shop.example.az/orders/1',
      ...extra,
    });
  const view = (session: { id: string; clientSecret: string }) => api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
  const pay = (session: { id: string; clientSecret: string }, key: string, body: unknown) =>
    api(`${h.url}/v1/sessions/${session.id}/payments`, { token: session.clientSecret, body, headers: { 'idempotency-key': key } });
  const forget = (session: { id: string; clientSecret: string }, cardId: string) =>
    api(`${h.url}/v1/sessions/${session.id}/saved-cards/${cardId}`, { method: 'DELETE', token: session.clientSecret });
  async function followReturn(location: string) {
    const res = await fetch(location, { redirect: 'manual' });
    assert.equal(res.status, 303);
    return res.headers.get('location')!;
  }

  let storedId = 0;
  let cardId = '';

  it('offers to save the card, keeps it once paid on the hosted page, and lists it to the same customer only', async () => {
    const first = await newSession();
    const before = await view(first);
    assert.equal(before.status, 200);
    assert.deepEqual([before.json.canSaveCard, before.json.savedCards], [true, []]);

    const created = await pay(first, 'kapital-save-1', { method: 'card', saveCard: true });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual([created.json.state, created.json.nextAction.type], ['requires_action', 'redirect']);
    const order = sim.getOrder(new URL(created.json.nextAction.url).searchParams.get('id')!)!;
    assert.deepEqual([order.typeRid, order.request.hppCofCapturePurposes], ['Order_SMS', SAVE_PURPOSES], 'the page is asked to keep the card');

    const back = await payOnHostedPage(created.json.nextAction.url, KAPITAL_TEST_CARDS.mastercardSuccess);
    assert.equal(await followReturn(back), `https://shop.example.az/orders/1?pay_checkout_session=${first.id}`);
    const paid = await view(first);
    assert.deepEqual([paid.json.status, paid.json.payment.state], ['complete', 'succeeded']);
    storedId = sim.getOrder(order.id)!.storedTokenId!;
    assert.ok(storedId > 0, 'the bank issued a stored token');

    const next = await view(await newSession());
    assert.equal(next.json.savedCards.length, 1);
    const [card] = next.json.savedCards;
    assert.deepEqual(
      { ...card, id: undefined },
      { id: undefined, provider: 'kapital', brand: 'mastercard', maskedPan: '510307******3118', last4: '3118', holder: null, expiry: '12/30' },
    );
    assert.doesNotMatch(card.id, new RegExp(String(storedId)));
    assert.equal(mentions(next.json, storedId), false, 'the stored token is nowhere in the session');
    assert.doesNotMatch(JSON.stringify(next.json), /storedId|providerCardId|srcToken/);
    cardId = card.id;

    const stranger = await view(await newSession('cust-az-2'));
    assert.deepEqual(stranger.json.savedCards, [], 'another customer sees none');
  });

  it('pays a new session of the customer with the saved card at once: Order_REC, set-src-token, exec-tran, no redirect', async () => {
    const session = await newSession();
    seen = [];
    const res = await pay(session, 'kapital-saved-pay-1', { method: 'card', savedCardId: cardId });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.nextAction], ['succeeded', null]);
    assert.equal(mentions(res.json, storedId), false);

    const requests = await apiRequests();
    assert.deepEqual(
      requests.map((r) => r.path.replace(/\/\d+(?=[/?])/, '/{id}').replace(/password=[a-z0-9]+/, 'password={password}').replace(/\?tran.*$/, '?detailed')),
      ['POST /api/order/', 'POST /api/order/{id}/set-src-token?password={password}', 'POST /api/order/{id}/exec-tran?password={password}', 'GET /api/order/{id}?detailed'],
    );
    const [create, token, tran] = requests;
    assert.deepEqual(create!.body, { order: { typeRid: 'Order_REC', amount: '10.50', currency: 'AZN', language: 'az', description: 'Tea set' } });
    assert.deepEqual(token!.body, { order: { initiationEnvKind: 'Server' }, token: { storedId } });
    assert.deepEqual(tran!.body, { tran: { phase: 'Single', amount: '10.50', conditions: { cofUsage: 'UnspecifiedMit' } } });

    const order = sim.getOrder(/\/api\/order\/(\d+)\//.exec(token!.url)![1]!)!;
    assert.deepEqual([order.typeRid, order.status, order.initiationEnvKind], ['Order_REC', 'FullyPaid', 'Server']);
    const after = await view(session);
    assert.deepEqual([after.json.status, after.json.payment.state], ['complete', 'succeeded']);
    // A paid saved-card order is refunded like any purchase.
    assert.equal((await h.checkout.refund(res.json.id)).state, 'refunded');
  });

  it('a preauthorization with the saved card (manual capture) is DMSN3D, authorized at once, then captured', async () => {
    const session = await newSession('cust-az-1', { captureMethod: 'manual' });
    seen = [];
    const res = await pay(session, 'kapital-saved-auth-1', { method: 'card', savedCardId: cardId });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.nextAction], ['authorized', null]);
    const [create, , tran] = await apiRequests();
    assert.equal(create!.body.order.typeRid, 'DMSN3D');
    assert.deepEqual(tran!.body, { tran: { phase: 'Auth', authorizationKind: 'Preliminary', amount: '10.50', conditions: { cofUsage: 'UnspecifiedMit' } } });
    assert.equal((await h.checkout.capture(res.json.id)).state, 'succeeded');
  });

  it('another customer cannot use or remove the card: 404 saved_card_not_found', async () => {
    const stranger = await newSession('cust-az-2');
    const res = await pay(stranger, 'kapital-saved-stranger-1', { method: 'card', savedCardId: cardId });
    assert.deepEqual([res.status, res.json.error.code], [404, 'saved_card_not_found']);
    const removed = await forget(stranger, cardId);
    assert.deepEqual([removed.status, removed.json.error.code], [404, 'saved_card_not_found']);
    assert.equal((await view(await newSession())).json.savedCards.length, 1, 'still there for its owner');
  });

  it('a saved card the bank declines fails the payment with the bank\'s reason', async () => {
    // A card that paid once and is refused now: kept for the customer under a token the bank declines.
    const declining = sim.storeCard({ number: KAPITAL_TEST_CARDS.declined.number });
    await sql(h, 'INSERT INTO saved_cards (id, customer_id, provider, provider_card_id, masked_pan, brand, holder, expiry, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['card_declining01', 'cust-az-3', 'kapital', String(declining), '416974******0058', 'visa', null, '12/30', new Date().toISOString()]);

    const session = await newSession('cust-az-3');
    const res = await pay(session, 'kapital-saved-declined-1', { method: 'card', savedCardId: 'card_declining01' });
    // A decline is the payment's verified answer, not an error of the request.
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.deepEqual([res.json.state, res.json.failure], ['failed', { code: 'card_declined', reason: 'Restricted card' }]);
    assert.equal(res.json.nextAction, null);
    const payment = await h.checkout.getPayment(res.json.id);
    assert.deepEqual([payment.state, payment.failure?.code], ['failed', 'card_declined']);
    assert.equal(mentions(res.json, declining), false);
  });

  it('forgetting the card: DELETE answers 204 and the card is no longer listed', async () => {
    const session = await newSession();
    const removed = await forget(session, cardId);
    assert.equal(removed.status, 204);
    assert.deepEqual((await view(await newSession())).json.savedCards, []);
    const again = await pay(await newSession(), 'kapital-saved-removed-1', { method: 'card', savedCardId: cardId });
    assert.deepEqual([again.status, again.json.error.code], [404, 'saved_card_not_found']);
  });

  it('without saveCard the page is not asked to keep the card and nothing is kept', async () => {
    const session = await newSession('cust-az-4');
    const created = await pay(session, 'kapital-nosave-1', { method: 'card' });
    const order = sim.getOrder(new URL(created.json.nextAction.url).searchParams.get('id')!)!;
    assert.equal(order.request.hppCofCapturePurposes, undefined, 'the page is not asked to keep the card');
    await followReturn(await payOnHostedPage(created.json.nextAction.url, KAPITAL_TEST_CARDS.mastercardSuccess));
    assert.equal((await h.checkout.getPayment(created.json.id)).state, 'succeeded');
    assert.deepEqual((await view(await newSession('cust-az-4'))).json.savedCards, []);
  });

  it('a declined payment on the page keeps no card', async () => {
    const session = await newSession('cust-az-5');
    const created = await pay(session, 'kapital-save-declined-1', { method: 'card', saveCard: true });
    await followReturn(await payOnHostedPage(created.json.nextAction.url, KAPITAL_TEST_CARDS.insufficientFunds));
    assert.equal((await h.checkout.getPayment(created.json.id)).state, 'failed');
    assert.deepEqual((await view(await newSession('cust-az-5'))).json.savedCards, []);
  });

  it('keeps stored tokens, the password and card numbers out of every log line', () => {
    const joined = h.logs.join('\n');
    assert.equal(joined.includes(KAPITAL.password), false);
    assert.equal(mentions(h.logs.map((line) => JSON.parse(line)), storedId), false);
    assert.doesNotMatch(joined, /storedId|providerCardId/);
    for (const card of Object.values(KAPITAL_TEST_CARDS)) assert.equal(joined.includes(card.number), false);
  });
});

describe('Kapital Bank adapter with saved cards', () => {
  const adapter = createKapitalAdapter(KapitalConfig.parse(KAPITAL), 2000);
  let seq = 0;
  function input(savedCard?: { providerCardId: string }) {
    const now = new Date().toISOString();
    const id = `pay_kapital_saved_${++seq}`;
    const session: SessionRecord = {
      id: 'cs_kapital_saved', clientSecretHash: 'x', orderId: `order-${seq}`, amount: 700, currency: 'AZN', description: 'Tea set', customer: { id: 'cust-az-1' },
      returnUrl: 'https://shop.example.az/orders/1', methods: ['card'], captureMethod: null, status: 'open', activePaymentId: null, latestPaymentId: null,
      createdAt: now, expiresAt: now,
    };
    const payment: PaymentRecord = {
      id, sessionId: session.id, method: 'card', provider: 'kapital', amount: 700, currency: 'AZN', state: 'processing', providerState: null,
      providerOrderId: null, providerRef: null, redirectUrl: null, failure: null, createdAt: now, updatedAt: now, checkedAt: null, otp: null,
      capturedAmount: null, refundedAmount: 0, version: 0, saveCard: false, savedCardId: savedCard ? 'card_x' : null,
    };
    return {
      payment, session, details: {}, clientIp: '127.0.0.1', callbackUrl: 'https://pay.example.az/pay/v1/callbacks/kapital',
      returnUrls: { success: `https://pay.example.az/pay/v1/return/${id}?outcome=success`, error: `https://pay.example.az/pay/v1/return/${id}?outcome=error` },
      ...(savedCard && { savedCard: { ...savedCard, maskedPan: '416974******0058', brand: 'visa', holder: null, expiry: '12/30' } }),
    };
  }

  it('says the hosted page can keep cards and has no list or delete call', () => {
    assert.deepEqual(adapter.savedCards, { saveOnHandoff: true });
  });

  it('reports the kept card only for an order created to keep it, once paid', async () => {
    const kept = input();
    const created = await adapter.createPayment({ ...kept, saveCard: true });
    assert.equal(created.providerRef.saveCard, 'true');
    const payment = { ...kept.payment, providerOrderId: created.providerOrderId, providerRef: created.providerRef };
    assert.equal((await adapter.fetchStatus(payment)).savedCard, undefined, 'not before it is paid');
    await payOnHostedPage(created.redirectUrl!, KAPITAL_TEST_CARDS.mastercardSuccess);
    const status = await adapter.fetchStatus(payment);
    const storedId = String(sim.getOrder(created.providerOrderId!)!.storedTokenId);
    assert.deepEqual(status.savedCard, { providerCardId: storedId, maskedPan: '510307******3118', brand: 'mastercard', holder: null, expiry: '12/30' });

    // The same bank answer for an order we did not ask to keep the card: nothing reported.
    const { saveCard: _dropped, ...ref } = created.providerRef;
    assert.equal((await adapter.fetchStatus({ ...payment, providerRef: ref })).savedCard, undefined);
  });

  it('a preauthorization on the page keeps the card too: reported once authorized', async () => {
    const preauth = createKapitalAdapter(KapitalConfig.parse({ ...KAPITAL, twoPhase: true }), 2000);
    const kept = input();
    const created = await preauth.createPayment({ ...kept, saveCard: true });
    const order = sim.getOrder(created.providerOrderId!)!;
    assert.deepEqual([order.typeRid, order.request.hppCofCapturePurposes], ['Order_DMS', SAVE_PURPOSES]);
    await payOnHostedPage(created.redirectUrl!, KAPITAL_TEST_CARDS.mastercardSuccess);
    const status = await preauth.fetchStatus({ ...kept.payment, providerOrderId: created.providerOrderId, providerRef: created.providerRef });
    assert.equal(status.state, 'authorized');
    assert.equal(status.savedCard?.providerCardId, String(sim.getOrder(order.id)!.storedTokenId));
  });

  it('declines: a failed payment with the failure and the bank\'s reason, for each declining test card', async () => {
    for (const card of [KAPITAL_TEST_CARDS.declined, KAPITAL_TEST_CARDS.insufficientFunds]) {
      const storedId = String(sim.storeCard({ number: card.number }));
      const created = await adapter.createPayment(input({ providerCardId: storedId }));
      assert.equal(created.state, 'failed');
      assert.equal(created.redirectUrl, null);
      assert.deepEqual(
        [created.failure?.code, created.failure?.reason],
        card === KAPITAL_TEST_CARDS.declined ? ['card_declined', 'Restricted card'] : ['insufficient_funds', 'Insufficient funds'],
      );
      assert.equal(JSON.stringify(created.failure).includes(storedId), false);
    }
  });

  it('a stored token the bank does not know is refused without naming it', async () => {
    const error = await adapter.createPayment(input({ providerCardId: '987654321' })).then(
      () => assert.fail('an unknown token must not create a payment'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ProviderError);
    assert.deepEqual([error.kind, error.providerMessage], ['rejected', 'The saved card is no longer available']);
    assert.doesNotMatch(`${error.message} ${error.providerMessage}`, /987654321/);
    await assert.rejects(adapter.createPayment(input({ providerCardId: 'tok_not_kapital' })), (e: unknown) => e instanceof ProviderError && e.kind === 'rejected');
  });
});
