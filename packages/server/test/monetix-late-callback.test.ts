// The SMS code can reach the shopper before Monetix's request for it (its "awaiting clarification"
// callback) reaches us. The code the shopper types then must still be relayed, not refused.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createMonetixSimulator, MONETIX_TEST_PHONES } from '@pay-checkout/sandbox';
import { monetixHandlers } from '@pay-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { api, type Harness, PITECH, sessionBody, startServer } from './helpers.js';

const GATE = 'https://api.trxhost.com';
const MONETIX = { projectId: 1234, secretKey: 'monetix-test-secret', gateUrl: GATE };
const customer = { id: 'cust-9', name: 'Aigerim Sultanova', email: 'aigerim@example.kz' };

// Callbacks go to a port nothing listens on: none of them arrives.
const sim = createMonetixSimulator({ baseUrl: GATE, projectId: 1234, secretKey: MONETIX.secretKey, callbackUrl: 'http://127.0.0.1:9/callbacks' });
const mock = setupServer(...monetixHandlers(sim));
let h: Harness;

before(async () => {
  mock.listen({ onUnhandledRequest: 'bypass' });
  h = await startServer({ providers: { pitech: PITECH, monetix: MONETIX } });
});
after(async () => {
  mock.close();
  await h.close();
});

it('relays a code typed before the request for it arrived, after asking Monetix where the payment stands', async () => {
  const session = await h.checkout.createSession({ ...sessionBody, amount: { value: 100000, currency: 'KZT' }, customer });
  const started = await api(`${h.url}/v1/sessions/${session.id}/payments`, {
    token: session.clientSecret,
    body: { method: 'kz_mobile', phone: `+${MONETIX_TEST_PHONES.success}`, operator: 'KCELL' },
    headers: { 'idempotency-key': 'late-callback-0001' },
  });
  assert.equal(started.status, 201);
  await sim.idle();
  const code = sim.getPayment(started.json.id)!.otp!.code;
  const submitted = await api(`${h.url}/v1/sessions/${session.id}/payments/${started.json.id}/otp`, { token: session.clientSecret, body: { code } });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
  assert.equal(submitted.json.state, 'processing');
  assert.equal(sim.getPayment(started.json.id)!.status, 'success');
});
