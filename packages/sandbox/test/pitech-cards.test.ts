// PITECH saved cards in the simulator: the cards/save page (4.1), the customer's cards (4.2),
// deleting one (4.3), and paying with one by token (3.3, 3.4.2), seeded cards included.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createPitechSimulator, PITECH_SANDBOX_CREDENTIALS, PITECH_TEST_CARDS } from '../src/index.js';
import {
  AUTH, example, getStatus, GOOD_EXPIRY, type OrderRef, postJson, refOf, shapeOf, startCallbackReceiver, startTestSandbox, type TestSandbox,
} from './helpers.js';

type Receiver = Awaited<ReturnType<typeof startCallbackReceiver>>;
type Json = Record<string, unknown>;

const refIn = (body: Json) => refOf(body as unknown as OrderRef);
const listExample = () => (example('cards-list.response') as unknown as Json[])[0]!;

const SHOP = { successReturnUrl: 'https://shop.example/cards/saved', errorReturnUrl: 'https://shop.example/cards/failed' };

const seeds = [
  { extClientRef: 'cust-7', number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' },
  { extClientRef: 'cust-decline', number: PITECH_TEST_CARDS.declined.number },
  { extClientRef: 'cust-3ds', number: PITECH_TEST_CARDS.threeDsTimeout.number },
  { extClientRef: 'cust-inactive', number: PITECH_TEST_CARDS.mastercardSuccess.number, state: 'INACTIVE' as const },
];

describe('PITECH saved cards', () => {
  let sb: TestSandbox;
  let merchant: Receiver;
  before(async () => {
    // Through createSandboxRouter, as the demo mounts it: the seeds must flow through.
    sb = await startTestSandbox({ savedCards: seeds });
    merchant = await startCallbackReceiver();
  });
  after(async () => {
    await sb.close();
    await merchant.close();
  });
  beforeEach(async () => {
    await sb.sim.idle();
    sb.sim.reset();
    merchant.received.length = 0;
  });

  const cardsOf = async (extClientRef: string) => {
    const res = await fetch(`${sb.base}/gw/cards?extClientRef=${encodeURIComponent(extClientRef)}`, { headers: { authorization: AUTH } });
    assert.equal(res.status, 200);
    return (await res.json()) as Json[];
  };
  const cardsIdOf = (extClientRef: string) => sb.sim.savedCards(extClientRef)[0]!.cardsId;

  let seq = 0;
  const payByToken = async (cardsId: string, extClientRef: string, kind: 'charge' | 'auth' = 'charge', overrides: Json = {}) => {
    const body = {
      ...example(`tokens-${kind}.request`),
      extOrdersId: `token-${Date.now()}-${++seq}`,
      callbackSuccessUrl: `${merchant.url}/paid`,
      callbackErrorUrl: `${merchant.url}/failed`,
      cardsId,
      extClientRef,
      ...overrides,
    };
    const res = await postJson(`${sb.base}/gw/payments/tokens/${kind}`, body);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const deleteCard = (cardsId: string) =>
    fetch(`${sb.base}/gw/cards?cardsId=${encodeURIComponent(cardsId)}`, { method: 'DELETE', headers: { authorization: AUTH } });

  /** Fills the SAVE_CARD page as a shopper would; redirects are not followed. */
  const submitSavePage = (paymentUrl: string, fields: Record<string, string>) => {
    const query = new URL(paymentUrl).searchParams;
    const form = new URLSearchParams({
      orderId: query.get('orderId')!, orderDate: query.get('orderDate')!, uuid: query.get('uuid')!,
      expiry: GOOD_EXPIRY, cvc: '123', cardholderName: 'Dana Nurlanova', action: 'pay', ...fields,
    });
    return fetch(`${sb.base}/pay`, { method: 'POST', body: form, redirect: 'manual' });
  };
  const startSaving = async (extClientRef: string, extra: Json = {}) => {
    const res = await postJson(`${sb.base}/gw/cards/save`, { extClientRef, ...SHOP, ...extra });
    assert.equal(res.status, 200);
    return (await res.json()) as Json & { paymentUrl: string };
  };

  test('cards/save opens a SAVE_CARD order shaped like the 4.1 response, with its defaults', async () => {
    const order = await startSaving('cust-new');
    assert.deepEqual(Object.keys(order), Object.keys(example('cards-save.response')), 'same keys in the same order as 4.1');
    assert.deepEqual(shapeOf(order), shapeOf(example('cards-save.response')));
    assert.equal(order.paymentType, 'SAVE_CARD');
    assert.equal(order.state, 'NEW');
    assert.equal(order.amount, 20, 'amount defaults to 20');
    assert.equal(order.currency, 'KZT');
    assert.equal(order.description, 'Сохранение карты');
    const link = new URL(order.paymentUrl);
    assert.equal(`${link.origin}${link.pathname}`.replace(/\/$/, ''), sb.base);
    assert.equal(link.searchParams.get('orderId'), order.orderId, 'the link names the id orderId, as printed');

    const usd = await startSaving('cust-new', { amount: 30, currency: 'USD' });
    assert.equal(usd.amount, 30);
    assert.equal(usd.currency, 'USD');
  });

  test('cards/save refuses bad bodies and missing auth', async () => {
    for (const [body, message] of [
      [{ ...SHOP }, /extClientRef/],
      [{ extClientRef: 'c', errorReturnUrl: SHOP.errorReturnUrl }, /successReturnUrl/],
      [{ extClientRef: 'c', ...SHOP, amount: '30' }, /amount/],
      [{ extClientRef: 'c', ...SHOP, currency: 'tenge' }, /currency/],
    ] as const) {
      const res = await postJson(`${sb.base}/gw/cards/save`, body);
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { message: string }).message, message);
    }
    assert.equal((await postJson(`${sb.base}/gw/cards/save`, { extClientRef: 'c', ...SHOP }, null)).status, 401);
  });

  test('the cards/save page saves the card entered; the list shows it as section 4.2 does', async () => {
    const order = await startSaving('cust-new');
    const page = await (await fetch(order.paymentUrl)).text();
    assert.match(page, />Save card<\/button>/);
    assert.match(page, /Verification amount/);
    assert.match(page, /name="orderId"/);
    assert.doesNotMatch(page, /<script|src="http/i);

    const res = await submitSavePage(order.paymentUrl, { cardNumber: '4405 6450 0000 6150' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), SHOP.successReturnUrl);

    const cards = await cardsOf('cust-new');
    assert.equal(cards.length, 1);
    const [card] = cards as [Json];
    assert.deepEqual(Object.keys(card), Object.keys(listExample()), 'same keys in the same order as 4.2');
    assert.deepEqual(shapeOf(card), shapeOf(listExample()));
    assert.match(String(card.cardsId), /^card_[\w-]{32}$/);
    assert.equal(card.maskedPan, '440564-#####-6150');
    assert.equal(card.holderName, 'DANA NURLANOVA');
    assert.equal(card.issuer, 'visa');
    assert.equal(card.state, 'ACTIVE');
    assert.equal(card.confirmed, true);
    assert.equal(card.clientsId, order.clientsId, 'the customer keeps one clientsId');
    assert.match(String(card.createTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);

    // The page is used up; the new card pays by token.
    assert.equal((await submitSavePage(order.paymentUrl, { cardNumber: PITECH_TEST_CARDS.visaSuccess.number })).status, 409);
    assert.equal((await cardsOf('cust-new')).length, 1);
    const paid = await payByToken(String(card.cardsId), 'cust-new');
    assert.equal(paid.body.state, 'SUCCESS');
  });

  test('a card the verification declines is not saved; cancelling saves nothing', async () => {
    const declined = await startSaving('cust-new');
    const res = await submitSavePage(declined.paymentUrl, { cardNumber: PITECH_TEST_CARDS.declined.number });
    assert.equal(res.headers.get('location'), SHOP.errorReturnUrl);
    const cancelled = await startSaving('cust-new');
    assert.equal((await submitSavePage(cancelled.paymentUrl, { action: 'cancel' })).headers.get('location'), SHOP.errorReturnUrl);
    assert.deepEqual(await cardsOf('cust-new'), []);
  });

  test('the list needs extClientRef and lists only that customer, unknown customers empty', async () => {
    const res = await fetch(`${sb.base}/gw/cards`, { headers: { authorization: AUTH } });
    assert.equal(res.status, 400);
    assert.equal((await fetch(`${sb.base}/gw/cards?extClientRef=cust-7`)).status, 401);
    assert.deepEqual(await cardsOf('nobody'), []);
    const cards = await cardsOf(' cust-7');
    assert.equal(cards.length, 1, 'the leading space of the document\'s example is forgiven');
    assert.equal(cards[0]!.holderName, 'AIGERIM SULTANOVA');
  });

  test('tokens/charge charges the saved card at once, shaped like the 3.3 response', async () => {
    const cardsId = cardsIdOf('cust-7');
    const res = await payByToken(cardsId, 'cust-7');
    assert.equal(res.status, 200);
    assert.deepEqual(shapeOf(res.body), shapeOf(example('tokens-charge.response')));
    assert.equal(res.body.state, 'SUCCESS');
    assert.equal(res.body.cardsId, cardsId);
    assert.deepEqual(res.body.card, { mask: '440564-#####-6150', owner: 'AIGERIM SULTANOVA', issuer: 'visa' });
    assert.equal(res.body.paymentResponseCode, 'OK');

    const status = (await (await getStatus(sb.base, refIn(res.body))).json()) as Json;
    assert.equal(status.state, 'SUCCESS');
    const [cb] = await merchant.waitFor(1);
    assert.equal(cb!.path, '/paid');
    assert.equal(cb!.body.callbackType, 'PAY');
    assert.equal(cb!.body.cardsId, cardsId);
    assert.equal(cb!.body['3ds'], false, 'no 3-D Secure for a token charge');
  });

  test('tokens/auth holds the amount (AUTH_OK) and a commit charges it', async () => {
    const res = await payByToken(cardsIdOf('cust-7'), 'cust-7', 'auth');
    assert.equal(res.status, 200);
    assert.equal(res.body.state, 'AUTH_OK');
    assert.deepEqual(shapeOf(res.body), shapeOf(example('tokens-charge.response')), 'the 3.3 shape: the card was charged');
    const commit = await postJson(`${sb.base}/gw/payments/commit`, { ...refIn(res.body), commitAmount: 300 });
    assert.equal(((await commit.json()) as Json).state, 'SUCCESS');
  });

  test('a saved declining card declines, with the test card\'s message', async () => {
    const res = await payByToken(cardsIdOf('cust-decline'), 'cust-decline');
    assert.equal(res.status, 200);
    assert.equal(res.body.state, 'ERROR');
    assert.equal(res.body.message, 'Not sufficient funds');
    const [cb] = await merchant.waitFor(1);
    assert.equal(cb!.path, '/failed');
    assert.equal(cb!.body.ordersState, 'ERROR');
  });

  test('a saved 3-D Secure card waits for the shopper on the page (IN_3DS), then times out', async () => {
    const res = await payByToken(cardsIdOf('cust-3ds'), 'cust-3ds');
    assert.equal(res.body.state, 'IN_3DS');
    const page = await (await fetch(String(res.body.paymentUrl))).text();
    assert.match(page, /3-D Secure/);
    assert.doesNotMatch(page, /Card number/, 'nothing to enter');
    const form = new URLSearchParams({ ...refIn(res.body), action: 'confirm' });
    const submitted = await fetch(`${sb.base}/pay`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(submitted.status, 303);
    assert.equal(submitted.headers.get('location'), 'https://pitech.kz/failure');
    assert.equal(sb.sim.getOrder(String(res.body.ordersId))?.state, 'TIMED_OUT');
    const [cb] = await merchant.waitFor(1);
    assert.equal(cb!.body['3ds'], true);
  });

  test('a cardsId of another customer, an unknown one or an inactive card is refused, and no order is made', async () => {
    const other = await payByToken(cardsIdOf('cust-7'), 'cust-decline');
    assert.equal(other.status, 404);
    assert.deepEqual(Object.keys(other.body), ['timestamp', 'status', 'error', 'message', 'path']);
    assert.equal((await payByToken('card_unknown', 'cust-7')).status, 404);
    const inactive = await payByToken(cardsIdOf('cust-inactive'), 'cust-inactive');
    assert.equal(inactive.status, 400);
    assert.match(String(inactive.body.message), /INACTIVE/);
    const missing = await payByToken('', 'cust-7');
    assert.equal(missing.status, 400);
    assert.match(String(missing.body.message), /cardsId/);
    assert.equal((await payByToken(cardsIdOf('cust-7'), '')).status, 400);
    assert.equal(sb.sim.orders().length, 0);
  });

  test('deleting a card: no body, no longer listed or chargeable; unknown and repeated deletes are 404', async () => {
    const cardsId = cardsIdOf('cust-7');
    const res = await deleteCard(cardsId);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    assert.deepEqual(await cardsOf('cust-7'), []);
    assert.equal(sb.sim.savedCards('cust-7')[0]!.state, 'DELETED');
    assert.equal((await payByToken(cardsId, 'cust-7')).status, 404);

    const again = await deleteCard(cardsId);
    assert.equal(again.status, 404);
    const body = (await again.json()) as Json;
    assert.equal(body.status, 404);
    assert.match(String(body.path), /\/gw\/cards$/);
    assert.equal((await deleteCard('card_of_nobody')).status, 404);
    const noId = await fetch(`${sb.base}/gw/cards`, { method: 'DELETE', headers: { authorization: AUTH } });
    assert.equal(noId.status, 400);
    assert.equal((await fetch(`${sb.base}/gw/cards?cardsId=${cardsId}`, { method: 'DELETE' })).status, 401);
  });

  test('reset brings the seeded cards back under their ids and forgets the others', async () => {
    const seeded = cardsIdOf('cust-7');
    await deleteCard(seeded);
    const order = await startSaving('cust-new');
    await submitSavePage(order.paymentUrl, { cardNumber: PITECH_TEST_CARDS.mastercardSuccess.number });
    sb.sim.reset();
    assert.deepEqual((await cardsOf('cust-7')).map((c) => [c.cardsId, c.state]), [[seeded, 'ACTIVE']]);
    assert.deepEqual(await cardsOf('cust-new'), []);
    assert.equal(sb.sim.savedCards().length, seeds.length);
  });
});

describe('PITECH saved card seeds', () => {
  test('a seed with an invalid number is refused at creation, without the number in the message', () => {
    const number = '4405645000006151';
    assert.throws(
      () => createPitechSimulator({ baseUrl: 'https://cards-stage.pitech.kz', savedCards: [{ extClientRef: 'c', number }] }),
      (error: Error) => /savedCards\[0\]\.number/.test(error.message) && !error.message.includes(number),
    );
  });

  test('seeds take a holder default, INACTIVE and unconfirmed states, and any valid number (which declines)', async () => {
    const sim = createPitechSimulator({
      baseUrl: 'https://cards-stage.pitech.kz',
      savedCards: [
        { extClientRef: 'c', number: '4111 1111 1111 1111' },
        { extClientRef: 'c', number: PITECH_TEST_CARDS.visaSuccess.number, confirmed: false },
      ],
    });
    const [plain, unconfirmed] = sim.savedCards('c');
    assert.equal(plain!.holderName, 'NAME NAME');
    assert.equal(plain!.maskedPan, '411111-#####-1111');
    assert.equal(plain!.outcome, 'declined');
    assert.equal(unconfirmed!.confirmed, false);
    assert.equal(unconfirmed!.state, 'ACTIVE');

    // An unconfirmed card is not charged.
    const { appId, secretId } = PITECH_SANDBOX_CREDENTIALS;
    const res = await sim.handle(new Request('https://cards-stage.pitech.kz/gw/payments/tokens/charge', {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${appId}:${secretId}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...example('tokens-charge.request'), cardsId: unconfirmed!.cardsId, extClientRef: 'c' }),
    }));
    assert.equal(res?.status, 400);
    assert.match(((await res!.json()) as { message: string }).message, /not confirmed/);
  });
});
