import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, API_KEY, expireSession, type Harness, sessionBody, startServer } from './helpers.js';

describe('sessions API', () => {
  let h: Harness;
  before(async () => {
    h = await startServer({ returnUrlOrigins: ['https://shop.example.kz'] });
  });
  after(() => h.close());

  it('creates a session with the merchant API key and opens it with the client secret only', async () => {
    const created = await api(`${h.url}/v1/sessions`, { token: API_KEY, body: sessionBody });
    assert.equal(created.status, 201);
    assert.match(created.json.clientSecret, new RegExp(`^${created.json.id}_secret_`));
    assert.deepEqual(created.json.session.amount, { value: 150000, currency: 'KZT' });
    assert.deepEqual(created.json.session.methods, [{ type: 'card', provider: 'pitech', providerName: 'PITECH' }]);
    assert.deepEqual(created.json.session.redirectOrigins, ['https://cards-stage.pitech.kz']);

    const view = await api(`${h.url}/v1/sessions/${created.json.id}`, { token: created.json.clientSecret });
    assert.equal(view.status, 200);
    assert.equal(view.json.status, 'open');
    assert.equal(view.json.merchantName, 'Demo Tea House');
    assert.equal(view.json.payment, null);
    assert.equal(view.headers.get('cache-control'), 'no-store');
    assert.equal(JSON.stringify(view.json).includes(created.json.clientSecret), false);
  });

  it('refuses a wrong client secret as an unknown session', async () => {
    const created = await api(`${h.url}/v1/sessions`, { token: API_KEY, body: { ...sessionBody, orderId: 'o-2' } });
    for (const token of [undefined, 'nope', `${created.json.id}_secret_wrong`, API_KEY.slice(0, -1)]) {
      const res = await api(`${h.url}/v1/sessions/${created.json.id}`, { token });
      assert.equal(res.status, 404);
      assert.equal(res.json.error.code, 'session_not_found');
    }
    const other = await api(`${h.url}/v1/sessions/cs_unknown`, { token: created.json.clientSecret });
    assert.equal(other.json.error.code, 'session_not_found');
  });

  it('refuses session creation without the API key', async () => {
    for (const token of [undefined, 'sk_test_wrong', 'cs_x_secret_y', `${API_KEY}x`]) {
      const res = await api(`${h.url}/v1/sessions`, { token, body: sessionBody });
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'unauthorized');
    }
  });

  it('answers bad input with 4xx and the error shape', async () => {
    const cases: [unknown, number, string, Record<string, string>?][] = [
      [{ ...sessionBody, amount: { value: 10.5, currency: 'KZT' } }, 400, 'invalid_request'],
      [{ ...sessionBody, amount: { value: 100, currency: 'XYZ' } }, 400, 'invalid_request'],
      [{ ...sessionBody, admin: true }, 400, 'invalid_request'],
      [{ ...sessionBody, returnUrl: 'https://evil.example/steal' }, 400, 'invalid_request'],
      [{ ...sessionBody, amount: { value: 100, currency: 'AZN' } }, 400, 'method_not_available'],
      ['{"amount":', 400, 'invalid_request'],
      [JSON.stringify({ ...sessionBody, description: 'x'.repeat(20_000) }), 413, 'payload_too_large'],
      ['amount=1', 415, 'unsupported_media_type', { 'content-type': 'application/x-www-form-urlencoded' }],
    ];
    for (const [body, status, code, headers] of cases) {
      const res = await api(`${h.url}/v1/sessions`, { token: API_KEY, body, headers });
      assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)} -> ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, code);
      assert.equal(typeof res.json.error.message, 'string');
    }
  });

  it('answers unknown endpoints with the error shape', async () => {
    const res = await api(`${h.url}/v1/nothing`);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'not_found');
  });

  it('expires a session that nobody paid in time', async () => {
    const created = await h.checkout.createSession({ ...sessionBody, orderId: 'o-exp', expiresInSeconds: 60 });
    const view = await h.checkout.getSession(created.id);
    assert.equal(view.status, 'open');
    await expireSession(h, created.id);
    const res = await api(`${h.url}/v1/sessions/${created.id}`, { token: created.clientSecret });
    assert.equal(res.json.status, 'expired');
    const pay = await api(`${h.url}/v1/sessions/${created.id}/payments`, {
      token: created.clientSecret,
      body: { method: 'card' },
      headers: { 'idempotency-key': 'key-expired-0001' },
    });
    assert.equal(pay.status, 410);
    assert.equal(pay.json.error.code, 'session_expired');
  });
});
