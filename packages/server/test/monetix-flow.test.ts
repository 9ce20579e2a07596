// Kazakh mobile commerce through the Monetix adapter against the sandbox simulator, intercepted by
// msw at Monetix's real Gate URL.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createMonetixSimulator, MONETIX_TEST_PHONES, type MonetixSimulator } from '@pay-checkout/sandbox';
import { monetixHandlers } from '@pay-checkout/sandbox/msw';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { monetixSign } from '../src/index.js';
import { api, type Harness, PITECH, sessionBody, startServer } from './helpers.js';

const GATE = 'https://api.trxhost.com';
const MONETIX = { projectId: 1234, secretKey: 'monetix-test-secret', gateUrl: GATE, resendCooldownSeconds: 1, codeTtlSeconds: 2 };
const customer = { id: 'cust-9', name: 'Aigerim Sultanova', email: 'aigerim@example.kz', phone: '+77011234567' };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Monetix mobile commerce', () => {
  let sim: MonetixSimulator;
  let h: Harness;
  const mock = setupServer();

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer({
      providers: { pitech: PITECH, monetix: MONETIX },
      limits: { mobilePerPhone: { max: 3, windowSeconds: 3600 }, mobilePerIp: { max: 100, windowSeconds: 3600 } },
    });
    sim = createMonetixSimulator({ baseUrl: GATE, projectId: 1234, secretKey: MONETIX.secretKey, callbackUrl: `${h.url}/v1/callbacks/monetix`, otpTtlMs: 2000 });
    mock.use(...monetixHandlers(sim));
  });
  afterEach(async () => {
    await sim.idle();
    mock.resetHandlers(...monetixHandlers(sim));
  });
  after(async () => {
    mock.close();
    await h.close();
  });

  let seq = 0;
  async function newSession() {
    return h.checkout.createSession({ ...sessionBody, orderId: `m-${++seq}`, amount: { value: 100000, currency: 'KZT' }, customer });
  }
  /** A fresh number per payment, so the per-phone limit only bites where a test means it to. */
  const freshPhone = () => `7701${String(1_000_000 + seq * 37 + Math.floor(Math.random() * 30)).slice(-7)}`.replace(/(0000|1111|2222)$/, '3456');
  async function startMobile(phone: string = freshPhone(), session?: { id: string; clientSecret: string }) {
    const s = session ?? (await newSession());
    const res = await api(`${h.url}/v1/sessions/${s.id}/payments`, {
      token: s.clientSecret,
      body: { method: 'kz_mobile', phone: `+${phone}`, operator: 'KCELL' },
      headers: { 'idempotency-key': `mobile-${seq}-${phone}-${Math.random()}` },
    });
    await sim.idle();
    return { session: s, res, paymentId: res.json.id as string, number: phone };
  }
  const payment = (s: { id: string; clientSecret: string }, id: string) => api(`${h.url}/v1/sessions/${s.id}/payments/${id}`, { token: s.clientSecret });
  const submit = (s: { id: string; clientSecret: string }, id: string, code: string) =>
    api(`${h.url}/v1/sessions/${s.id}/payments/${id}/otp`, { token: s.clientSecret, body: { code } });
  const resend = (s: { id: string; clientSecret: string }, id: string) =>
    api(`${h.url}/v1/sessions/${s.id}/payments/${id}/otp/resend`, { token: s.clientSecret, body: {} });

  it('offers the mobile method with the signed operator list', async () => {
    const session = await newSession();
    const mobile = session.session.methods.find((m) => m.type === 'kz_mobile');
    assert.ok(mobile);
    assert.deepEqual(mobile.operators?.map((o) => o.id), ['ACTIV', 'ALTEL', 'BEELINE', 'KCELL', 'TELE2']);
    assert.deepEqual(session.session.prefill, { phone: '+77011234567' });
  });

  it('sends the signed sale, asks for the code, and succeeds with the right code', async () => {
    const { session, res, paymentId, number } = await startMobile(MONETIX_TEST_PHONES.success);
    assert.equal(res.status, 201);
    const sale = sim.getPayment(paymentId)!;
    assert.ok(sale);
    const view = await payment(session, paymentId);
    assert.equal(view.json.state, 'requires_action');
    const otp = view.json.nextAction;
    assert.equal(otp.type, 'otp');
    assert.equal(otp.phone, `+7 701 ***-**-${number.slice(-2)}`);
    assert.equal(otp.resendsLeft, 3);
    assert.equal(otp.attemptsLeft, 5);
    assert.equal(otp.lastCode, 'none');

    const answer = await submit(session, paymentId, sim.lastOtp(number)!);
    assert.equal(answer.status, 200);
    assert.equal(answer.json.state, 'processing');
    await sim.idle();
    const done = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(done.json.payment.state, 'succeeded');
    assert.equal(done.json.status, 'complete');
    // The code was never written to a log.
    assert.equal(h.logs.some((line) => line.includes(sim.lastOtp(number)!)), false);
  });

  it('says a wrong code was wrong, counts it, and still takes the right one', async () => {
    const { session, paymentId, number } = await startMobile();
    await submit(session, paymentId, '000000');
    await sim.idle();
    const again = await payment(session, paymentId);
    assert.equal(again.json.nextAction.lastCode, 'wrong');
    assert.equal(again.json.nextAction.attemptsLeft, 4);
    await submit(session, paymentId, sim.lastOtp(number)!);
    await sim.idle();
    assert.equal((await payment(session, paymentId)).json.state, 'succeeded');
  });

  it('fails the payment after five wrong codes and relays no more', async () => {
    const { session, paymentId } = await startMobile();
    for (let i = 0; i < 5; i++) {
      await submit(session, paymentId, '000000');
      await sim.idle();
    }
    const failed = await payment(session, paymentId);
    assert.equal(failed.json.state, 'failed');
    assert.equal(failed.json.failure.code, 'too_many_attempts');
    const before = sim.callbacks().length;
    const sixth = await submit(session, paymentId, '000000');
    assert.equal(sixth.status, 409);
    assert.equal(sim.callbacks().length, before);
  });

  it('refuses a double submit of one code step', async () => {
    const { session, paymentId, number } = await startMobile();
    const code = sim.lastOtp(number)!;
    const [a, b] = await Promise.all([submit(session, paymentId, code), submit(session, paymentId, code)]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    await sim.idle();
  });

  it('resends only after the cooldown, survives the misleading callback, and stops at three', async () => {
    const { session, paymentId, number } = await startMobile();
    const early = await resend(session, paymentId);
    assert.equal(early.status, 429);
    assert.equal(early.json.error.code, 'resend_not_available');
    assert.equal(sim.getPayment(paymentId)!.resends ?? 0, 0);

    for (let i = 1; i <= 3; i++) {
      await wait(1100);
      const ok = await resend(session, paymentId);
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(ok.json.nextAction.resendsLeft, 3 - i);
      await sim.idle();
      // The platform's "decline" right after a resend must not fail the payment.
      const view = await payment(session, paymentId);
      assert.equal(view.json.state, 'requires_action', `after resend ${i}`);
    }
    await wait(1100);
    const fourth = await resend(session, paymentId);
    assert.equal(fourth.status, 429);
    assert.equal(fourth.json.error.code, 'resend_limit_reached');

    await submit(session, paymentId, sim.lastOtp(number)!);
    await sim.idle();
    assert.equal((await payment(session, paymentId)).json.state, 'succeeded');
  });

  it('tells an expired code apart from a wrong one', async () => {
    const { session, paymentId, number } = await startMobile();
    const code = sim.lastOtp(number)!;
    await wait(2200);
    await submit(session, paymentId, code);
    await sim.idle();
    const view = await payment(session, paymentId);
    assert.equal(view.json.nextAction.lastCode, 'expired');
    assert.equal(view.json.nextAction.attemptsLeft, 5);
  });

  it('maps the declines to clear failure codes', async () => {
    const broke = await startMobile(MONETIX_TEST_PHONES.insufficientFunds);
    await submit(broke.session, broke.paymentId, sim.lastOtp(broke.number)!);
    await sim.idle();
    const a = await payment(broke.session, broke.paymentId);
    assert.equal(a.json.state, 'failed');
    assert.equal(a.json.failure.code, 'insufficient_balance');

    const refused = await startMobile(MONETIX_TEST_PHONES.declinedAtOnce);
    const b = await payment(refused.session, refused.paymentId);
    assert.equal(b.json.state, 'failed');
    assert.deepEqual(b.json.failure, { code: 'payment_declined', reason: 'General decline' });
  });

  it('refuses forged and unsigned callbacks without changing anything, and is idempotent on replays', async () => {
    const { session, paymentId } = await startMobile();
    const genuine = sim.callbacks().filter((c) => (c.body as any).payment.id === paymentId).at(-1)!.body as Record<string, any>;
    const forged = { ...genuine, payment: { ...genuine.payment, status: 'success' }, operation: { ...genuine.operation, status: 'success' } };
    assert.equal((await api(`${h.url}/v1/callbacks/monetix`, { body: forged })).status, 401);
    const { signature: _s, ...unsigned } = forged as Record<string, unknown>;
    assert.equal((await api(`${h.url}/v1/callbacks/monetix`, { body: unsigned })).json.error.code, 'invalid_signature');
    const otherKey = { ...unsigned, signature: monetixSign(unsigned, 'not-the-key') };
    assert.equal((await api(`${h.url}/v1/callbacks/monetix`, { body: otherKey })).status, 401);
    assert.equal((await payment(session, paymentId)).json.state, 'requires_action');

    for (let i = 0; i < 3; i++) assert.equal((await api(`${h.url}/v1/callbacks/monetix`, { body: genuine })).status, 200);
    const view = await payment(session, paymentId);
    assert.equal(view.json.nextAction.attemptsLeft, 5);
    assert.equal(view.json.nextAction.lastCode, 'none');
  });

  it('ignores a late request for a code after the payment succeeded', async () => {
    const { session, paymentId, number } = await startMobile();
    const clarification = sim.callbacks().filter((c) => (c.body as any).payment.id === paymentId).at(-1)!.body;
    await submit(session, paymentId, sim.lastOtp(number)!);
    await sim.idle();
    assert.equal((await api(`${h.url}/v1/callbacks/monetix`, { body: clarification })).status, 200);
    assert.equal((await payment(session, paymentId)).json.state, 'succeeded');
  });

  it('refunds in part, then in full, as Monetix confirms', async () => {
    const { session, paymentId, number } = await startMobile('77051234567');
    await submit(session, paymentId, sim.lastOtp(number)!);
    await sim.idle();
    await assert.rejects(h.checkout.refund(paymentId, { amount: 100001 }), /refund amount/);
    await h.checkout.refund(paymentId, { amount: 40000 });
    await sim.idle();
    assert.equal((await h.checkout.getPayment(paymentId)).state, 'partially_refunded');
    await h.checkout.refund(paymentId);
    await sim.idle();
    assert.equal((await h.checkout.getPayment(paymentId)).state, 'refunded');
    void session;
  });

  it('limits mobile payments per phone number without calling Monetix', async () => {
    const phone = '77079998877';
    for (let i = 0; i < 3; i++) assert.equal((await startMobile(phone)).res.status, 201);
    const before = sim.payments().length;
    const limited = await startMobile(phone);
    assert.equal(limited.res.status, 429);
    assert.equal(limited.res.json.error.code, 'rate_limited');
    assert.ok(Number(limited.res.headers.get('retry-after')) > 0);
    assert.equal(sim.payments().length, before);
  });

  it('streams the payment live over Server-Sent Events', async () => {
    const { session, paymentId, number } = await startMobile('77751234567');
    const controller = new AbortController();
    const stream = await fetch(`${h.url}/v1/sessions/${session.id}/events`, {
      headers: { authorization: `Bearer ${session.clientSecret}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type')!, /text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil(/"type":"otp"/);
    await submit(session, paymentId, sim.lastOtp(number)!);
    await readUntil(/"state":"succeeded"/);
    assert.match(text, /event: payment/);
    controller.abort();
  });

  it('falls back to the documented operators when the list cannot be read', async () => {
    const other = await startServer({ providers: { monetix: MONETIX } });
    try {
      mock.use(http.post(`${GATE}/v2/info/mobile/sale/list`, () => new HttpResponse(null, { status: 503 })));
      const s = await other.checkout.createSession({ ...sessionBody, orderId: 'ops-1', customer });
      assert.deepEqual(s.session.methods[0]?.operators?.map((o) => o.id), ['ACTIV', 'ALTEL', 'BEELINE', 'KCELL', 'TELE2']);
      assert.ok(other.logs.some((l) => l.includes('monetix.operators_unavailable')));
    } finally {
      await other.close();
    }
  });

  it('builds a signed Payment Page handoff for merchants who prefer it', async () => {
    const paged = await startServer({ providers: { monetix: { ...MONETIX, mode: 'payment_page', paymentPageUrl: GATE } } });
    try {
      const s = await paged.checkout.createSession({ ...sessionBody, orderId: 'page-1', customer });
      const res = await api(`${paged.url}/v1/sessions/${s.id}/payments`, {
        token: s.clientSecret,
        body: { method: 'kz_mobile', phone: '+77071234567', operator: 'TELE2' },
        headers: { 'idempotency-key': 'page-key-0001' },
      });
      assert.equal(res.json.nextAction.type, 'redirect');
      const url = new URL(res.json.nextAction.url);
      assert.equal(url.searchParams.get('force_payment_method'), 'mobile');
      assert.deepEqual(JSON.parse(url.searchParams.get('payment_methods_options')!), { enable_mobile_service: 1, selected_operator: 'TELE2' });
      const page = await fetch(url);
      assert.equal(page.status, 200, 'the simulator accepts our signature');
    } finally {
      await paged.close();
    }
  });

  it('drops an attempt waiting for its code when the shopper changes the number, and not one with a code in flight', async () => {
    const { session, paymentId } = await startMobile();
    const cancel = (id: string) => api(`${h.url}/v1/sessions/${session.id}/payments/${id}/cancel`, { token: session.clientSecret, body: {} });
    const canceled = await cancel(paymentId);
    assert.equal(canceled.status, 200);
    assert.equal(canceled.json.state, 'canceled');
    const second = await startMobile(undefined, session);
    assert.equal(second.res.status, 201);
    assert.notEqual(second.paymentId, paymentId);
    // Monetix acknowledges the code but has not answered yet: the code is in flight.
    mock.use(http.post(`${GATE}/v2/payment/clarification`, () => HttpResponse.json({ status: 'success', project_id: 1234, payment_id: second.paymentId })));
    assert.equal((await submit(session, second.paymentId, '000000')).status, 200);
    const refused = await cancel(second.paymentId);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'payment_not_cancelable');
    await sim.idle();
  });

  it('refuses bad mobile input with clear errors', async () => {
    const s = await newSession();
    const cases: [unknown, string][] = [
      [{ method: 'kz_mobile', phone: '+7701123', operator: 'KCELL' }, 'invalid_request'],
      [{ method: 'kz_mobile', phone: '+77011234567' }, 'invalid_request'],
      [{ method: 'kz_mobile', phone: '+77011234567', operator: 'kcell; drop' }, 'invalid_request'],
    ];
    for (const [body, code] of cases) {
      const res = await api(`${h.url}/v1/sessions/${s.id}/payments`, { token: s.clientSecret, body, headers: { 'idempotency-key': `bad-${Math.random()}` } });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.code, code);
    }
    assert.equal((await submit(s, 'pay_nope', '123456')).json.error.code, 'payment_not_found');
    const started = await startMobile(undefined, s);
    assert.equal((await submit(s, started.paymentId, '12ab')).json.error.code, 'invalid_request');
    assert.equal((await api(`${h.url}/v1/sessions/${s.id}/payments/${started.paymentId}/otp/resend`, { token: s.clientSecret, body: { x: 1 } })).status, 400);
  });
});
