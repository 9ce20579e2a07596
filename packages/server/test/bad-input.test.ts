// Inputs the generated-input run (test/faults/fuzz.test.ts) found answered wrongly, each pinned here.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { api, API_KEY, type Harness, PITECH, sessionBody, startServer } from './helpers.js';
import { PAYTECH_KEYS, PAYTECH_URL } from './paytech-helpers.js';

describe('bad input', () => {
  let h: Harness;
  before(async () => {
    h = await startServer({ providers: { pitech: PITECH, paytech: { ...PAYTECH_KEYS, baseUrl: PAYTECH_URL } }, routing: { card: { KZT: 'pitech', '*': 'paytech' } } });
  });
  after(() => h.close());

  it('answers a path parameter that is not valid percent-encoding with 404, not 500', async () => {
    const session = await h.checkout.createSession(sessionBody);
    for (const [path, init] of [
      ['/v1/sessions/%E0%A4%A', { token: session.clientSecret }],
      [`/v1/sessions/${session.id}/payments/%`, { token: session.clientSecret }],
      ['/v1/payments/%E0%A4%A/refund', { token: API_KEY, body: {}, headers: { 'idempotency-key': 'refund-key-0001' } }],
      ['/v1/return/%ff%', {}],
      ['/v1/callbacks/%E0', { body: {} }],
    ] as const) {
      const res = await api(`${h.url}${path}`, init);
      assert.equal(res.status, 404, `${path}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, 'not_found');
    }
    assert.equal(h.logs.filter((line) => line.includes('request.failed')).length, 0);
  });

  it('does not log a client that hangs up in the middle of its body as a failure of ours', async () => {
    const { hostname, port, pathname } = new URL(h.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST ${pathname}/v1/sessions HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"amount":`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(h.logs.filter((line) => line.includes('request.failed')), []);
  });

  it("refuses at creation a session for more than pay.tech's documented 1,000,000,000, instead of a 502 when the shopper pays", async () => {
    const eur = (value: number, methods?: string[]) =>
      api(`${h.url}/v1/sessions`, { token: API_KEY, body: { ...sessionBody, amount: { value, currency: 'EUR' }, ...(methods ? { methods } : {}) } });
    const over = await eur(100_000_000_001, ['card']);
    assert.equal(over.status, 400);
    assert.equal(over.json.error.code, 'method_not_available');
    assert.match(over.json.error.message, /pay\.tech takes at most 1000000000\.00 EUR/);
    assert.equal((await eur(100_000_000_001)).json.error.code, 'method_not_available');
    assert.equal((await eur(100_000_000_000, ['card'])).status, 201);
  });
});
