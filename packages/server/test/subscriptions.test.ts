// PITECH subscriptions through the real router: created on a customer's saved card (5.1), read,
// listed by page, changed and canceled at PITECH; bad requests refused before PITECH hears of them;
// and the charges PITECH makes on its own clock recorded as payments, each with its notification.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { MerchantEvent } from '@pay-checkout/protocol';
import { createPitechSimulator, PITECH_TEST_CARDS, type PitechSimulator } from '@pay-checkout/sandbox';
import { pitechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PITECH_URL } from './pitech-helpers.js';
import { API_KEY, api, type Harness, PITECH, sessionBody, sql, startServer } from './helpers.js';

type Json = Record<string, any>;

const SEEDS = [
  { extClientRef: 'cust-7', number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' },
  { extClientRef: 'cust-8', number: PITECH_TEST_CARDS.declined.number, holderName: 'ERLAN ABDRAKHMANOV' },
  { extClientRef: 'cust-list', number: PITECH_TEST_CARDS.mastercardSuccess.number },
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Far enough ahead that runSubscriptions in the charge tests never reaches it. */
const LATER = () => new Date(Date.now() + 60 * DAY).toISOString();

/** The saved card a payment was made with, as stored (the merchant's payment view does not carry it). */
async function savedCardIdOf(h: Harness, paymentId: string): Promise<string | null> {
  const [row] = await sql(h, 'SELECT saved_card_id FROM payments WHERE id = ?', [paymentId]);
  return (row as { saved_card_id: string | null }).saved_card_id;
}

describe('PITECH subscriptions', () => {
  let sim: PitechSimulator;
  let h: Harness;
  const hooked: MerchantEvent[] = [];
  const mock = setupServer();
  /** PITECH calls as "METHOD /path" with their JSON bodies, in order. */
  const calls: { call: string; body: Json | null }[] = [];

  before(async () => {
    sim = createPitechSimulator({ baseUrl: PITECH_URL, ...PITECH, savedCards: SEEDS });
    mock.use(...pitechHandlers(sim));
    mock.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.origin !== PITECH_URL) return;
      const entry: { call: string; body: Json | null } = { call: `${request.method} ${url.pathname}`, body: null };
      calls.push(entry);
      if (request.method === 'POST' || request.method === 'PUT') void request.clone().json().then((body) => (entry.body = body as Json));
    });
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer({ onPaymentEvent: (event) => void hooked.push(event) });
  });
  beforeEach(() => {
    mock.resetHandlers(...pitechHandlers(sim));
    calls.length = 0;
  });
  afterEach(() => sim.idle());
  after(async () => {
    mock.close();
    await h.close();
  });

  const merchant = (path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
    api(`${h.url}${path}`, { token: API_KEY, ...init, headers: init.key ? { 'idempotency-key': init.key } : {} });
  const subscriptionCalls = () => calls.filter(({ call }) => call.includes('/gw/subscriptions'));
  /** Our id of the customer's saved PITECH card, as the session lists it. */
  async function cardOf(customerId: string): Promise<string> {
    const { customer: _, ...body } = sessionBody;
    const session = await h.checkout.createSession({ ...body, orderId: `sub-cards-${customerId}`, customer: { id: customerId } });
    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    return view.json.savedCards[0].id;
  }
  let keySeq = 0;
  const newKey = () => `subscription-key-${++keySeq}`;
  const request = async (customerId = 'cust-7', overrides: Json = {}) => ({
    savedCardId: await cardOf(customerId),
    customerId,
    amount: { value: 150000, currency: 'KZT' },
    interval: 'MONTH',
    period: 1,
    maxPeriods: 12,
    startTime: LATER(),
    description: 'Tea of the month',
    email: 'aigerim@example.kz',
    ...overrides,
  });
  const create = async (body: Json, key = newKey()) => merchant('/v1/subscriptions', { body, key });

  it("creates the subscription at PITECH with 5.1's fields, on the card's PITECH token", async () => {
    const body = await request();
    calls.length = 0;
    const res = await create(body, 'subscription-create-1');
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.match(res.json.id, /^sub_/);
    assert.deepEqual({ ...res.json, id: 'x', createdAt: 'x' }, {
      id: 'x',
      provider: 'pitech',
      customerId: 'cust-7',
      savedCardId: body.savedCardId,
      amount: { value: 150000, currency: 'KZT' },
      interval: 'MONTH',
      period: 1,
      maxPeriods: 12,
      description: 'Tea of the month',
      state: 'active',
      successfulCharges: 0,
      failedCharges: 0,
      nextChargeAt: new Date(Math.floor(Date.parse(body.startTime) / 1000) * 1000).toISOString(),
      lastChargeAt: null,
      createdAt: 'x',
    });
    const token = sim.savedCards('cust-7')[0]!.cardsId;
    assert.deepEqual(subscriptionCalls().map(({ call }) => call), ['POST /gw/subscriptions']);
    const sent = subscriptionCalls()[0]!.body!;
    assert.deepEqual(Object.keys(sent).sort(), ['amount', 'cardsId', 'currency', 'description', 'email', 'extClientRef', 'interval', 'maxPeriods', 'period', 'startTime']);
    assert.equal(sent.cardsId, token);
    assert.equal(sent.amount, 1500);
    assert.equal(sent.extClientRef, 'cust-7');
    assert.match(sent.startTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.ok(!JSON.stringify(res.json).includes(token), 'the PITECH token never leaves the server');

    // The same key and body answer with the same subscription; PITECH is not asked again.
    const again = await create(body, 'subscription-create-1');
    assert.equal(again.status, 201);
    assert.equal(again.json.id, res.json.id);
    assert.equal(subscriptionCalls().length, 1);
    const reused = await create({ ...body, description: 'Another plan' }, 'subscription-create-1');
    assert.equal(reused.status, 422);
    assert.equal(reused.json.error.code, 'idempotency_key_reused');
  });

  it("settles a create whose answer was lost without subscribing the card twice", async () => {
    const body = await request('cust-7', { description: 'Lost answer plan' });
    // PITECH creates the subscription, but its answer never arrives.
    mock.use(
      http.post(`${PITECH_URL}/gw/subscriptions`, async ({ request: lost }) => {
        await sim.handle(lost);
        return HttpResponse.error();
      }, { once: true }),
    );
    const before = sim.subscriptions('cust-7').length;
    const first = await create(body, 'subscription-lost-1');
    assert.equal(first.status, 503, JSON.stringify(first.json));
    assert.equal(first.json.error.code, 'provider_unavailable');
    assert.equal(sim.subscriptions('cust-7').length, before + 1);

    calls.length = 0;
    const again = await create(body, 'subscription-lost-1');
    assert.equal(again.status, 201, JSON.stringify(again.json));
    assert.equal(again.json.description, 'Lost answer plan');
    assert.equal(sim.subscriptions('cust-7').length, before + 1, 'found at PITECH, not created again');
    assert.deepEqual(subscriptionCalls().map(({ call }) => call), ['GET /gw/subscriptions']);
    assert.equal((await create(body, 'subscription-lost-1')).json.id, again.json.id);

    // A refused create leaves nothing behind: the same key may try again.
    mock.use(
      http.post(`${PITECH_URL}/gw/subscriptions`, () => HttpResponse.json({ status: 400, message: 'Bad request' }, { status: 400 }), { once: true }),
    );
    const refused = await create(body, 'subscription-lost-2');
    assert.equal(refused.status, 502);
    assert.equal(refused.json.error.code, 'provider_error');
    assert.equal((await create(body, 'subscription-lost-2')).status, 201);
  });

  it('refuses bad requests before any PITECH call', async () => {
    const good = await request();
    const otherCard = await cardOf('cust-8');
    calls.length = 0;
    const refusals: [Json, number, string][] = [
      [{ ...good, savedCardId: otherCard }, 404, 'saved_card_not_found'],
      [{ ...good, savedCardId: 'card_unknown' }, 404, 'saved_card_not_found'],
      [{ ...good, startTime: new Date(Date.now() - HOUR).toISOString() }, 400, 'invalid_request'],
      [{ ...good, interval: 'YEAR' }, 400, 'invalid_request'],
      [{ ...good, period: 0 }, 400, 'invalid_request'],
      [{ ...good, amount: { value: 1500.5, currency: 'KZT' } }, 400, 'amount_out_of_range'],
      [{ ...good, amount: { value: 1500, currency: 'AZN' } }, 400, 'currency_not_supported'],
      [{ ...good, extra: true }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await create(body);
      assert.equal(res.status, status, `${code}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, code);
    }
    const noKey = await merchant('/v1/subscriptions', { body: good });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.json.error.code, 'idempotency_key_required');
    const noApiKey = await api(`${h.url}/v1/subscriptions`, { body: good, headers: { 'idempotency-key': newKey() } });
    assert.equal(noApiKey.status, 401);
    assert.equal((await api(`${h.url}/v1/subscriptions`)).status, 401);
    assert.deepEqual(subscriptionCalls(), [], 'PITECH heard of none of them');
  });

  it('reads one, and lists pages sorted by creation', async () => {
    const ids: string[] = [];
    for (const plan of ['first', 'second', 'third']) ids.push((await create(await request('cust-list', { description: plan }))).json.id);
    const one = await merchant(`/v1/subscriptions/${ids[1]}`);
    assert.equal(one.status, 200);
    assert.equal(one.json.description, 'second');
    assert.equal((await merchant('/v1/subscriptions/sub_unknown')).json.error.code, 'subscription_not_found');

    calls.length = 0;
    const first = await merchant('/v1/subscriptions?customerId=cust-list&page=0&size=2&sort=createdAt,asc');
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json.data.map((s: Json) => s.id), ids.slice(0, 2));
    assert.deepEqual({ page: first.json.page, size: first.json.size, totalElements: first.json.totalElements, totalPages: first.json.totalPages }, {
      page: 0,
      size: 2,
      totalElements: 3,
      totalPages: 2,
    });
    assert.deepEqual(calls.map(({ call }) => call), ['GET /gw/subscriptions']);
    const second = await merchant('/v1/subscriptions?customerId=cust-list&page=1&size=2&sort=createdAt,asc');
    assert.deepEqual(second.json.data.map((s: Json) => s.id), ids.slice(2));
    const newest = await merchant('/v1/subscriptions?customerId=cust-list&size=1');
    assert.deepEqual(newest.json.data.map((s: Json) => s.id), [ids[2]], 'newest first by default');
    assert.equal((await merchant('/v1/subscriptions?sort=amount,asc')).status, 400);
    assert.equal((await merchant('/v1/subscriptions?size=0')).status, 400);
  });

  it('updates an active subscription at PITECH (5.2)', async () => {
    const { json: created } = await create(await request());
    calls.length = 0;
    const res = await merchant(`/v1/subscriptions/${created.id}`, { method: 'PATCH', body: { amount: { value: 200000, currency: 'KZT' }, description: 'Bigger box' } });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(res.json.amount, { value: 200000, currency: 'KZT' });
    assert.equal(res.json.description, 'Bigger box');
    const put = subscriptionCalls().find(({ call }) => call === 'PUT /gw/subscriptions')!;
    assert.deepEqual(Object.keys(put.body!).sort(), ['amount', 'currency', 'description', 'interval', 'period', 'startTime', 'subscriptionsId']);
    assert.equal(put.body!.amount, 2000);
    const at = sim.subscriptions('cust-7').find((s) => s.subscriptionsId === put.body!.subscriptionsId)!;
    assert.equal(at.amount, 2000);
    assert.equal(at.description, 'Bigger box');

    for (const body of [{}, { interval: 'YEAR' }, { startTime: new Date(Date.now() - HOUR).toISOString() }, { maxPeriods: 3 }]) {
      const bad = await merchant(`/v1/subscriptions/${created.id}`, { method: 'PATCH', body });
      assert.equal(bad.status, 400, JSON.stringify(body));
    }
  });

  it('cancels at PITECH (5.5); a canceled subscription cannot be changed', async () => {
    const { json: created } = await create(await request());
    calls.length = 0;
    const res = await merchant(`/v1/subscriptions/${created.id}`, { method: 'DELETE' });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.state, 'canceled');
    assert.equal(res.json.nextChargeAt, null);
    assert.ok(subscriptionCalls().some(({ call }) => call.startsWith('DELETE /gw/subscriptions/')));
    assert.ok(sim.subscriptions('cust-7').some((s) => s.state === 'DELETED'));

    const patch = await merchant(`/v1/subscriptions/${created.id}`, { method: 'PATCH', body: { description: 'Too late' } });
    assert.equal(patch.status, 409);
    assert.equal(patch.json.error.code, 'subscription_not_active');
    const again = await merchant(`/v1/subscriptions/${created.id}`, { method: 'DELETE' });
    assert.equal(again.status, 200);
    assert.equal(again.json.state, 'canceled');
    assert.equal((await merchant(`/v1/subscriptions/${created.id}`)).json.state, 'canceled');
  });

  describe('charges', () => {
    const paymentsOf = async (id: string, n: number) => (await h.checkout.listPayments({ orderId: `sub_${id}_${n}` })).data;

    it('records each charge PITECH made as one payment with its notification, once; maxPeriods ends it', async () => {
      const start = Date.now() + HOUR;
      const { json: sub } = await create(await request('cust-7', { interval: 'DAY', period: 1, maxPeriods: 2, startTime: new Date(start).toISOString() }));
      assert.equal((await h.checkout.syncSubscriptions()).recorded, 0, 'nothing charged yet');

      assert.equal(sim.runSubscriptions(new Date(start + HOUR)), 1);
      const synced = await h.checkout.syncSubscriptions();
      assert.equal(synced.recorded, 1);
      const [payment] = await paymentsOf(sub.id, 1);
      assert.ok(payment, 'one payment for the first charge');
      assert.equal(payment.state, 'succeeded');
      assert.equal(payment.provider, 'pitech');
      assert.equal(payment.method, 'card');
      assert.deepEqual(payment.amount, { value: 150000, currency: 'KZT' });
      assert.equal(payment.description, 'Tea of the month');
      const stored = await h.checkout.getPayment(payment.id);
      assert.equal(stored.state, 'succeeded');
      assert.equal(stored.orderId, `sub_${sub.id}_1`);
      assert.equal((await h.checkout.getSession(stored.sessionId)).status, 'complete');
      assert.equal(await savedCardIdOf(h, payment.id), sub.savedCardId, 'paid with the subscribed saved card');
      const events = await h.checkout.notifications(payment.id);
      assert.deepEqual(events.map((e) => e.type), ['payment.succeeded']);
      await h.checkout.deliverNotifications();
      assert.ok(hooked.some((e) => e.type === 'payment.succeeded' && (e.data as Json).payment.id === payment.id), 'the hook heard of it');

      // Nothing new at PITECH: nothing new here.
      assert.equal((await h.checkout.syncSubscriptions()).recorded, 0);
      assert.equal((await merchant(`/v1/subscriptions/${sub.id}`)).json.successfulCharges, 1, 'a read records nothing twice');
      assert.equal((await paymentsOf(sub.id, 1)).length, 1);
      assert.equal((await h.checkout.notifications(payment.id)).length, 1);

      sim.runSubscriptions(new Date(start + DAY + HOUR));
      assert.equal((await h.checkout.syncSubscriptions()).recorded, 1);
      const view = await h.checkout.getSubscription(sub.id);
      assert.equal(view.state, 'ended');
      assert.equal(view.successfulCharges, 2);
      assert.equal(view.nextChargeAt, null);
      assert.equal((await paymentsOf(sub.id, 2))[0]?.state, 'succeeded');
      const patch = await merchant(`/v1/subscriptions/${sub.id}`, { method: 'PATCH', body: { description: 'Again' } });
      assert.equal(patch.status, 409);
      assert.equal(patch.json.error.code, 'subscription_not_active');
      assert.equal((await merchant(`/v1/subscriptions/${sub.id}`, { method: 'DELETE' })).status, 409);
    });

    it('records charges in the background every subscriptionSyncMs, and stops on close', async () => {
      const quick = await startServer({ subscriptionSyncMs: 1000 });
      try {
        const { customer: _, ...body } = sessionBody;
        const session = await quick.checkout.createSession({ ...body, orderId: 'sub-cards-quick', customer: { id: 'cust-7' } });
        const savedCardId = (await api(`${quick.url}/v1/sessions/${session.id}`, { token: session.clientSecret })).json.savedCards[0].id;
        const start = Date.now() + HOUR;
        const sub = await quick.checkout.createSubscription(
          { ...(await request()), savedCardId, startTime: new Date(start).toISOString() },
          { idempotencyKey: newKey() },
        );
        sim.runSubscriptions(new Date(start + HOUR));
        const deadline = Date.now() + 5000;
        let payments: unknown[] = [];
        while (payments.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          payments = (await quick.checkout.listPayments({ orderId: `sub_${sub.id}_1` })).data;
        }
        assert.equal(payments.length, 1, 'the timer recorded the charge without a call');
      } finally {
        await quick.close();
      }
    });

    it("records a declined charge as a failed payment", async () => {
      const start = Date.now() + HOUR;
      const { json: sub } = await create(await request('cust-8', { startTime: new Date(start).toISOString(), email: 'erlan@example.kz' }));
      sim.runSubscriptions(new Date(start + HOUR));
      assert.equal((await h.checkout.syncSubscriptions()).recorded, 1);
      const [payment] = await paymentsOf(sub.id, 1);
      assert.equal(payment?.state, 'failed');
      assert.deepEqual((await h.checkout.notifications(payment!.id)).map((e) => e.type), ['payment.failed']);
      assert.equal((await h.checkout.getSession(`cs_${sub.id}_1`)).status, 'open', 'a failed charge completes no session');
      const view = await h.checkout.getSubscription(sub.id);
      assert.equal(view.failedCharges, 1);
      assert.equal(view.state, 'active');
      assert.equal((await h.checkout.syncSubscriptions()).recorded, 0);
    });
  });

  it('never logs a PITECH card token', () => {
    assert.ok(h.logs.some((line) => line.includes('subscription.')), 'subscriptions were logged');
    for (const { cardsId } of sim.savedCards()) assert.ok(!h.logs.some((line) => line.includes(cardsId)), 'a card token was logged');
  });
});
