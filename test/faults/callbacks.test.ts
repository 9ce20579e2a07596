// Forged, tampered, stale and replayed provider callbacks, and tampered returns, against real payments
// made through the server and the sandbox. The genuine callbacks are the ones the simulators sent
// (Monetix's signed callbacks, carried to the server by relay(); pay.tech's signed webhooks, posted by
// the sandbox itself and kept with their exact bytes); fast-check alters them.
//   forged:   a signature that is random, absent, made with another key, or another body's
//   tampered: the genuine body with one field changed, added or removed, or pointed at another payment,
//             the signature kept; for pay.tech also whitespace and escaping (it signs the bytes)
//   stale:    neither provider signs the time a callback was sent (Monetix signs the operation's own
//             dates, pay.tech the payment's creation time, and both send again until answered 2xx), so
//             a stale callback is an old genuine one arriving after the payment moved on
//   replayed: genuine callbacks again, in any order, any number of times
// Forged and tampered ones must all be refused with a 4xx leaving every payment row as it was (state,
// version, updated_at) and no merchant event; stale and replayed ones are acknowledged (200, so the
// provider stops sending) and change nothing: no state back, no refund counted twice, no event.
// Returns: PITECH and Kapital sign nothing, so their return is only a trigger to read the provider;
// tampered return URLs for declined and abandoned payments must never make a payment succeed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MONETIX_SANDBOX_CREDENTIALS, MONETIX_TEST_PHONES, PAYTECH_SANDBOX_CREDENTIALS, signPaytechWebhook } from '@pay-checkout/sandbox';
import { paths } from '@pay-checkout/protocol/paths';
import { monetixSign, monetixStringToSign } from '@pay-checkout/server/monetix-signature';
import { type MobileCheckout, postCallback, startMobileCheckout } from './mobile-checkout.js';
import { abandon, type Acquirer, CURRENCY, payByPhone, shop } from './shopper.js';
import { API_KEY, type Stack, startStack } from './stack.js';

const RUNS = Number(process.env.CALLBACK_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const settings = { numRuns: RUNS, seed: SEED, includeErrorInReport: true };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { [key: string]: Json };

/** One genuine notification, as the provider sent it. */
interface Genuine {
  provider: 'monetix' | 'paytech';
  paymentId: string;
  /** The exact bytes posted (Monetix: the JSON of the signed body). */
  raw: string;
  /** pay.tech's Signature header. */
  signature?: string;
}

interface Row {
  id: string;
  state: string;
  version: number;
  updated_at: string;
  provider_state: string | null;
  refunded_amount: number;
}

let stack: Stack;
let m: MobileCheckout;
const genuine: Genuine[] = [];
/** Our payments, by what happened to them. */
const made: Record<string, string> = {};
const tally = { forged: 0, tampered: 0, reencoded: 0, stale: 0, replayed: 0, refused: 0, stateChanges: 0, returns: 0, falseSuccesses: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newSession(currency: string, extra: Record<string, unknown> = {}) {
  return m.checkout.createSession({
    amount: { value: 100_000, currency },
    orderId: `cb-${Math.random().toString(36).slice(2, 10)}`,
    description: 'Tea set',
    customer: { id: 'cust-cb', name: 'Aigerim Sultanova', email: 'aigerim@example.kz' },
    returnUrl: 'https://shop.example.kz/orders/1',
    ...extra,
  });
}

/** Relays Monetix's new callbacks to the server and keeps them as genuine. */
async function relay(): Promise<void> {
  for (const { record, status } of await m.relay()) {
    assert.equal(status, 200, `a genuine Monetix callback was refused: ${JSON.stringify(record.body).slice(0, 200)}`);
    genuine.push({ provider: 'monetix', paymentId: String((record.body.payment as Body).id), raw: JSON.stringify(record.body) });
  }
}

async function mobilePayment(name: string, number: string, code?: string | null) {
  const session = await newSession('KZT');
  const id = await payByPhone(m.api, session, number, stack.sandbox.monetix.baseUrl, relay, code);
  assert.ok(id, `no ${name} payment`);
  made[name] = id;
}

async function cardPayment(name: string, acquirer: Acquirer, pays: boolean, extra: Record<string, unknown> = {}) {
  const session = await newSession(CURRENCY[acquirer], extra);
  const run = await shop(m.api, session.id, session.clientSecret, acquirer, pays, 1);
  assert.equal(run.payments.length, 1, `no ${name} payment`);
  made[name] = run.payments[0]!;
}

async function operation(paymentId: string, kind: string, body: object) {
  const res = await fetch(`${m.api}${paths.payment(paymentId)}/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'idempotency-key': `cb-${kind}-${Math.random()}` },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

const state = async (paymentId: string) => String((await m.query('SELECT state FROM payments WHERE id = ?', [paymentId]))[0]?.state);

before(async () => {
  stack = await startStack();
  m = await startMobileCheckout(stack);
  await mobilePayment('monetixPaid', MONETIX_TEST_PHONES.success);
  await mobilePayment('monetixWaiting', '77071234561', null);
  await mobilePayment('monetixDeclined', MONETIX_TEST_PHONES.declinedAtOnce);
  await mobilePayment('monetixNoFunds', MONETIX_TEST_PHONES.insufficientFunds);
  await mobilePayment('monetixRefunded', '77751234562');
  // Two partial refunds, each confirmed by its own callback.
  await operation(made.monetixRefunded!, 'refund', { amount: 10_000 });
  await relay();
  await operation(made.monetixRefunded!, 'refund', { amount: 20_000 });
  await relay();

  await cardPayment('paytechPaid', 'paytech', true);
  await cardPayment('paytechDeclined', 'paytech', false);
  await cardPayment('paytechCaptured', 'paytech', true, { captureMethod: 'manual' });
  await stack.sandboxIdle();
  await operation(made.paytechCaptured!, 'capture', {});
  await cardPayment('paytechRefunded', 'paytech', true);
  await operation(made.paytechRefunded!, 'refund', { amount: 25_000 });
  await stack.sandboxIdle();
  for (const hook of stack.sandbox.paytech.webhooks()) {
    if (!hook.url.startsWith(m.api)) continue;
    assert.equal(hook.status, 200, `a genuine pay.tech webhook was refused: ${hook.rawBody.slice(0, 200)}`);
    genuine.push({ provider: 'paytech', paymentId: String(hook.body.referenceId), raw: hook.rawBody, signature: hook.signature });
  }

  const expected: Record<string, string> = {
    monetixPaid: 'succeeded',
    monetixWaiting: 'requires_action',
    monetixDeclined: 'failed',
    monetixNoFunds: 'failed',
    monetixRefunded: 'partially_refunded',
    paytechPaid: 'succeeded',
    paytechDeclined: 'failed',
    paytechCaptured: 'succeeded',
    paytechRefunded: 'partially_refunded',
  };
  for (const [name, want] of Object.entries(expected)) assert.equal(await state(made[name]!), want, name);
  assert.equal(Number((await m.query('SELECT refunded_amount FROM payments WHERE id = ?', [made.monetixRefunded]))[0]?.refunded_amount), 30_000);
}, { timeout: 60_000 });

after(async () => {
  await m?.close();
  await stack?.close();
});

// ---------- comparing before and after ----------

/** Our payments as stored, and the merchant events written and handed over. */
async function snapshot(): Promise<{ rows: Row[]; outbox: number; events: number }> {
  const ids = Object.values(made);
  const all = (await m.query('SELECT id, state, version, updated_at, provider_state, refunded_amount FROM payments ORDER BY id')) as unknown as Row[];
  const [{ n }] = (await m.query('SELECT COUNT(*) AS n FROM outbox')) as [{ n: number }];
  return { rows: all.filter((row) => ids.includes(row.id)), outbox: Number(n), events: m.events.length };
}

/** Everything about every payment, for forged and tampered callbacks: nothing may move, not even the version. */
async function whole(): Promise<string> {
  return JSON.stringify(await snapshot());
}

/** What a replay may not change: state, refunds, what the provider said, events. The version may move (a re-read is recorded). */
async function meaning(): Promise<string> {
  const { rows, outbox, events } = await snapshot();
  return JSON.stringify({ rows: rows.map(({ id, state, provider_state, refunded_amount }) => ({ id, state, provider_state, refunded_amount })), outbox, events });
}

async function send(callback: Genuine, raw: string, signature: string | null | undefined) {
  return postCallback(m.api, callback.provider, raw, signature ? { signature } : {});
}

// ---------- generators ----------

const pickGenuine = (provider?: Genuine['provider']) => fc.constantFrom(...genuine.filter((g) => !provider || g.provider === provider));
const scalar: fc.Arbitrary<Json> = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.integer(), fc.boolean(), fc.constantFrom('success', 'COMPLETED', 100_000, 0));

/** Every scalar in a JSON value: [parent, key]. */
function leaves(value: Json, out: [Body | Json[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((child, i) => (child !== null && typeof child === 'object' ? leaves(child, out) : out.push([value, i])));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) child !== null && typeof child === 'object' ? leaves(child, out) : out.push([value, key]);
  }
  return out;
}

function objects(value: Json, out: Body[] = []): Body[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    out.push(value);
    Object.values(value).forEach((child) => objects(child, out));
  }
  return out;
}

/** A value that differs from `old` in what it says (as text too). */
function changed(old: Json, replacement: Json): Json {
  if (typeof old === 'string') return typeof replacement === 'string' && replacement !== old ? replacement : `${old}x`;
  if (typeof old === 'number') return typeof replacement === 'number' && replacement !== old ? replacement : old + 1;
  if (typeof old === 'boolean') return !old;
  return 'x';
}

type Edit = { kind: 'change' | 'add' | 'remove' | 'retarget'; at: number; key: string; value: Json };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('change', 'change', 'add', 'remove', 'retarget'),
  at: fc.nat(),
  key: fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !['signature', 'frame_mode', '__proto__'].includes(k)),
  value: scalar,
});

/** The body with one field changed, added or removed, or naming another payment; `signature` is left alone. */
function edited(body: Body, e: Edit, otherPayment: string, idPath: (b: Body) => [Body, string]): Body {
  const copy = structuredClone(body);
  if (e.kind === 'retarget') {
    const [holder, key] = idPath(copy);
    holder[key] = otherPayment;
    return copy;
  }
  if (e.kind === 'add') {
    const targets = objects(copy);
    const target = targets[e.at % targets.length]!;
    target[Object.hasOwn(target, e.key) ? `${e.key}_` : e.key] = e.value;
    return copy;
  }
  const spots = leaves(copy).filter(([parent, key]) => !(parent === copy && key === 'signature'));
  const [parent, key] = spots[e.at % spots.length]!;
  if (e.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else (parent as Body)[key as string] = changed((parent as Body)[key as string] ?? null, e.value);
  return copy;
}

const monetixId = (b: Body): [Body, string] => [b.payment as Body, 'id'];
const paytechId = (b: Body): [Body, string] => [b, 'referenceId'];
const unsigned = (body: Body) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'signature'));

// ---------- the properties ----------

describe('forged, tampered, stale and replayed callbacks (Monetix, pay.tech)', () => {
  it('refuses every forged callback with a 4xx and changes nothing', { timeout: 120_000 }, async () => {
    const forgery = fc.record({
      target: pickGenuine(),
      kind: fc.constantFrom('random', 'absent', 'other-key', 'garbage', 'another-body', 'claims-success', 'empty', 'truncated'),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 96 }),
      garbage: fc.string({ unit: 'grapheme-ascii', maxLength: 120 }),
      other: pickGenuine(),
    });
    await fc.assert(
      fc.asyncProperty(forgery, async ({ target, kind, bytes, garbage, other }) => {
        const before = await whole();
        const body = JSON.parse(target.raw) as Body;
        let raw = target.raw;
        let signature = target.signature;
        if (target.provider === 'monetix') {
          const genuineSignature = String(body.signature);
          // A callback saying the payment waiting for its code succeeded, under a signature we made up.
          const claim = kind === 'claims-success' ? { ...unsigned(body), payment: { ...(body.payment as Body), id: made.monetixWaiting!, status: 'success' } } : unsigned(body);
          const forgedSignature: Record<string, string | undefined> = {
            random: Buffer.from(bytes).toString('base64'),
            absent: undefined,
            'other-key': monetixSign(claim, 'another-projects-secret'),
            garbage,
            'another-body': String((JSON.parse(other.raw) as Body).signature ?? ''),
            'claims-success': Buffer.from(bytes).toString('base64'),
            empty: '',
            // Shorter by at least one character that carries bits (dropping only the = padding decodes the same).
            truncated: genuineSignature.replace(/=+$/, '').slice(0, -1 - (bytes[0]! % 8)),
          };
          const presented = forgedSignature[kind];
          // The other body's signature may be this very body's (the same callback twice): not a forgery.
          if (presented === genuineSignature && kind !== 'claims-success') return;
          raw = JSON.stringify(presented === undefined ? claim : { ...claim, signature: presented });
        } else {
          const claim = kind === 'claims-success' ? JSON.stringify({ ...body, referenceId: made.paytechDeclined, state: 'COMPLETED' }) : target.raw;
          raw = claim;
          const forgedSignature: Record<string, string | undefined> = {
            random: Buffer.from(bytes).toString(bytes[0]! % 2 ? 'hex' : 'base64'),
            absent: undefined,
            'other-key': signPaytechWebhook(claim, 'another-shops-signing-key'),
            garbage,
            'another-body': other.signature,
            'claims-success': signature,
            empty: '',
            truncated: signature?.slice(0, Math.max(0, signature.length - 1 - (bytes[0]! % 8))),
          };
          signature = forgedSignature[kind];
          if (signature && signature === signPaytechWebhook(raw, PAYTECH_SANDBOX_CREDENTIALS.signingKey)) return;
        }
        tally.forged++;
        const answer = await send(target, raw, signature);
        const after = await whole();
        if (answer.status >= 400 && answer.status < 500) tally.refused++;
        if (after !== before) tally.stateChanges++;
        assert.ok(answer.status >= 400 && answer.status < 500, `forged ${kind} answered ${answer.status}`);
        assert.equal(after, before, `forged ${kind} changed a payment`);
      }),
      settings,
    );
  });

  it('refuses every tampered callback (signature kept) with a 4xx and changes nothing', { timeout: 120_000 }, async () => {
    const paytechRecoding = fc.constantFrom('indent', 'space-after-colon', 'trailing-newline', 'leading-space', 'escaped-letter', 'bom', 'key-order');
    const tamper = fc.record({ target: pickGenuine(), edit, recoding: fc.option(paytechRecoding, { freq: 3 }), other: fc.constantFrom(...Object.values(made)) });
    await fc.assert(
      fc.asyncProperty(tamper, async ({ target, edit: e, recoding, other }) => {
        const body = JSON.parse(target.raw) as Body;
        let raw: string;
        if (target.provider === 'monetix') {
          const tampered = edited(body, e, other, monetixId);
          // Monetix signs the values, flattened and sorted: what leaves that string as it was is no tamper.
          if (monetixStringToSign(unsigned(tampered)) === monetixStringToSign(unsigned(body))) return;
          raw = JSON.stringify(tampered);
        } else if (recoding) {
          raw = recoded(target.raw, recoding);
          if (raw === target.raw) return;
        } else {
          raw = JSON.stringify(edited(body, e, other, paytechId));
          if (raw === target.raw) return;
        }
        tally.tampered++;
        const before = await whole();
        const answer = await send(target, raw, target.signature);
        const after = await whole();
        if (answer.status >= 400 && answer.status < 500) tally.refused++;
        if (after !== before) tally.stateChanges++;
        assert.ok(answer.status >= 400 && answer.status < 500, `tampered (${recoding ?? e.kind}) answered ${answer.status}: ${raw.slice(0, 300)}`);
        assert.equal(after, before, `tampered (${recoding ?? e.kind}) changed a payment`);
      }),
      settings,
    );
  });

  it('takes a Monetix callback re-encoded with the same signed values as the same callback: no change', { timeout: 120_000 }, async () => {
    // Whitespace, key order, escapes and the ignored frame_mode: Monetix's signature covers none of them.
    const recoding = fc.constantFrom('indent', 'key-order', 'escaped-letter', 'frame_mode');
    await fc.assert(
      fc.asyncProperty(pickGenuine('monetix'), recoding, async (target, how) => {
        const raw = how === 'frame_mode' ? JSON.stringify({ ...(JSON.parse(target.raw) as Body), frame_mode: 'iframe' }) : recoded(target.raw, how);
        tally.reencoded++;
        const before = await meaning();
        const answer = await send(target, raw, undefined);
        const after = await meaning();
        if (after !== before) tally.stateChanges++;
        assert.equal(answer.status, 200, `re-encoded (${how}) answered ${answer.status}`);
        assert.equal(after, before, `re-encoded (${how}) changed a payment`);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('acknowledges stale callbacks (old genuine ones after the payment moved on) and changes nothing', { timeout: 120_000 }, async () => {
    // For each payment, a callback older than its latest: the state it reported has since moved on.
    const stale = genuine.filter((g) => genuine.findLastIndex((other) => other.paymentId === g.paymentId) !== genuine.indexOf(g));
    assert.ok(stale.filter((g) => g.provider === 'monetix').length >= 4 && stale.some((g) => g.provider === 'paytech'), 'too few stale callbacks to replay');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...stale), async (target) => {
        tally.stale++;
        const before = await meaning();
        const answer = await send(target, target.raw, target.signature);
        const after = await meaning();
        if (after !== before) tally.stateChanges++;
        assert.equal(answer.status, 200);
        assert.equal(after, before, `a stale callback for ${target.paymentId} changed it`);
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('acknowledges replays in any order and number with 200 and changes nothing', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pickGenuine(), { minLength: 1, maxLength: 6 }), fc.nat({ max: 20 }), async (sequence, pause) => {
        const before = await meaning();
        for (const target of sequence) {
          tally.replayed++;
          const answer = await send(target, target.raw, target.signature);
          assert.equal(answer.status, 200, `a replay answered ${answer.status}`);
        }
        await sleep(pause);
        const after = await meaning();
        if (after !== before) tally.stateChanges++;
        assert.equal(after, before, 'a replayed callback changed a payment');
      }),
      { ...settings, numRuns: Math.ceil(RUNS / 3) },
    );
    await stack.sandboxIdle();
    const attempts = tally.forged + tally.tampered;
    console.log(
      `# callbacks: ${tally.forged} forged, ${tally.tampered} tampered, ${tally.stale} stale, ${tally.replayed} replayed; ` +
        `rejected ${((100 * tally.refused) / Math.max(1, attempts)).toFixed(1)}%, state changes ${tally.stateChanges} ` +
        `(and ${tally.reencoded} Monetix re-encodings of the same signed values, taken as replays)`,
    );
  });
});

/** The same JSON in other bytes. */
function recoded(raw: string, how: string): string {
  const body = JSON.parse(raw) as Body;
  switch (how) {
    case 'indent':
      return JSON.stringify(body, null, 2);
    case 'space-after-colon':
      return raw.replace('":', '": ');
    case 'trailing-newline':
      return `${raw}\n`;
    case 'leading-space':
      return ` ${raw}`;
    case 'bom':
      return `\ufeff${raw}`;
    case 'key-order':
      return JSON.stringify(Object.fromEntries(Object.entries(body).reverse()));
    case 'escaped-letter':
      // The first letter inside a string value, written as a \u escape.
      return raw.replace(/":"([A-Za-z])/, (_m, letter: string) => `":"\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`);
    default:
      return raw;
  }
}

describe('tampered returns (PITECH, Kapital Bank)', () => {
  it('never makes a declined or abandoned payment succeed, whatever the return URL says', { timeout: 120_000 }, async () => {
    const ours: string[] = [];
    const paid: string[] = [];
    for (const acquirer of ['pitech', 'kapital'] as const) {
      for (let i = 0; i < 2; i++) {
        const declined = await newSession(CURRENCY[acquirer]);
        ours.push(...(await shop(m.api, declined.id, declined.clientSecret, acquirer, false, 1)).payments);
        const left = await newSession(CURRENCY[acquirer]);
        const id = await abandon(m.api, left.id, left.clientSecret);
        if (id) ours.push(id);
      }
      const good = await newSession(CURRENCY[acquirer]);
      paid.push(...(await shop(m.api, good.id, good.clientSecret, acquirer, true, 1)).payments);
    }
    await stack.sandboxIdle();
    assert.equal(ours.length, 8);
    const kapitalPaid = stack.sandbox.kapital.orders().filter((o) => o.status === 'FullyPaid').map((o) => String(o.id));
    const pitechPaid = stack.sandbox.pitech.orders().filter((o) => o.state === 'SUCCESS').map((o) => o.ordersId);
    const before = new Map(await Promise.all(ours.map(async (id) => [id, await state(id)] as const)));

    const value = fc.oneof(
      fc.constantFrom('success', 'SUCCESS', 'FullyPaid', 'fullypaid', 'Approved', 'COMPLETED', 'PAID', '1', 'true', 'ok'),
      fc.constantFrom(...kapitalPaid, ...pitechPaid, ...paid),
      fc.string({ unit: 'grapheme', maxLength: 16 }),
    );
    const name = fc.constantFrom('outcome', 'STATUS', 'status', 'ID', 'id', 'orderStatus', 'state', 'orderId', 'ordersId', 'extOrdersId', 'paymentId', 'uuid', 'pay_checkout_session');
    const param = fc.tuple(name, value, fc.constantFrom('plain', 'encoded', 'twice-encoded', 'array'));
    const tamperedReturn = fc.record({
      target: fc.constantFrom(...ours),
      // Sometimes the path names another payment, one that was paid.
      path: fc.option(fc.constantFrom(...paid), { freq: 5 }),
      params: fc.array(param, { minLength: 1, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(tamperedReturn, async ({ target, path, params }) => {
        tally.returns++;
        const query = params
          .map(([k, v, form]) => {
            if (form === 'encoded') return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
            if (form === 'twice-encoded') return `${encodeURIComponent(k)}=${encodeURIComponent(encodeURIComponent(v))}`;
            if (form === 'array') return `${encodeURIComponent(k)}[]=${encodeURIComponent(v)}`;
            return `${encodeURIComponent(k)}=${v.replace(/[^\w.~-]/gu, (c) => encodeURIComponent(c))}`;
          })
          .join('&');
        const res = await fetch(`${m.api}${paths.providerReturn(path ?? target)}?${query}`, { redirect: 'manual' });
        await res.text();
        assert.equal(res.status, 303);
        // Back to the merchant's own URL with the session only: nothing of the query is passed on.
        const location = new URL(res.headers.get('location') ?? '');
        assert.deepEqual([...location.searchParams.keys()], ['pay_checkout_session']);
        const paidThere = new Set(stack.providerOrders().filter((o) => o.paid).map((o) => o.paymentId));
        const succeeded = new Set((await m.query("SELECT id FROM payments WHERE state = 'succeeded'")).map((row) => String(row.id)));
        const falseSuccess = [...ours, ...paid].filter((id) => succeeded.has(id) && !paidThere.has(id));
        tally.falseSuccesses += falseSuccess.length;
        assert.deepEqual(falseSuccess, [], 'a payment succeeded that its provider has not paid');
        for (const id of ours) assert.equal(await state(id), before.get(id), `${id} moved`);
      }),
      settings,
    );
    console.log(`# returns: ${tally.returns} tampered returns, false successes ${tally.falseSuccesses}`);
  });
});
