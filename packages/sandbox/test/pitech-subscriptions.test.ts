// PITECH subscriptions in the simulator (section 5): create, update, read, list a page and delete in
// the documented shapes, and runSubscriptions charging what is due as PITECH does on its own clock.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PITECH_TEST_CARDS } from '../src/index.js';
import { AUTH, example, shapeOf, startTestSandbox, type TestSandbox } from './helpers.js';

type Json = Record<string, any>;

const seeds = [
  { extClientRef: 'cust-7', number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' },
  { extClientRef: 'cust-decline', number: PITECH_TEST_CARDS.declined.number },
  { extClientRef: 'cust-gone', number: PITECH_TEST_CARDS.mastercardSuccess.number },
];

const START = '2031-07-30T15:36:00';
const START_MS = Date.parse(`${START}Z`);
const DAY = 86_400_000;

describe('PITECH subscriptions', () => {
  let sb: TestSandbox;
  before(async () => {
    sb = await startTestSandbox({ savedCards: seeds });
  });
  after(() => sb.close());
  beforeEach(() => sb.sim.reset());

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sb.base}${path}`, {
      method,
      headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // DELETE /gw/cards answers no body.
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Json };
  };
  const cardsIdOf = (ref: string) => sb.sim.savedCards(ref)[0]!.cardsId;
  const create = (ref: string, overrides: Json = {}) =>
    call('POST', '/gw/subscriptions', { ...example('subscriptions-create.request'), cardsId: cardsIdOf(ref), extClientRef: ref, startTime: START, ...overrides });

  test('creates a subscription answered in the shape of 5.1', async () => {
    const res = await create('cust-7');
    assert.equal(res.status, 200);
    assert.deepEqual(shapeOf(res.json), shapeOf(example('subscriptions-create.response')));
    assert.match(res.json.subscriptionsId, /^subs_/);
    assert.equal(res.json.state, 'ACTIVE');
    assert.equal(res.json.cardsId, cardsIdOf('cust-7'));
    assert.equal(res.json.nextTransactionTime, START);
    assert.equal(res.json.successfulTransactionsCount, 0);
  });

  test("refuses another customer's card, a deleted card and a bad interval in PITECH's error shape", async () => {
    const other = await create('cust-7', { cardsId: cardsIdOf('cust-decline') });
    assert.equal(other.status, 404);
    assert.deepEqual(Object.keys(other.json).sort(), ['error', 'message', 'path', 'status', 'timestamp']);
    assert.equal(other.json.message, 'Card not found');

    assert.equal((await call('DELETE', `/gw/cards?cardsId=${cardsIdOf('cust-gone')}`)).status, 200);
    assert.equal((await create('cust-gone')).status, 404);

    const bad = await create('cust-7', { interval: 'YEAR' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /interval/);
    assert.equal((await create('cust-7', { startTime: 'soon' })).status, 400);
  });

  test('updates (5.2), reads (5.3) and deletes (5.5); a deleted subscription is refused', async () => {
    const { json: created } = await create('cust-7');
    const id = created.subscriptionsId;
    const updated = await call('PUT', '/gw/subscriptions', { ...example('subscriptions-update.request'), subscriptionsId: id, startTime: '2031-08-01T10:00:00' });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.amount, 13000);
    assert.equal(updated.json.interval, 'DAY');
    assert.equal(updated.json.nextTransactionTime, '2031-08-01T10:00:00');
    assert.equal((await call('GET', `/gw/subscriptions/${id}`)).json.description, 'subscription package start1');

    const deleted = await call('DELETE', `/gw/subscriptions/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.json.state, 'DELETED');
    assert.equal((await call('GET', `/gw/subscriptions/${id}`)).json.state, 'DELETED');
    assert.equal((await call('DELETE', `/gw/subscriptions/${id}`)).status, 404);
    assert.equal((await call('PUT', '/gw/subscriptions', { subscriptionsId: id, amount: 1 })).status, 404);
    assert.equal((await call('GET', '/gw/subscriptions/subs_unknown')).status, 404);
  });

  test('lists a Spring-style page (5.4), filtered by customer, sorted by createTime', async () => {
    for (let i = 0; i < 3; i++) await create('cust-7', { description: `plan ${i}` });
    await create('cust-decline');
    const first = await call('GET', '/gw/subscriptions?extClientRef=cust-7&page=0&size=2&sort=createTime,asc');
    assert.equal(first.status, 200);
    const pageShape = shapeOf(first.json) as Json;
    for (const key of Object.keys(shapeOf(example('subscriptions-list.response')) as Json)) assert.ok(key in pageShape, key);
    assert.equal(first.json.totalElements, 3);
    assert.equal(first.json.totalPages, 2);
    assert.equal(first.json.first, true);
    assert.equal(first.json.last, false);
    assert.deepEqual(first.json.content.map((s: Json) => s.description), ['plan 0', 'plan 1']);
    const second = await call('GET', '/gw/subscriptions?extClientRef=cust-7&page=1&size=2&sort=createTime,desc');
    assert.deepEqual(second.json.content.map((s: Json) => s.description), ['plan 0']);
    assert.equal(second.json.last, true);
    assert.equal((await call('GET', '/gw/subscriptions?page=0&size=20')).json.totalElements, 4);
    assert.equal((await call('GET', '/gw/subscriptions?sort=cardsId,up')).status, 400);
  });

  test('runSubscriptions charges what is due, moves the schedule on and ends after maxPeriods', async () => {
    const { json: paid } = await create('cust-7', { interval: 'WEEK', period: 1, maxPeriods: 2 });
    const { json: declined } = await create('cust-decline', { interval: 'DAY', period: 2, maxPeriods: null });

    assert.equal(sb.sim.runSubscriptions(new Date(START_MS - 1)), 0, 'nothing is due before the start');
    assert.equal(sb.sim.runSubscriptions(new Date(START_MS)), 2);
    let one = (await call('GET', `/gw/subscriptions/${paid.subscriptionsId}`)).json;
    assert.equal(one.successfulTransactionsCount, 1);
    assert.equal(one.lastTransactionTime, START);
    assert.equal(one.nextTransactionTime, new Date(START_MS + 7 * DAY).toISOString().slice(0, 19));
    const two = (await call('GET', `/gw/subscriptions/${declined.subscriptionsId}`)).json;
    assert.equal(two.failedTransactionsCount, 1, 'the declining test card fails its charge');
    assert.equal(two.successfulTransactionsCount, 0);

    assert.equal(sb.sim.runSubscriptions(new Date(START_MS)), 0, 'a period is charged once');
    sb.sim.runSubscriptions(new Date(START_MS + 30 * DAY));
    one = (await call('GET', `/gw/subscriptions/${paid.subscriptionsId}`)).json;
    assert.equal(one.successfulTransactionsCount, 2);
    assert.equal(one.state, 'ENDED');
    assert.equal(one.nextTransactionTime, null);
    assert.equal(sb.sim.subscriptions('cust-decline')[0]!.failedTransactionsCount, 16, 'every other day for 30 days, caught up');
  });

  test('charges nothing on a deleted subscription, and fails a charge of a card deleted since', async () => {
    const { json: gone } = await create('cust-7');
    await call('DELETE', `/gw/subscriptions/${gone.subscriptionsId}`);
    const { json: cardGone } = await create('cust-gone');
    await call('DELETE', `/gw/cards?cardsId=${cardsIdOf('cust-gone')}`);
    sb.sim.runSubscriptions(new Date(START_MS));
    assert.equal(sb.sim.subscriptions('cust-7')[0]!.successfulTransactionsCount, 0);
    const after = (await call('GET', `/gw/subscriptions/${cardGone.subscriptionsId}`)).json;
    assert.equal(after.failedTransactionsCount, 1);
  });
});
