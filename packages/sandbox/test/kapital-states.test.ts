import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KAPITAL_STATUSES, KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD } from '../src/index.js';
import { createOrder, execTran, orderStatus, paidOrder, startKapitalSandbox, submitCard } from './kapital-helpers.js';

const STATES = new URL('../../../../shared/specs/examples/states.json', import.meta.url);

/** "Being prepared" -> Preparing, "Fully paid" -> FullyPaid: the table's words as the API spells them. */
const identifier = (words: string) => (words === 'Being prepared' ? 'Preparing' : words.replace(/(^|\s)(\w)/g, (_m, _s, c: string) => c.toUpperCase()));

test('the simulator knows exactly the thirteen statuses of the collection', () => {
  const table = (JSON.parse(readFileSync(STATES, 'utf8')) as { kapitalbank: { states: { code: string }[] } }).kapitalbank.states;
  assert.equal(table.length, 13);
  assert.deepEqual([...KAPITAL_STATUSES].sort(), table.map((s) => identifier(s.code)).sort());
});

test('every status is reachable: eleven through the API and the hosted page, Funded and Closed by setStatus', async () => {
  let now = Date.UTC(2026, 10, 22, 10, 0, 0);
  const sb = await startKapitalSandbox({ now: () => now, orderTtlMs: 60_000 });
  const seen = new Map<string, number>();
  const see = async (id: number) => seen.set((await orderStatus(sb.base, id)).status, id);
  const pay = (o: { id: number; password: string }, cardNumber: string) => submitCard(sb.base, o, { cardNumber });
  try {
    await see((await createOrder(sb.base)).id); // Preparing
    const cancelled = await createOrder(sb.base);
    await submitCard(sb.base, cancelled, { action: 'cancel' });
    await see(cancelled.id);
    const refused = await createOrder(sb.base);
    await pay(refused, '42');
    await submitCard(sb.base, refused, { action: 'cancel' });
    await see(refused.id);
    const rejected = await createOrder(sb.base);
    await pay(rejected, KAPITAL_UNSUPPORTED_BRAND_CARD);
    await see(rejected.id);
    const declined = await createOrder(sb.base);
    await pay(declined, KAPITAL_TEST_CARDS.insufficientFunds.number);
    await see(declined.id);
    await see((await paidOrder(sb.base, 'Order_DMS')).id); // Authorized
    await see((await paidOrder(sb.base, 'Order_SMS')).id); // FullyPaid
    const partial = await paidOrder(sb.base, 'Order_DMS', '10.00');
    await execTran(sb.base, partial.id, { phase: 'Clearing', amount: '5.00' });
    await see(partial.id);
    const voided = await paidOrder(sb.base, 'Order_SMS');
    await execTran(sb.base, voided.id, { phase: 'Single', voidKind: 'Full' });
    await see(voided.id);
    const refunded = await paidOrder(sb.base, 'Order_SMS');
    await execTran(sb.base, refunded.id, { phase: 'Single', type: 'Refund' });
    await see(refunded.id);
    for (const status of ['Funded', 'Closed'] as const) {
      const order = await paidOrder(sb.base, 'Order_SMS');
      sb.sim.setStatus(order.id, status);
      await see(order.id);
    }
    const expiring = await createOrder(sb.base);
    now += 60_000;
    await see(expiring.id);
    assert.deepEqual([...seen.keys()].sort(), [...KAPITAL_STATUSES].sort());
    assert.throws(() => sb.sim.setStatus(expiring.id, 'Paid' as never), /Not a Kapital Bank status/);
    assert.throws(() => sb.sim.setStatus(1, 'Closed'), /No Kapital Bank order/);
  } finally {
    await sb.close();
  }
});
