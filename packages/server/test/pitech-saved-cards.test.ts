// Saved cards with PITECH through the real router: the customer's cards come from PITECH's list
// (4.2), a saved card pays by token (3.3, 3.4.2) without a page, and removing one deletes it at
// PITECH (4.3). The simulator answers at PITECH's real test URL through msw.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { createPitechSimulator, PITECH_TEST_CARDS, type PitechSimulator } from '@pay-checkout/sandbox';
import { pitechHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PITECH_URL, payOnPitechPage } from './pitech-helpers.js';
import { api, type Harness, PITECH, sessionBody, startServer } from './helpers.js';

const SEEDS = [
  { extClientRef: 'cust-7', number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' },
  { extClientRef: 'cust-8', number: PITECH_TEST_CARDS.declined.number, holderName: 'ERLAN ABDRAKHMANOV' },
  { extClientRef: 'cust-3ds', number: PITECH_TEST_CARDS.threeDsTimeout.number },
  { extClientRef: 'cust-del', number: PITECH_TEST_CARDS.mastercardSuccess.number, holderName: 'DANA NURLANOVA' },
  { extClientRef: 'cust-off', number: PITECH_TEST_CARDS.visaSuccess.number, state: 'INACTIVE' as const },
  { extClientRef: 'cust-off', number: PITECH_TEST_CARDS.mastercardSuccess.number, confirmed: false },
];

describe('PITECH saved cards', () => {
  let sim: PitechSimulator;
  let h: Harness;
  const mock = setupServer();
  /** PITECH calls as "METHOD /path", in order. */
  const calls: string[] = [];

  before(async () => {
    sim = createPitechSimulator({ baseUrl: PITECH_URL, ...PITECH, savedCards: SEEDS });
    mock.use(...pitechHandlers(sim));
    mock.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.origin === PITECH_URL) calls.push(`${request.method} ${url.pathname}`);
    });
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer();
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

  let orderSeq = 0;
  function newSession(customer: Record<string, string> | undefined, overrides: Record<string, unknown> = {}) {
    const { customer: _, ...body } = sessionBody;
    return h.checkout.createSession({ ...body, orderId: `cards-${++orderSeq}`, ...(customer ? { customer } : {}), ...overrides } as typeof sessionBody);
  }
  const forCustomer = (id: string) => newSession({ id, email: 'aigerim@example.kz' });
  const view = (session: { id: string; clientSecret: string }) => api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
  let keySeq = 0;
  const pay = (session: { id: string; clientSecret: string }, body: unknown) =>
    api(`${h.url}/v1/sessions/${session.id}/payments`, { token: session.clientSecret, body, headers: { 'idempotency-key': `saved-card-key-${++keySeq}` } });
  const removeCard = (session: { id: string; clientSecret: string }, cardId: string) =>
    api(`${h.url}/v1/sessions/${session.id}/saved-cards/${cardId}`, { method: 'DELETE', token: session.clientSecret });
  const cardsIdOf = (customer: string) => sim.savedCards(customer)[0]!.cardsId;
  const tokenCalls = () => calls.filter((call) => call.startsWith('POST /gw/payments/'));

  it("lists the customer's PITECH card in the session, under our id only", async () => {
    const session = await forCustomer('cust-7');
    calls.length = 0;
    const res = await view(session);
    assert.equal(res.status, 200);
    assert.deepEqual(calls, ['GET /gw/cards'], 'each read of the session asks PITECH once');
    assert.equal(res.json.savedCards.length, 1);
    const [card] = res.json.savedCards;
    assert.deepEqual({ ...card, id: 'x' }, {
      id: 'x',
      provider: 'pitech',
      brand: 'visa',
      maskedPan: '440564-#####-6150',
      last4: '6150',
      holder: 'AIGERIM SULTANOVA',
      expiry: null,
    });
    assert.match(card.id, /^card_/);
    assert.notEqual(card.id, cardsIdOf('cust-7'));
    assert.ok(!JSON.stringify(res.json).includes(cardsIdOf('cust-7')), 'the PITECH token never reaches the browser');
    assert.equal(res.json.canSaveCard, false, 'PITECH saves cards on its own page only');

    // The same card keeps our id from one read to the next.
    assert.equal((await view(session)).json.savedCards[0].id, card.id);
  });

  it('offers neither INACTIVE nor unconfirmed cards', async () => {
    assert.deepEqual((await view(await forCustomer('cust-off'))).json.savedCards, []);
  });

  it('offers no cards and asks PITECH nothing for a session without customer.id', async () => {
    const res = await view(await newSession(undefined));
    assert.deepEqual(res.json.savedCards, []);
    assert.deepEqual(calls, []);
    assert.deepEqual((await view(await newSession({ email: 'guest@example.kz' }))).json.savedCards, []);
    assert.deepEqual(calls, []);
  });

  it('pays with the saved card at once: one tokens/charge, no page', async () => {
    const session = await forCustomer('cust-7');
    const [card] = (await view(session)).json.savedCards;
    calls.length = 0;
    const res = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'succeeded');
    assert.equal(res.json.nextAction, null);
    assert.deepEqual(tokenCalls(), ['POST /gw/payments/tokens/charge']);
    assert.ok(!JSON.stringify(res.json).includes(cardsIdOf('cust-7')));

    const order = sim.orders().find((o) => o.request.extOrdersId === res.json.id)!;
    assert.equal(order.viaToken, true);
    assert.equal(order.request.cardsId, cardsIdOf('cust-7'));
    assert.equal(order.request.extClientRef, 'cust-7');
    assert.equal(order.request.amount, 1500);
    assert.equal(order.request.currency, 'KZT');
    assert.equal(order.request.successReturnUrl, `${h.url}/v1/return/${res.json.id}?outcome=success`);
    assert.equal(order.request.callbackSuccessUrl, `${h.url}/v1/callbacks/pitech`);

    const after = await view(session);
    assert.equal(after.json.status, 'complete');
    assert.equal(after.json.payment.state, 'succeeded');
    assert.deepEqual(after.json.savedCards, [], 'nothing more to pay');
    // PITECH's callback for the charge changes nothing.
    await sim.idle();
    assert.ok(sim.callbacks().some((c) => c.url.endsWith('/v1/callbacks/pitech') && c.status === 200));
    assert.equal((await h.checkout.getPayment(res.json.id)).state, 'succeeded');
  });

  it('holds the amount with tokens/auth for a manual-capture session', async () => {
    const session = await newSession({ id: 'cust-7' }, { captureMethod: 'manual' });
    const [card] = (await view(session)).json.savedCards;
    const res = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'authorized');
    assert.equal(res.json.nextAction, null);
    assert.deepEqual(tokenCalls(), ['POST /gw/payments/tokens/auth']);
    assert.equal(sim.orders().find((o) => o.request.extOrdersId === res.json.id)?.state, 'AUTH_OK');
  });

  it('a saved card that declines fails at once, and the shopper may pay again', async () => {
    const session = await forCustomer('cust-8');
    const [card] = (await view(session)).json.savedCards;
    assert.equal(card.holder, 'ERLAN ABDRAKHMANOV');
    const res = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'failed');
    assert.equal(res.json.nextAction, null);
    assert.equal(sim.orders().find((o) => o.request.extOrdersId === res.json.id)?.message, 'Not sufficient funds');
    assert.deepEqual(res.json.failure, { code: 'insufficient_funds', reason: 'Not sufficient funds' });
    const after = await view(session);
    assert.equal(after.json.status, 'open');
    assert.equal(after.json.savedCards.length, 1);
  });

  it('keeps a token charge whose answer was lost open: no second charge can start', async () => {
    const session = await forCustomer('cust-7');
    const [card] = (await view(session)).json.savedCards;
    // PITECH charges the card, but its answer never arrives.
    mock.use(
      http.post(`${PITECH_URL}/gw/payments/tokens/charge`, async ({ request }) => {
        await sim.handle(request);
        return HttpResponse.error();
      }, { once: true }),
    );
    const first = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.equal(first.json.state, 'processing', 'not failed: the money may have moved');
    assert.ok(h.logs.some((line) => line.includes('payment.outcome_unknown')));
    const again = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(again.json.id, first.json.id, 'a new key gets the attempt in flight, not a second charge');
    assert.equal(tokenCalls().length, 1);
    assert.equal((await h.checkout.getPayment(first.json.id)).state, 'processing');
  });

  it('sends the shopper to PITECH when the saved card still needs them (3-D Secure)', async () => {
    const session = await forCustomer('cust-3ds');
    const [card] = (await view(session)).json.savedCards;
    const res = await pay(session, { method: 'card', savedCardId: card.id });
    assert.equal(res.status, 201);
    assert.equal(res.json.state, 'requires_action');
    assert.equal(res.json.nextAction.type, 'redirect');
    assert.equal(new URL(res.json.nextAction.url).origin, PITECH_URL);
    const order = sim.orders().find((o) => o.request.extOrdersId === res.json.id)!;
    assert.equal(order.state, 'IN_3DS');

    // The shopper continues on PITECH's page; this sandbox card's 3-D Secure never completes.
    const query = new URL(res.json.nextAction.url).searchParams;
    const form = new URLSearchParams({ ordersId: query.get('ordersId')!, orderDate: query.get('orderDate')!, uuid: query.get('uuid')!, action: 'confirm' });
    const back = await fetch(`${PITECH_URL}/pay`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(back.headers.get('location'), `${h.url}/v1/return/${res.json.id}?outcome=error`);
    await fetch(back.headers.get('location')!, { redirect: 'manual' });
    assert.equal((await h.checkout.getPayment(res.json.id)).failure?.code, 'authentication_timed_out');
  });

  it("refuses another customer's card with 404 saved_card_not_found, asking PITECH nothing", async () => {
    const [theirs] = (await view(await forCustomer('cust-7'))).json.savedCards;
    const mine = await forCustomer('cust-8');
    await view(mine);
    calls.length = 0;
    const res = await pay(mine, { method: 'card', savedCardId: theirs.id });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'saved_card_not_found');
    assert.deepEqual(calls, []);
    assert.equal((await pay(mine, { method: 'card', savedCardId: 'card_nope' })).json.error.code, 'saved_card_not_found');

    // Nor can it be removed from there.
    const removed = await removeCard(mine, theirs.id);
    assert.equal(removed.status, 404);
    assert.deepEqual(calls, []);
    assert.equal(sim.savedCards('cust-7')[0]!.state, 'ACTIVE');
  });

  it('removes a card at PITECH: 204, gone from the session and from PITECH, a second time 404', async () => {
    const session = await forCustomer('cust-del');
    const [card] = (await view(session)).json.savedCards;
    assert.equal(card.brand, 'mastercard');
    const cardsId = cardsIdOf('cust-del');
    calls.length = 0;

    const res = await removeCard(session, card.id);
    assert.equal(res.status, 204);
    assert.deepEqual(calls, ['DELETE /gw/cards']);
    assert.equal(sim.savedCards('cust-del')[0]!.state, 'DELETED');
    assert.deepEqual((await view(session)).json.savedCards, []);

    const again = await removeCard(session, card.id);
    assert.equal(again.status, 404);
    assert.equal(again.json.error.code, 'saved_card_not_found');
    // Paying with it is refused here too, before PITECH would refuse the token.
    calls.length = 0;
    assert.equal((await pay(session, { method: 'card', savedCardId: card.id })).status, 404);
    assert.deepEqual(tokenCalls(), []);
    assert.ok(!h.logs.some((line) => line.includes(cardsId)), 'the token is never logged');
  });

  it('still takes a card on the hosted page for a customer with saved cards', async () => {
    const session = await forCustomer('cust-7');
    const res = await pay(session, { method: 'card' });
    assert.equal(res.json.nextAction.type, 'redirect');
    assert.deepEqual(tokenCalls(), ['POST /gw/payments/cards/charge']);
    await payOnPitechPage(res.json.nextAction.url);
  });
});
