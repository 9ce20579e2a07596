// pay-checkout-admin as a child process against the real router: a PITECH card payment made through
// the sandbox simulator (msw, in this process), then listed, read and partly refunded from the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createPitechSimulator, PITECH_TEST_CARDS, type PitechSimulator } from '@pay-checkout/sandbox';
import { pitechHandlers } from '@pay-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { api, API_KEY, type Harness, PITECH, sessionBody, startServer } from './helpers.js';
import { PITECH_URL, payOnPitechPage } from './pitech-helpers.js';

const bin = new URL('../bin/pay-checkout-admin.mjs', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously: the server it talks to lives in this process's event loop. */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pay-checkout-admin CLI', () => {
  const sim: PitechSimulator = createPitechSimulator({ baseUrl: PITECH_URL, ...PITECH });
  const mock = setupServer(...pitechHandlers(sim));
  let h: Harness;
  let env: Record<string, string>;
  let paymentId: string;
  const orderId = 'order-admin-1';
  const run = (...args: string[]) => admin(args, env);

  before(async () => {
    mock.listen({ onUnhandledRequest: 'bypass' });
    h = await startServer();
    env = { PAY_CHECKOUT_URL: h.url, PAY_CHECKOUT_API_KEY: API_KEY };
    // A paid order: 1500.00 KZT through PITECH's hosted page.
    const session = await h.checkout.createSession({ ...sessionBody, orderId });
    const started = await api(`${h.url}/v1/sessions/${session.id}/payments`, {
      token: session.clientSecret,
      body: { method: 'card' },
      headers: { 'idempotency-key': 'admin-cli-attempt-1' },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    paymentId = started.json.id;
    const back = await fetch(await payOnPitechPage(started.json.nextAction.url), { redirect: 'manual' });
    assert.equal(back.status, 303);
    assert.equal((await h.checkout.getPayment(paymentId)).state, 'succeeded');
  });
  after(async () => {
    await sim.idle();
    mock.close();
    await h.close();
  });

  const refundsAtPitech = () => sim.orders().find((o) => o.request.extOrdersId === paymentId)?.refundedAmount ?? 0;
  const noKeyIn = (result: Run) => assert.equal(`${result.stdout}${result.stderr}`.includes(API_KEY), false, 'the API key is never printed');

  it('lists payments as a table, and as the API JSON with --json --order', async () => {
    const table = await run('payments');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^PAYMENT\s+ORDER\s+AMOUNT\s+STATE/m);
    assert.match(table.stdout, new RegExp(`${paymentId}\\s+${orderId}\\s+1500\\.00 KZT\\s+succeeded\\s+pitech\\s+card`));
    noKeyIn(table);

    const json = await run('payments', '--order', orderId, '--limit', '5', '--json');
    assert.equal(json.code, 0, json.stderr);
    const list = JSON.parse(json.stdout) as { data: { id: string }[]; nextCursor: string | null };
    assert.deepEqual(list.data.map((p) => p.id), [paymentId]);
    assert.equal(list.nextCursor, null);
  });

  it('shows one payment with what can be done with it', async () => {
    const result = await run('payment', paymentId);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /State\s+succeeded/);
    assert.match(result.stdout, /Amount\s+1500\.00 KZT/);
    assert.match(result.stdout, /refund up to 1500\.00 KZT/);
    assert.match(result.stdout, /No operations yet/);
  });

  it('refunds part in major units once, and a repeat with the same key refunds nothing more', async () => {
    const args = ['refund', paymentId, '--amount', '12.50', '--reason', 'Dented tin', '--actor', 'Aigerim', '--idempotency-key', 'refund-admin-0001'];
    const first = await run(...args);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Idempotency-Key: refund-admin-0001/);
    assert.match(first.stdout, /Refunded 12\.50 KZT; payment state: partially_refunded/);
    assert.match(first.stdout, /refund\s+12\.50 KZT\s+succeeded\s+Aigerim\s+Dented tin/);
    assert.equal(refundsAtPitech(), 12.5);
    noKeyIn(first);

    const repeat = await run(...args);
    assert.equal(repeat.code, 0, repeat.stderr);
    assert.match(repeat.stdout, /^Done before with this Idempotency-Key; nothing was repeated\. Refunded 12\.50 KZT/);
    assert.equal(refundsAtPitech(), 12.5);
    const payment = await h.checkout.getPayment(paymentId);
    assert.equal(payment.state, 'partially_refunded');
    const stored = await api(`${h.url}/v1/payments/${paymentId}`, { token: API_KEY });
    assert.equal(stored.json.operations.length, 1);
    assert.deepEqual(stored.json.operations[0].amount, { value: 1250, currency: 'KZT' });
    assert.equal(stored.json.operations[0].actor, 'Aigerim');
  });

  it('makes and prints a new key when none is given, and answers with JSON on --json', async () => {
    const result = await run('refund', paymentId, '--amount', '1', '--json');
    assert.equal(result.code, 0, result.stderr);
    const key = /Idempotency-Key: (\S+)/.exec(result.stderr)?.[1];
    assert.ok(key);
    const payment = JSON.parse(result.stdout) as { refundedAmount: { value: number }; operations: { idempotencyKey: string; actor: string }[] };
    assert.equal(payment.refundedAmount.value, 1350);
    assert.equal(payment.operations.find((o) => o.idempotencyKey === key)?.actor, 'api');
  });

  it('refuses more decimals than the currency has, before any operation is sent', async () => {
    const before = await api(`${h.url}/v1/payments/${paymentId}`, { token: API_KEY });
    const result = await run('refund', paymentId, '--amount', '12.505');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--amount 12\.505: KZT amounts have at most 2 decimal places/);
    assert.doesNotMatch(result.stderr, /Idempotency-Key/);
    for (const bad of ['12,50', '-3', 'ten']) {
      const refused = await run('refund', paymentId, `--amount=${bad}`);
      assert.equal(refused.code, 2, bad);
      assert.match(refused.stderr, /is not an amount/);
    }
    const zero = await run('refund', paymentId, '--amount', '0.00');
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /more than 0/);
    const now = await api(`${h.url}/v1/payments/${paymentId}`, { token: API_KEY });
    assert.equal(now.json.operations.length, before.json.operations.length);
    assert.equal(refundsAtPitech(), 13.5);
  });

  it('prints the API error as code: message and exits 1', async () => {
    const tooMuch = await run('refund', paymentId, '--amount', '5000');
    assert.equal(tooMuch.code, 1);
    assert.match(tooMuch.stderr, /^amount_out_of_range: The refund amount must be .*1486\.50 KZT/m);
    const capture = await run('capture', paymentId);
    assert.equal(capture.code, 1);
    assert.match(capture.stderr, /^payment_state_conflict: /m);
    const missing = await run('payment', 'pay_missing');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^payment_not_found: /m);
  });

  it('exits 1 with unauthorized for a wrong key, and never prints either key', async () => {
    const wrongKey = 'sk_test_wrong_key_0000000000000';
    const result = await admin(['payments'], { ...env, PAY_CHECKOUT_API_KEY: wrongKey });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^unauthorized: A valid merchant API key is required/m);
    assert.equal(`${result.stdout}${result.stderr}`.includes(wrongKey), false);
  });

  it('exits 78 naming what is missing, and 2 with the usage for a bad command line', async () => {
    const unset = await admin(['payments'], {});
    assert.equal(unset.code, 78);
    assert.match(unset.stderr, /set PAY_CHECKOUT_URL and PAY_CHECKOUT_API_KEY/);
    const noKey = await admin(['payments'], { PAY_CHECKOUT_URL: h.url });
    assert.equal(noKey.code, 78);
    assert.match(noKey.stderr, /set PAY_CHECKOUT_API_KEY/);

    for (const args of [[], ['refunds', paymentId], ['refund'], ['payments', '--amount', '1'], ['cancel', paymentId, '--amount', '1'], ['payments', '--limit', '500'], ['refund', paymentId, '--idempotency-key', 'short']]) {
      const result = await run(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage: pay-checkout-admin <command>/);
    }
    const help = await admin(['--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 done/);
  });
});
