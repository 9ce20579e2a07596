// Generated bad input against every public endpoint of a real server (sandbox + companion server on
// 127.0.0.1, SQLite). The endpoints come from the server's own OpenAPI document, so a new route is
// fuzzed without touching this file. Each run picks an operation and sends one request built from
// generated path parameters (sometimes real ids), query strings, headers and bodies; mutations of a
// valid body reach past validation into the services and the provider adapters.
// Properties: no 5xx but 502/503 `provider_error`/`provider_unavailable` (each listed for a look),
// every 4xx is `{error:{code,message}}` with a known code, no uncaught error in this process (server,
// sandbox and test share it), no request.failed log line, and the server still answers at the end.
//   FUZZ_RUNS (default 300), FUZZ_SEED (default below); `npm run fuzz` runs 10,000.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { ErrorCode } from '@pay-checkout/protocol';
import { paths } from '@pay-checkout/protocol/paths';
import {
  KAPITAL_TEST_CARDS,
  MONETIX_SANDBOX_CREDENTIALS,
  MONETIX_TEST_PHONES,
  PAYTECH_SANDBOX_CREDENTIALS,
  PAYTECH_TEST_CARDS,
  PITECH_SANDBOX_CREDENTIALS,
  signPaytechWebhook,
} from '@pay-checkout/sandbox';
import { monetixSign } from '@pay-checkout/server';
import { type MobileCheckout, startMobileCheckout } from './mobile-checkout.js';
import { abandon, CURRENCY, payByPhone, payOnPage, saveCardAtPitech, shop } from './shopper.js';
import { API_KEY, type Stack, startStack } from './stack.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const FOREIGN = 'https://evil.example';
/** Past the 16 KB body limit. */
const HUGE = 40_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, any>;

interface Operation {
  id: string;
  method: string;
  template: string;
  pathParams: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema }[];
  body: Schema | null;
  stream: boolean;
  /** The credential the document asks for: 'apiKey', 'clientSecret', or none. */
  security: string | null;
}

/** Real things created before the run, for path parameters, credentials and valid bodies. */
interface World {
  api: string;
  origin: string;
  sessions: { id: string; secret: string }[];
  payments: string[];
  /** Each payment with the session it belongs to. */
  pairs: { sessionId: string; paymentId: string }[];
  cards: string[];
  payouts: string[];
  /** A PITECH subscription of ours, and a pay.tech one (by pay.tech's id). */
  subscriptions: string[];
  /** Genuine provider notifications, per provider, as sent (bodies and pay.tech's raw bytes). */
  callbacks: Record<string, { body: Json; raw?: string }[]>;
}

interface Figures {
  runs: number;
  requests: number;
  aborted: number;
  statuses: Map<number, number>;
  /** 502/503 with their code, per operation, with one example each. */
  refusals: Map<string, { count: number; example: string }>;
  other5xx: number;
  /** Operations that answered a 2xx or 3xx at least once: how far past the door the run got. */
  reached: Set<string>;
}

const crashes: string[] = [];
const onCrash = (kind: string) => (error: unknown) => crashes.push(`${kind}: ${(error as Error)?.stack ?? String(error)}`);
const uncaught = onCrash('uncaughtException');
const unhandled = onCrash('unhandledRejection');

let stack: Stack;
let mobile: MobileCheckout;
let world: World;
let operations: Operation[];

before(async () => {
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', unhandled);
  stack = await startStack();
  // Monetix too (kz_mobile and its signed callbacks), limits high enough for the fuzzer to reach it.
  mobile = await startMobileCheckout(stack, { limits: { max: 1_000_000 } });
  stack.sandbox.paytech.setBalance('EUR', 1_000_000);
  const doc = (await (await fetch(`${mobile.api}${paths.openapi}`)).json()) as Schema;
  operations = operationsOf(doc);
  schemas = doc.components.schemas;
  world = await buildWorld(mobile, stack);
}, { timeout: 60_000 });

after(async () => {
  process.off('uncaughtException', uncaught);
  process.off('unhandledRejection', unhandled);
  await mobile?.close();
  await stack?.close();
});

function operationsOf(doc: Schema): Operation[] {
  const list: Operation[] = [];
  for (const [template, byMethod] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(byMethod)) {
      const parameters: Schema[] = op.parameters ?? [];
      const content = op.requestBody?.content?.['application/json']?.schema;
      list.push({
        id: op.operationId,
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: content ?? null,
        stream: Object.values<Schema>(op.responses ?? {}).some((r) => r.content?.['text/event-stream']),
        security: Object.keys(op.security?.[0] ?? {})[0] ?? null,
      });
    }
  }
  return list;
}

async function buildWorld(m: MobileCheckout, s: Stack): Promise<World> {
  const customer = { id: 'cust-fuzz', name: 'Aigerim Sultanova', email: 'aigerim@example.kz', phone: '+77011234567' };
  let n = 0;
  const session = (currency: string, extra: Record<string, unknown> = {}) =>
    m.checkout.createSession({
      amount: { value: 150_000, currency },
      orderId: `fuzz-${++n}`,
      description: 'Tea set',
      customer,
      returnUrl: 'https://shop.example.kz/orders/1',
      ...extra,
    });
  const sessions: { id: string; secret: string }[] = [];
  const payments: string[] = [];
  const pairs: World['pairs'] = [];
  const own = (sessionId: string, paymentId: string | null) => {
    if (!paymentId) return;
    payments.push(paymentId);
    pairs.push({ sessionId, paymentId });
  };
  const keep = (created: { id: string; clientSecret: string }) => {
    const kept = { id: created.id, secret: created.clientSecret };
    sessions.push(kept);
    return kept;
  };
  const paid = async (currency: 'KZT' | 'AZN' | 'EUR', pays: boolean, extra: Record<string, unknown> = {}, request: object = { method: 'card' }) => {
    const created = keep(await session(currency, extra));
    const acquirer = currency === CURRENCY.pitech ? 'pitech' : currency === CURRENCY.kapital ? 'kapital' : 'paytech';
    for (const paymentId of (await shop(m.api, created.id, created.secret, acquirer, pays, 1, request)).payments) own(created.id, paymentId);
  };
  keep(await session('KZT'));
  keep(await session('AZN'));
  keep(await session('EUR'));
  await paid('KZT', true);
  await paid('KZT', false);
  await paid('KZT', true, { captureMethod: 'manual' });
  await paid('AZN', true, {}, { method: 'card', saveCard: true });
  await paid('AZN', true, { captureMethod: 'manual' });
  await paid('EUR', true, {}, { method: 'card', saveCard: true });
  await paid('EUR', true, { captureMethod: 'manual' });
  const waiting = keep(await session('KZT'));
  own(waiting.id, await abandon(m.api, waiting.id, waiting.secret));
  // Mobile: one paid by the texted code, one waiting for its code.
  const monetix = s.sandbox.monetix.baseUrl;
  const byPhone = keep(await session('KZT'));
  own(byPhone.id, await payByPhone(m.api, { id: byPhone.id, clientSecret: byPhone.secret }, MONETIX_TEST_PHONES.success, monetix, () => m.relay()));
  const codeWait = keep(await session('KZT'));
  own(codeWait.id, await payByPhone(m.api, { id: codeWait.id, clientSecret: codeWait.secret }, '77071234568', monetix, () => m.relay(), null));
  // A card kept by PITECH's own saving page; then the customer's saved cards, as a new session of theirs lists them.
  await saveCardAtPitech(s.sandbox.pitech.baseUrl, PITECH_SANDBOX_CREDENTIALS, customer.id);
  const cards: string[] = [];
  for (const currency of ['KZT', 'AZN', 'EUR']) {
    const viewer = keep(await session(currency));
    const view = (await (await fetch(`${m.api}${paths.session(viewer.id)}`, { headers: { authorization: `Bearer ${viewer.secret}` } })).json()) as { savedCards: { id: string }[] };
    cards.push(...view.savedCards.map((c) => c.id));
  }
  const payouts: string[] = [];
  for (const [provider, currency] of [['kapital', 'AZN'], ['paytech', 'EUR']] as const) {
    const res = await fetch(`${m.api}/v1/payouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'idempotency-key': `fuzz-payout-${provider}` },
      body: JSON.stringify({ provider, amount: { value: 1000, currency }, destination: { type: 'card', cardNumber: KAPITAL_TEST_CARDS.mastercardSuccess.number }, reference: `fuzz-${provider}` }),
    });
    const body = (await res.json()) as { id?: string };
    if (body.id) payouts.push(body.id);
  }
  const subscriptions = await subscriptionsOf(m, s, cards, customer);
  await s.sandboxIdle();
  const { pitech, kapital, paytech } = s.sandbox;
  return {
    api: m.api,
    origin: new URL(m.api).origin,
    sessions,
    payments,
    pairs,
    cards,
    payouts,
    subscriptions,
    callbacks: {
      pitech: pitech.callbacks().map((c) => ({ body: c.body as Json })),
      kapital: kapital.orders().map((o) => ({ body: { ID: o.id, STATUS: o.status } as Json })),
      monetix: s.sandbox.monetix.callbacks().map((c) => ({ body: c.body as Json })),
      paytech: paytech.webhooks().map((w) => ({ body: w.body as Json, raw: w.rawBody })),
    },
      };
}

/** One of our PITECH subscriptions on the saved PITECH card, and one pay.tech started from a deposit that asked for it. */
async function subscriptionsOf(m: MobileCheckout, s: Stack, cards: string[], customer: { id: string; email: string }): Promise<string[]> {
  const ids: string[] = [];
  for (const card of cards) {
    const res = await fetch(`${m.api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'idempotency-key': `fuzz-subscription-${card}` },
      body: JSON.stringify({
        savedCardId: card,
        customerId: customer.id,
        amount: { value: 5000, currency: 'KZT' },
        interval: 'MONTH',
        period: 1,
        startTime: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        description: 'Tea every month',
        email: customer.email,
      }),
    });
    const body = (await res.json()) as { id?: string };
    if (res.status === 201 && body.id) ids.push(body.id);
  }
  // pay.tech's subscriptions start from its own API (the checkout creates none): a deposit asking for one, paid on its page.
  const deposit = await fetch(`${s.sandbox.paytech.baseUrl}/api/v1/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYTECH_SANDBOX_CREDENTIALS.apiKey}` },
    body: JSON.stringify({ paymentType: 'DEPOSIT', amount: 10, currency: 'EUR', startRecurring: true, subscription: { description: 'Tea box' } }),
  });
  const redirectUrl = ((await deposit.json()) as { result?: { redirectUrl?: string } }).result?.redirectUrl;
  if (redirectUrl) await payOnPage('paytech', redirectUrl);
  return [...ids, ...s.sandbox.paytech.subscriptions().map((sub) => sub.id)];
}

let schemas: Record<string, Schema> = {};

// ---------- values ----------

const weirdStrings = fc.constantFrom(
  '', ' ', '..', '.', '%00', '%', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%E0%A4%A', '%ff', '%', 'null', 'undefined', '0', '-1',
  "' OR 1=1 --", '__proto__', 'constructor', 'toString', 'cs_', 'pay_', 'card_', '\u0000', '\u202e', '😀', 'a\nb', '<script>',
);
const anyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  weirdStrings,
  fc.integer({ min: 129, max: 3000 }).map((n) => 'a'.repeat(n)),
);
const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, 0, -1, 1, 1.5, -0.01, 1e21, 9007199254740991, 9007199254740993, '', ' ', '0', 'true', [], {}, true, false,
    'KZT', 'kzt', 'XXX', 'BTC', 'AZN', 'EUR', 'card', 'kz_mobile', 'pitech', 'monetix', '+77011234567', '2099-01-01T00:00:00Z', '2000-01-01T00:00:00Z',
    '2024-13-45T25:61:00Z', 'success', 'decline', 'COMPLETED', 'FullyPaid', 'x'.repeat(300)),
  anyString as fc.Arbitrary<Json>,
  fc.integer() as fc.Arbitrary<Json>,
  fc.double() as fc.Arbitrary<Json>,
);

/** A minimal value that the JSON Schema accepts, for operations without a hand-written body below. */
function sample(schema: Schema | undefined, depth = 0): Json {
  if (!schema || depth > 8) return null;
  if (schema.$ref) return sample(schemas[String(schema.$ref).split('/').pop()!], depth + 1);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (schema[key]) return sample(schema[key][0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, Json> = {};
    for (const name of schema.required ?? []) out[name] = sample(schema.properties?.[name], depth + 1);
    return out;
  }
  if (type === 'array') return [sample(schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1);
  if (type === 'boolean') return true;
  if (schema.format === 'email') return 'aigerim@example.kz';
  if (schema.format === 'uri') return 'https://shop.example.kz/orders/1';
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

const pick = <T>(list: readonly T[], fallback: T) => (list.length ? fc.constantFrom(...list) : fc.constant(fallback));

/** Bodies the endpoint accepts (or nearly: an id may belong to something else). */
function validBodies(op: Operation, provider: string | undefined): fc.Arbitrary<Json> {
  const w = world;
  // Amounts a session takes, small to the schema's largest; text within each field's limits.
  const amount = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(1, 99, 100, 2 ** 31, 2 ** 31 + 1, 1e12, 100_000_000_001, Number.MAX_SAFE_INTEGER) },
  );
  const text = (max: number) =>
    fc.oneof(fc.constantFrom('Tea set', 'Çay dəsti', 'Шай жиынтығы'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: max })).filter((t) => t.trim().length > 0 && t.length <= max);
  const money = (currency: fc.Arbitrary<string>) => fc.record({ value: amount, currency });
  const customer = fc.record(
    {
      id: fc.oneof(fc.constant('cust-fuzz'), text(64)),
      email: fc.constantFrom('aigerim@example.kz', 'a.b+tag@mail.example.az', `${'x'.repeat(64)}@example.com`),
      name: fc.oneof(fc.constant('Aigerim Sultanova'), text(128)),
      phone: fc.oneof(fc.constant('+77011234567'), fc.stringMatching(/^\+?[0-9]{7,15}$/)),
    },
    { requiredKeys: [] },
  );
  switch (op.id) {
    case 'createSession':
      return fc.record(
        {
          amount: money(fc.constantFrom('KZT', 'AZN', 'EUR', 'USD')),
          orderId: fc.oneof(fc.constantFrom('fz-1', 'fz-2'), fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/).filter((t) => t.length <= 64)),
          description: text(255),
          returnUrl: fc.oneof(fc.constant('https://shop.example.kz/orders/1'), fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 2048)),
          customer,
          captureMethod: fc.constantFrom('automatic', 'manual'),
          methods: fc.constantFrom(['card'], ['kz_mobile'], ['card', 'kz_mobile']),
          expiresInSeconds: fc.integer({ min: 60, max: 86_400 }),
        },
        { requiredKeys: ['amount', 'orderId', 'description', 'returnUrl'] },
      ) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    case 'createPayment':
      return fc.oneof(
        fc.record({ method: fc.constant('card'), locale: fc.constantFrom('ru-KZ', 'kk', 'en', 'az-AZ') }, { requiredKeys: ['method'] }),
        fc.record({ method: fc.constant('card'), savedCardId: pick(w.cards, 'card_x') }),
        fc.record({ method: fc.constant('card'), saveCard: fc.boolean() }),
        fc.record({
          method: fc.constant('kz_mobile'),
          phone: fc.constantFrom(`+${MONETIX_TEST_PHONES.success}`, `+${MONETIX_TEST_PHONES.declinedAtOnce}`, `+${MONETIX_TEST_PHONES.insufficientFunds}`, '+77079876543'),
          operator: fc.constantFrom('KCELL', 'TELE2', 'BEELINE', 'ALTEL', 'ACTIV', 'NOPE'),
        }),
      ) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    case 'submitOtp':
      // LATEST_CODE: the last code the sandbox texted, filled in when the request is sent.
      return fc.record({ code: fc.oneof(fc.constant('LATEST_CODE'), fc.stringMatching(/^\d{4,8}$/)) }) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    case 'capturePayment':
    case 'cancelPayment':
    case 'reversePayment':
    case 'refundPayment':
      return fc.record({ amount: fc.oneof(fc.integer({ min: 1, max: 200_000 }), amount), reason: text(255) }, { requiredKeys: [] }) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    case 'createPayout':
      return fc.record(
        {
          provider: fc.constantFrom('kapital', 'paytech'),
          amount: money(fc.constantFrom('AZN', 'EUR')),
          destination: fc.record(
            {
              type: fc.constant('card'),
              cardNumber: fc.constantFrom(KAPITAL_TEST_CARDS.mastercardSuccess.number, PAYTECH_TEST_CARDS.success.number, KAPITAL_TEST_CARDS.declined.number),
              expiry: fc.constant('12/30'),
              holder: fc.oneof(fc.constant('AIGERIM SULTANOVA'), text(64)),
            },
            { requiredKeys: ['type', 'cardNumber'] },
          ),
          reference: fc.oneof(fc.constantFrom('ref-1', 'ref-2'), text(64).filter((t) => !/\p{Cc}/u.test(t))),
          description: text(255),
          customer,
        },
        { requiredKeys: ['provider', 'amount', 'destination', 'reference'] },
      ) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    case 'createSubscription':
    case 'updateSubscription': {
      const create = op.id === 'createSubscription';
      const fields = {
        amount: money(fc.constant('KZT')),
        interval: fc.constantFrom('DAY', 'WEEK', 'MONTH'),
        period: fc.integer({ min: 1, max: 12 }),
        startTime: fc.constant(new Date(Date.now() + 7 * 86_400_000).toISOString()),
        description: text(255),
      };
      const created = { ...fields, savedCardId: pick(w.cards, 'card_x'), customerId: fc.constant('cust-fuzz'), email: fc.constantFrom('aigerim@example.kz', 'a.b+tag@mail.example.az') };
      return (create ? fc.record(created) : fc.record(fields, { requiredKeys: ['amount'] })) as fc.Arbitrary<unknown> as fc.Arbitrary<Json>;
    }
    case 'providerCallback': {
      const genuine = provider && Object.hasOwn(w.callbacks, provider) ? w.callbacks[provider]! : [];
      return genuine.length ? fc.constantFrom(...genuine.map((c) => c.body)) : fc.constant(sample(op.body ?? undefined));
    }
    default:
      return fc.constant(sample(op.body ?? undefined));
  }
}

// ---------- mutations of a valid body ----------

type Mutation = { action: 'drop' | 'replace' | 'add'; at: number; key: string; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  action: fc.constantFrom('drop', 'replace', 'replace', 'add'),
  at: fc.nat(),
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'signature', 'amount', 'id', 'status', 'method')),
  value: edgeValue,
});

/** Every place in a JSON value: [parent, key] pairs, objects and arrays alike. */
function places(value: Json, out: [Record<string, Json> | Json[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((child, i) => (out.push([value, i]), places(child, out)));
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) out.push([value, key]), places(child, out);
  return out;
}

function containers(value: Json, out: Record<string, Json>[] = []): Record<string, Json>[] {
  if (Array.isArray(value)) value.forEach((child) => containers(child, out));
  else if (value && typeof value === 'object') {
    out.push(value);
    Object.values(value).forEach((child) => containers(child, out));
  }
  return out;
}

function mutate(valid: Json, steps: Mutation[]): Json {
  let body = structuredClone(valid);
  for (const step of steps) {
    const spots = places(body);
    if (step.action === 'add') {
      const targets = containers(body);
      if (targets.length === 0) body = { [step.key]: step.value };
      else Object.defineProperty(targets[step.at % targets.length]!, step.key, { value: step.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (spots.length === 0) {
      body = step.value;
      continue;
    }
    const [parent, key] = spots[step.at % spots.length]!;
    if (step.action === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else (parent as Record<string, Json>)[key as string] = step.value;
  }
  return body;
}

// ---------- request specs ----------

interface BodySpec {
  kind: string;
  /** Huge bodies: this many more bytes, in a field added when sent (counterexamples stay readable). */
  filler?: number;
  /** The body as text (JSON or not), or a JSON value to be serialized (and maybe re-signed) when sent. */
  text?: string;
  value?: Json;
}

interface Spec {
  op: Operation;
  method: string;
  params: ParamSpec[];
  /** Operations on a session's payment: a real (session, payment) pair, by index. */
  pair: number | null;
  query: string;
  auth: { kind: string; garbage: string };
  contentType: string | null;
  idempotencyKey: string | null;
  origin: string;
  actor: string | null;
  signature: string;
  body: BodySpec;
  repeat: boolean;
  abortAfterMs: number | null;
}

/** A path parameter: one of the real things (by index into a pool that grows as the run creates more), or a generated string. */
type ParamSpec = { real: number; recent: boolean } | { value: string; raw: boolean };

/** The pool a path parameter's real values come from; enums of the document (providers) are fixed. */
function poolOf(name: string, schema: Schema): () => string[] {
  const enumOf = (schema.$ref ? schemas[String(schema.$ref).split('/').pop()!] : schema)?.enum as string[] | undefined;
  if (enumOf) return () => enumOf;
  const pools: Record<string, () => string[]> = {
    sessionId: () => world.sessions.map((s) => s.id),
    paymentId: () => world.payments,
    cardId: () => world.cards,
    payoutId: () => world.payouts,
    // Real ones, a pay.tech-shaped id nobody has, and one of ours nobody has.
    subscriptionId: () => [...world.subscriptions, '0123456789abcdef0123456789ABCDEF', 'sub_missing'],
  };
  return pools[name] ?? (() => []);
}

const generatedParam = fc.record({ value: anyString, raw: fc.boolean() });

function pathParam(name: string, schema: Schema): fc.Arbitrary<ParamSpec> {
  if (poolOf(name, schema)().length === 0) return generatedParam;
  // Recent: one of the last few made (by this run, often), so what a run creates is soon acted on.
  return fc.oneof({ weight: 3, arbitrary: fc.record({ real: fc.nat(), recent: fc.boolean() }) }, { weight: 1, arbitrary: generatedParam });
}

function resolve(op: Operation, params: ParamSpec[], pair: number | null): string[] {
  const owned = pair === null ? null : world.pairs[pair % world.pairs.length];
  return params.map((param, i) => {
    const { name, schema } = op.pathParams[i]!;
    if (owned && (name === 'sessionId' || name === 'paymentId')) return owned[name];
    if ('value' in param) return param.value;
    const pool = poolOf(name, schema)();
    return (param.recent ? pool[pool.length - 1 - (param.real % Math.min(pool.length, 3))] : pool[param.real % pool.length]) ?? '';
  });
}

/** A query the operation accepts: each parameter sometimes, with a value its schema takes. */
function validQuery(op: Operation): fc.Arbitrary<string> {
  const one = ({ name, schema }: { name: string; schema: Schema }) => {
    const values = schema.enum ?? (schema.type === 'integer' || schema.type === 'number' ? [1, 20, 100] : name === 'after' ? world.payments : [String(sample(schema))]);
    return fc.option(fc.constantFrom(...(values.length ? values : ['x'])).map((value) => `${pct(name)}=${pct(String(value))}`), { freq: 2 });
  };
  return fc.tuple(...op.query.map(one)).map((parts) => parts.filter(Boolean).join('&'));
}

function queryString(op: Operation): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...op.query.map((q) => q.name), 'outcome', 'ID', 'STATUS', 'orderStatus', 'state', 'limit', 'after'), fc.string({ maxLength: 8 }));
  const value = fc.oneof(
    anyString,
    fc.constantFrom('success', 'error', 'FullyPaid', 'SUCCESS', 'COMPLETED', '1', '0', '-1', '100', '101', '1e309', 'true', 'kapital', 'paytech', 'pitech', 'createdAt,desc'),
    pick(world.payments, 'pay_x'),
  );
  const pair = fc.tuple(key, value, fc.constantFrom('plain', 'plain', 'array', 'nested', 'raw'));
  return fc.array(pair, { maxLength: 5 }).map((pairs) =>
    pairs
      .map(([k, v, form]) => {
        if (form === 'raw') return `${rawText(k)}=${rawText(v)}`;
        const name = form === 'array' ? `${k}[]` : form === 'nested' ? `${k}[x]` : k;
        return `${pct(name)}=${pct(v)}`;
      })
      .join('&'),
  );
}

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates included, as U+FFFD) but unreserved characters. */
function pct(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** As typed: what an HTTP request line can carry stays as it is ('..', '%00', '%' alone), the rest is encoded. */
function rawText(value: string): string {
  return [...value].map((ch) => (/^[\x21-\x7e]$/.test(ch) && ch !== '?' && ch !== '#' && ch !== '&' && ch !== '=' ? ch : pct(ch))).join('');
}

/** A header value as bytes on the wire: UTF-8 seen as Latin-1, the control characters HTTP forbids dropped. */
const latin1OfUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1').replace(/[^\t\x20-\x7e\x80-\xff]/g, '');

function bodySpec(op: Operation, provider: string | undefined): fc.Arbitrary<BodySpec> {
  const valid = validBodies(op, provider);
  const deep = fc.tuple(fc.integer({ min: 100, max: 6000 }), fc.boolean()).map(([depth, arrays]) => ({
    kind: 'deep',
    text: arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(Math.min(depth, 3000))}1${'}'.repeat(Math.min(depth, 3000))}`,
  }));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.json({ stringUnit: 'grapheme' }).map((text) => ({ kind: 'json', text })) },
    { weight: 1, arbitrary: fc.jsonValue({ stringUnit: 'binary' }).map((value) => ({ kind: 'jsonValue', value: value as Json })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'string', text })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.nat()).map(([v, cut]) => ({ kind: 'truncated', text: JSON.stringify(v).slice(0, cut % Math.max(1, JSON.stringify(v).length)) })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.integer({ min: 17_000, max: HUGE })).map(([value, filler]) => ({ kind: 'huge', value, filler })) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: valid.map((v) => ({ kind: 'form', text: new URLSearchParams(Object.entries(v && typeof v === 'object' ? v : {}).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])).toString() })) },
    { weight: 8, arbitrary: valid.map((value) => ({ kind: 'valid', value })) },
    { weight: 12, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, steps]) => ({ kind: 'mutated', value: mutate(v, steps) })) },
  );
}

function specFor(op: Operation): fc.Arbitrary<Spec> {
  const params = fc.tuple(...op.pathParams.map((p) => pathParam(p.name, p.schema)));
  const paired = ['sessionId', 'paymentId'].every((name) => op.pathParams.some((p) => p.name === name));
  return params.chain((values) => {
    const at = op.pathParams.findIndex((p) => p.name === 'provider');
    const provider = at >= 0 ? resolve(op, values, null)[at] : undefined;
    return fc.record({
      op: fc.constant(op),
      method: fc.oneof({ weight: 20, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') }),
      params: fc.constant(values),
      pair: paired ? fc.option(fc.nat(), { freq: 3 }) : fc.constant(null),
      query: fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 3, arbitrary: validQuery(op) }, { weight: 3, arbitrary: queryString(op) }),
      // Mostly the credential the operation asks for, so requests get past the door.
      auth: fc.record({
        kind: fc.oneof(
          { weight: 17, arbitrary: fc.constant(op.security === 'apiKey' ? 'api-key' : op.security === 'clientSecret' ? 'own-secret' : 'none') },
          { weight: 3, arbitrary: fc.constantFrom('none', 'garbage', 'bearer-garbage', 'api-key', 'own-secret', 'other-secret') },
        ),
        garbage: anyString.map(latin1OfUtf8),
      }),
      contentType: fc.oneof(
        { weight: 16, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            null, 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'text/plain',
            'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', '*/*', 'application/json;;;', 'json', '',
          ),
        },
      ),
      idempotencyKey: fc.oneof(
        { weight: 3, arbitrary: fc.uuid().map((u) => `fuzz-${u}`) },
        fc.constant(null),
        fc.constantFrom('short', 'fuzz-fixed-key-1', 'fuzz-fixed-key-2', ' spaced key ', 'x'.repeat(300)),
        fc.string({ unit: 'grapheme', minLength: 8, maxLength: 40 }).map(latin1OfUtf8),
        fc.uuid().map((u) => `fuzz-${u}`),
      ),
      origin: fc.oneof({ weight: 17, arbitrary: fc.constantFrom('none', 'none', 'own') }, { weight: 3, arbitrary: fc.constantFrom(FOREIGN, 'null') }),
      actor: fc.oneof(fc.constant(null), fc.constantFrom('ops@dala', 'Айгерим', '', 'x'.repeat(80)).map(latin1OfUtf8)),
      signature: fc.constantFrom('none', 'kept', 'valid', 'valid', 'other-key', 'garbage'),
      body: bodySpec(op, provider),
      repeat: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      abortAfterMs: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }),
    });
  });
}

// ---------- sending ----------

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function build(spec: Spec): { path: string; values: string[]; headers: Record<string, string>; body: Buffer | undefined } {
  const values = resolve(spec.op, spec.params, spec.pair);
  let i = 0;
  const path = spec.op.template.replace(/\{(\w+)\}/g, () => {
    const param = spec.params[i];
    const value = values[i++]!;
    return param && 'raw' in param && param.raw ? rawText(value) : pct(value);
  });
  const base = new URL(world.api).pathname;
  const headers: Record<string, string> = {};
  const sessionIndex = spec.op.pathParams.findIndex((p) => p.name === 'sessionId');
  const own = world.sessions.find((s) => s.id === values[sessionIndex]);
  const other = world.sessions[spec.auth.garbage.length % world.sessions.length]!;
  const auth: Record<string, string | null> = {
    none: null,
    garbage: spec.auth.garbage,
    'bearer-garbage': `Bearer ${spec.auth.garbage}`,
    'api-key': `Bearer ${API_KEY}`,
    'own-secret': `Bearer ${(own ?? other).secret}`,
    'other-secret': `Bearer ${other.secret}`,
  };
  const authorization = auth[spec.auth.kind];
  if (authorization) headers.authorization = authorization;
  if (spec.contentType !== null) headers['content-type'] = spec.contentType;
  if (spec.idempotencyKey !== null) headers['idempotency-key'] = spec.idempotencyKey;
  if (spec.origin !== 'none') headers.origin = spec.origin === 'own' ? world.origin : spec.origin;
  if (spec.actor !== null) headers['pay-checkout-actor'] = spec.actor;

  let text = spec.body.text;
  if (spec.body.value !== undefined) {
    let value = spec.body.value;
    // Callbacks: sometimes re-signed after the mutation, so the body gets past the signature.
    const provider = values[spec.op.pathParams.findIndex((p) => p.name === 'provider')];
    if (spec.op.id === 'providerCallback' && provider === 'monetix' && value && typeof value === 'object' && !Array.isArray(value)) {
      const { signature: _kept, ...unsigned } = value;
      if (spec.signature === 'valid') value = { ...unsigned, signature: safeSign(unsigned, MONETIX_SANDBOX_CREDENTIALS.secretKey) };
      if (spec.signature === 'other-key') value = { ...unsigned, signature: safeSign(unsigned, 'another-secret') };
      if (spec.signature === 'none') value = unsigned;
    }
    if (spec.body.filler) value = { ...(value && typeof value === 'object' && !Array.isArray(value) ? value : { value }), filler: 'x'.repeat(spec.body.filler) };
    text = JSON.stringify(value);
    if (typeof text === 'string' && text.includes('LATEST_CODE')) text = text.replace('LATEST_CODE', latestCode());
  }
  if (spec.op.id === 'providerCallback') {
    const raw = text ?? '';
    const signatures: Record<string, string | null> = {
      none: null,
      kept: signPaytechWebhook(world.callbacks.paytech?.[0]?.raw ?? '{}', PAYTECH_SANDBOX_CREDENTIALS.signingKey),
      valid: signPaytechWebhook(raw, PAYTECH_SANDBOX_CREDENTIALS.signingKey),
      'other-key': signPaytechWebhook(raw, 'another-key'),
      garbage: latin1OfUtf8(spec.auth.garbage),
    };
    const signature = signatures[spec.signature];
    if (signature) headers.signature = signature;
  }
  return { path: `${base}${path}${spec.query ? `?${spec.query}` : ''}`, values, headers, body: text === undefined ? undefined : Buffer.from(text, 'utf8') };
}

function safeSign(body: Record<string, Json>, key: string): string {
  try {
    return monetixSign(body, key);
  } catch {
    return 'AAAA';
  }
}

function latestCode(): string {
  return stack.sandbox.monetix.messages()[0]?.text.match(/\d{4,8}/)?.[0] ?? '000000';
}

function send(method: string, request: ReturnType<typeof build>, abortAfterMs: number | null): Promise<Answer | null> {
  const { hostname, port } = new URL(world.api);
  return new Promise((resolve, reject) => {
    // Framed by Content-Length: Node's client would send a GET's body unframed.
    const headers = request.body ? { ...request.headers, 'content-length': String(request.body.length) } : request.headers;
    const req = httpRequest({ agent: false, host: hostname, port, method, path: request.path, headers, timeout: 20_000 });
    let settled = false;
    const done = (answer: Answer | null) => {
      if (!settled) (settled = true), resolve(answer);
    };
    req.on('timeout', () => req.destroy(new Error(`no answer in 20 s: ${method} ${request.path}`)));
    req.on('error', (error) => (settled ? undefined : abortAfterMs !== null || (error as NodeJS.ErrnoException).code === 'EPIPE' ? done(null) : reject(error)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const contentType = String(res.headers['content-type'] ?? '');
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }));
      // A live stream: read a moment, then hang up as a closed tab would.
      if (contentType.startsWith('text/event-stream')) {
        setTimeout(() => {
          done({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        }, 20 + (abortAfterMs ?? 30));
      }
    });
    if (abortAfterMs !== null) setTimeout(() => (req.destroy(), done(null)), abortAfterMs);
    req.end(request.body);
  });
}

const ERROR_CODES = new Set<string>(ErrorCode.options);

/** Why this answer breaks a property, or null. */
function violation(spec: Spec, answer: Answer, figures: Figures): string | null {
  if (answer.status >= 500) {
    let code: unknown;
    try {
      code = JSON.parse(answer.text)?.error?.code;
    } catch {
      code = undefined;
    }
    const refusal = (answer.status === 502 && code === 'provider_error') || (answer.status === 503 && code === 'provider_unavailable');
    if (!refusal) {
      figures.other5xx++;
      return `${answer.status} ${answer.text.slice(0, 300)}`;
    }
    // What the provider said, from the server's own warning about it.
    const said = mobile.logs.findLast((line) => line.includes('provider_error') && line.includes('"warn"')) ?? '';
    const key = `${spec.op.id} ${answer.status} ${String(code)}`;
    const seen = figures.refusals.get(key) ?? { count: 0, example: `${JSON.stringify(spec.body.value ?? spec.body.text ?? null).slice(0, 300)}; server: ${said.slice(0, 300)}` };
    seen.count++;
    figures.refusals.set(key, seen);
    return null;
  }
  if (answer.status >= 400) {
    if (!answer.contentType.includes('application/json')) return `${answer.status} is not JSON (${answer.contentType}): ${answer.text.slice(0, 200)}`;
    // An answer to HEAD has the headers of the GET and no body.
    if (spec.method === 'HEAD') return null;
    let body: any;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `${answer.status} body does not parse: ${answer.text.slice(0, 200)}`;
    }
    const error = body?.error;
    if (!error || typeof error.message !== 'string' || !ERROR_CODES.has(error.code)) return `${answer.status} is not {error:{code,message}}: ${answer.text.slice(0, 300)}`;
  }
  return null;
}

/** What a request created joins the pools, so later runs act on it (a fuzzed session gets paid, a fuzzed payment refunded). */
function harvest(spec: Spec, values: string[], answer: Answer): void {
  if (answer.status !== 200 && answer.status !== 201) return;
  let body: { id?: unknown; clientSecret?: unknown };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return;
  }
  if (typeof body?.id !== 'string') return;
  if (spec.op.id === 'createSession' && typeof body.clientSecret === 'string') world.sessions.push({ id: body.id, secret: body.clientSecret });
  if (spec.op.id === 'createPayment' && !world.payments.includes(body.id)) {
    world.payments.push(body.id);
    world.pairs.push({ sessionId: values[0]!, paymentId: body.id });
  }
  if (spec.op.id === 'createPayout' && !world.payouts.includes(body.id)) world.payouts.push(body.id);
}

function describeSpec(spec: Spec): string {
  const request = build(spec);
  const body = request.body ? request.body.toString('utf8') : '';
  return `${spec.method} ${request.path} ${JSON.stringify(request.headers)} ${body.length > 600 ? `${body.slice(0, 600)}… (${body.length} bytes)` : body}`;
}

test(`fuzz: ${RUNS} generated requests over every endpoint of the OpenAPI document`, { timeout: Math.max(120_000, RUNS * 150) }, async () => {
  assert.ok(operations.length >= 25, `only ${operations.length} operations in the OpenAPI document`);
  for (const route of ['providerCallback', 'providerReturn']) assert.ok(operations.some((op) => op.id === route), `${route} is not in the OpenAPI document`);
  assert.ok(operations.some((op) => op.stream), 'no Server-Sent Events operation in the OpenAPI document');
  // The real things the run starts from: paid, held, declined, waiting and mobile payments, saved cards, payouts.
  const counts = { payments: world.payments.length, cards: world.cards.length, payouts: world.payouts.length, subscriptions: world.subscriptions.length };
  assert.ok(counts.payments >= 10 && counts.cards >= 3 && counts.payouts === 2 && counts.subscriptions >= 2, JSON.stringify(counts));
  assert.ok(world.callbacks.monetix!.length > 0 && world.callbacks.paytech!.length > 0 && world.callbacks.pitech!.length > 0, 'no genuine callbacks to start from');
  const figures: Figures = { runs: 0, requests: 0, aborted: 0, statuses: new Map(), refusals: new Map(), other5xx: 0, reached: new Set() };
  const started = Date.now();
  const property = fc.asyncProperty(fc.oneof(...operations.map(specFor)), async (spec) => {
    figures.runs++;
    for (let round = 0; round < (spec.repeat ? 2 : 1); round++) {
      const request = build(spec);
      const answer = await send(spec.method, request, spec.abortAfterMs);
      figures.requests++;
      // Genuine Monetix callbacks of the fuzzer's own mobile payments, so their code steps open up.
      await mobile.relay();
      if (!answer) {
        figures.aborted++;
        continue;
      }
      figures.statuses.set(answer.status, (figures.statuses.get(answer.status) ?? 0) + 1);
      if (answer.status < 400) figures.reached.add(spec.op.id);
      const wrong = violation(spec, answer, figures);
      if (wrong) throw new Error(`${wrong}\n  request: ${describeSpec(spec)}`);
      harvest(spec, request.values, answer);
    }
    assert.deepEqual(crashes, []);
  });
  await fc.assert(property, { numRuns: RUNS, seed: SEED, includeErrorInReport: true });
  const seconds = (Date.now() - started) / 1000;

  await stack.sandboxIdle();
  await mobile.relay();
  // Still answering: the document, and a real session with its secret.
  const alive = await fetch(`${world.api}${paths.openapi}`);
  assert.equal(alive.status, 200);
  const first = world.sessions[0]!;
  const read = await fetch(`${world.api}${paths.session(first.id)}`, { headers: { authorization: `Bearer ${first.secret}` } });
  assert.equal(read.status, 200);
  const failedLines = [...mobile.logs, ...stack.logs].filter((line) => line.includes('"request.failed"'));

  const histogram = [...figures.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}:${count}`).join(' ');
  const refusals = [...figures.refusals.values()].reduce((sum, r) => sum + r.count, 0);
  console.log(
    `# fuzz: seed ${SEED}, ${figures.runs} runs, ${figures.requests} requests (${figures.aborted} aborted by the client), ` +
      `${operations.length} operations (${figures.reached.size} answered 2xx/3xx at least once), ` +
      `${seconds.toFixed(1)} s; statuses ${histogram}; 5xx ${refusals + figures.other5xx} (${refusals} provider refusals, ${figures.other5xx} other); ` +
      `crashes ${crashes.length}; request.failed ${failedLines.length}`,
  );
  const unreached = operations.filter((op) => !figures.reached.has(op.id)).map((op) => op.id);
  if (unreached.length) console.log(`# fuzz: never past validation: ${unreached.join(', ')}`);
  for (const [key, { count, example }] of figures.refusals) console.log(`# fuzz: ${key} x${count}, e.g. ${example}`);
  assert.deepEqual(crashes, [], 'an uncaught exception or unhandled rejection fired');
  assert.deepEqual(failedLines, [], 'the server logged a failed request');
});
