// Genuine Monetix callbacks replayed after the payment moved on (test/faults/callbacks.test.ts found
// both): an older partial-refund callback took a refund back, and any older callback overwrote the
// provider state recorded for a settled payment.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMonetixSimulator, MONETIX_TEST_PHONES, type MonetixSimulator } from '@pay-checkout/sandbox';
import { monetixHandlers } from '@pay-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { api, type Harness, PITECH, sessionBody, sql, startServer } from './helpers.js';

const GATE = 'https://api.trxhost.com';
const MONETIX = { projectId: 1234, secretKey: 'monetix-test-secret', gateUrl: GATE };

describe('replayed Monetix callbacks', () => {
  let sim: MonetixSimulator;
  let h: Harness;
  const mock = setupServer();
  let paymentId: string;

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer({ providers: { pitech: PITECH, monetix: MONETIX } });
    sim = createMonetixSimulator({ baseUrl: GATE, projectId: 1234, secretKey: MONETIX.secretKey, callbackUrl: `${h.url}/v1/callbacks/monetix` });
    mock.use(...monetixHandlers(sim));
    const session = await h.checkout.createSession({
      ...sessionBody,
      amount: { value: 100_000, currency: 'KZT' },
      customer: { id: 'cust-9', name: 'Aigerim Sultanova', email: 'aigerim@example.kz' },
    });
    const started = await api(`${h.url}/v1/sessions/${session.id}/payments`, {
      token: session.clientSecret,
      body: { method: 'kz_mobile', phone: `+${MONETIX_TEST_PHONES.success}`, operator: 'KCELL' },
      headers: { 'idempotency-key': 'replay-mobile-0001' },
    });
    paymentId = started.json.id;
    await sim.idle();
    await api(`${h.url}/v1/sessions/${session.id}/payments/${paymentId}/otp`, { token: session.clientSecret, body: { code: sim.lastOtp(MONETIX_TEST_PHONES.success)! } });
    await sim.idle();
    await h.checkout.refund(paymentId, { amount: 10_000 });
    await sim.idle();
    await h.checkout.refund(paymentId, { amount: 20_000 });
    await sim.idle();
  });
  after(async () => {
    mock.close();
    await h.close();
  });

  const replay = (status: string) => {
    const callback = sim.callbacks().find((c) => (c.body.payment as { status: string }).status === status);
    assert.ok(callback, `no ${status} callback`);
    return api(`${h.url}/v1/callbacks/monetix`, { body: callback.body });
  };
  // BIGINT comes back from raw pg queries as a string; compare the amount as a number on both stores.
  const stored = async () => {
    const row = (await sql(h, 'SELECT state, provider_state, refunded_amount FROM payments WHERE id = ?', [paymentId]))[0]!;
    return { ...row, refunded_amount: Number(row.refunded_amount) };
  };

  it('keeps both refunds when the first refund callback comes again after the second', async () => {
    assert.deepEqual(await stored(), { state: 'partially_refunded', provider_state: 'partially refunded', refunded_amount: 30_000 });
    const again = await replay('partially refunded');
    assert.equal(again.status, 200);
    assert.deepEqual(await stored(), { state: 'partially_refunded', provider_state: 'partially refunded', refunded_amount: 30_000 });
  });

  it("keeps the provider state of a settled payment when a callback it moved past comes again", async () => {
    for (const status of ['awaiting clarification', 'success']) {
      assert.equal((await replay(status)).status, 200);
      assert.deepEqual(await stored(), { state: 'partially_refunded', provider_state: 'partially refunded', refunded_amount: 30_000 }, status);
    }
  });
});
