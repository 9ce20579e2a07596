// The OpenAPI 3.1 description of the companion API, served at GET /v1/openapi.json. Every schema in it
// is generated from the same zod schemas the server validates with, so the document cannot promise a
// shape the server does not hold to. Requests are described as the server accepts them (zod "input":
// defaults optional), responses as it sends them (zod "output").
import {
  API_VERSION,
  Balances,
  BalancesQuery,
  CreatePaymentRequest,
  CreatePayoutRequest,
  CreateSessionRequest,
  CreateSessionResponse,
  ErrorBody,
  ErrorCode,
  MerchantEvent,
  MerchantEventType,
  MerchantPayment,
  MethodType,
  Money,
  NextAction,
  OperationKind,
  OperationLimits,
  OperationRequest,
  PaymentFailure,
  PaymentList,
  PaymentListQuery,
  PaymentOperation,
  PaymentState,
  PaymentView,
  Payout,
  PayoutList,
  PayoutListQuery,
  PayoutProvider,
  PayoutState,
  PaytechSubscription,
  PaytechSubscriptionId,
  PaytechSubscriptionState,
  ProviderId,
  SessionView,
  SubmitOtpRequest,
  CreateSubscriptionRequest,
  UpdateSubscriptionRequest,
  Subscription,
  SubscriptionInterval,
  SubscriptionList,
  SubscriptionListQuery,
  SubscriptionState,
} from '@pay-checkout/protocol';
import { IDEMPOTENCY_HEADER } from '@pay-checkout/protocol/paths';
import { z } from 'zod';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../notifications/signature.js';
import { ACTOR_HEADER } from './actor.js';

type Json = Record<string, unknown>;

/** Bodies the router checks inline: the code resend refuses anything but `{}`; the shopper's cancel ignores its body. */
const EmptyRequest = z.strictObject({});
/** Providers post their own formats; each adapter reads what it needs and verifies its signature. */
const ProviderCallback = z.looseObject({});
const CallbackReceived = z.object({ received: z.literal(true) });
const OpenApiDescription = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) });

/** Named schemas, published under components.schemas and referenced by $ref wherever they occur. */
const requestSchemas = { CreateSessionRequest, CreatePaymentRequest, SubmitOtpRequest, EmptyRequest, OperationRequest, CreatePayoutRequest, CreateSubscriptionRequest, UpdateSubscriptionRequest, ProviderCallback };
const responseSchemas = {
  Money,
  ProviderId,
  MethodType,
  PaymentState,
  NextAction,
  PaymentFailure,
  PaymentView,
  SessionView,
  CreateSessionResponse,
  OperationLimits,
  PaymentOperation,
  MerchantPayment,
  PaymentList,
  MerchantEventType,
  MerchantEvent,
  PayoutProvider,
  PayoutState,
  Payout,
  PayoutList,
  Balances,
  SubscriptionInterval,
  SubscriptionState,
  Subscription,
  SubscriptionList,
  PaytechSubscriptionState,
  PaytechSubscription,
  ErrorCode,
  ErrorBody,
  CallbackReceived,
  OpenApiDescription,
};

/** The HTTP status of each error code; a new code does not compile until it is placed here. */
const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  idempotency_key_required: 400,
  method_not_available: 400,
  operation_not_supported: 400,
  amount_out_of_range: 400,
  saved_card_not_found: 404,
  provider_not_configured: 400,
  currency_not_supported: 400,
  card_number_invalid: 400,
  payout_not_found: 404,
  subscription_not_found: 404,
  subscription_not_active: 409,
  unauthorized: 401,
  invalid_signature: 401,
  not_found: 404,
  session_not_found: 404,
  payment_not_found: 404,
  session_completed: 409,
  idempotency_key_in_use: 409,
  otp_not_expected: 409,
  payment_not_cancelable: 409,
  payment_state_conflict: 409,
  session_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  resend_not_available: 429,
  resend_limit_reached: 429,
  too_many_attempts: 429,
  rate_limited: 429,
  internal_error: 500,
  provider_error: 502,
  provider_unavailable: 503,
};

interface HeaderParam {
  name: string;
  required: boolean;
  description: string;
  schema: Json;
}

const idempotencyKey: HeaderParam = {
  name: IDEMPOTENCY_HEADER,
  required: true,
  description: 'Repeating a request with the same key answers with its first outcome instead of acting twice.',
  schema: { type: 'string', minLength: 8, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form, `{param}`; must match a route of the router (the tests compare the two). */
  path: string;
  operationId: string;
  summary: string;
  tag: 'Element' | 'Merchant' | 'Provider' | 'Description';
  security: 'clientSecret' | 'apiKey' | null;
  headers?: HeaderParam[];
  /** Path parameters with a shape of their own; the others are any id of at most 128 characters. */
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success statuses: a named schema answered as JSON, or a response object as it is. */
  ok: Record<number, z.ZodType | Json>;
  /** Codes particular to this operation; those of its auth, body and path are added for it. */
  errors?: ErrorCode[];
}

const actorHeader: HeaderParam = {
  name: ACTOR_HEADER,
  required: false,
  description: 'Who asked (an operator\'s name), kept with what was done; "api" when absent.',
  schema: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\p{L}\\p{N} ._@:-]{1,64}$' },
};

const sse: Json = {
  description: 'Server-Sent Events: `event: payment` whose `data` is the PaymentView, on every change of the latest payment; `: ping` comments keep the stream open. The stream ends once the payment is final, or after five minutes.',
  content: {
    'text/event-stream': {
      schema: { type: 'string' },
      'x-events': { payment: { $ref: ref('PaymentView') } },
    },
  },
};

const backToMerchant: Json = {
  description: "Back to the merchant's returnUrl with `pay_checkout_session` added; the payment state is re-read from the provider first, whatever the provider's query says.",
  headers: { Location: { required: true, schema: { type: 'string', format: 'uri' } } },
};

/** Both pay.tech subscription calls: by pay.tech's id, answered as pay.tech has the subscription. */
const paytechSubscriptionCall = {
  tag: 'Merchant',
  security: 'apiKey',
  params: { subscriptionId: PaytechSubscriptionId },
  ok: { 200: PaytechSubscription },
  errors: ['subscription_not_found', 'provider_not_configured', 'provider_error', 'provider_unavailable'],
} satisfies Partial<Operation>;

const operations: Operation[] = [
  {
    method: 'post',
    path: '/v1/sessions',
    operationId: 'createSession',
    summary: 'Create a checkout session (amount, order and return URL are fixed here)',
    tag: 'Merchant',
    security: 'apiKey',
    body: CreateSessionRequest,
    ok: { 201: CreateSessionResponse },
    errors: ['method_not_available'],
  },
  {
    method: 'get',
    path: '/v1/sessions/{sessionId}',
    operationId: 'getSession',
    summary: 'Read the session and the verified state of its latest payment',
    tag: 'Element',
    security: 'clientSecret',
    ok: { 200: SessionView },
  },
  {
    method: 'post',
    path: '/v1/sessions/{sessionId}/payments',
    operationId: 'createPayment',
    summary: 'Start a payment attempt, once per Idempotency-Key',
    tag: 'Element',
    security: 'clientSecret',
    headers: [idempotencyKey],
    body: CreatePaymentRequest,
    ok: {
      201: PaymentView,
      // A repeated key, or an attempt already in flight for the session, answers with that attempt.
      200: PaymentView,
    },
    errors: [
      'idempotency_key_required',
      'idempotency_key_reused',
      'idempotency_key_in_use',
      'session_expired',
      'session_completed',
      'method_not_available',
      'rate_limited',
      'provider_error',
      'provider_unavailable',
    ],
  },
  {
    method: 'get',
    path: '/v1/sessions/{sessionId}/payments/{paymentId}',
    operationId: 'getPayment',
    summary: "The payment's state, re-read from the provider while it is not final",
    tag: 'Element',
    security: 'clientSecret',
    ok: { 200: PaymentView },
    errors: ['payment_not_found'],
  },
  {
    method: 'post',
    path: '/v1/sessions/{sessionId}/payments/{paymentId}/otp',
    operationId: 'submitOtp',
    summary: 'Relay the SMS code of a mobile payment to the provider',
    tag: 'Element',
    security: 'clientSecret',
    body: SubmitOtpRequest,
    ok: { 200: PaymentView },
    errors: ['payment_not_found', 'otp_not_expected', 'too_many_attempts', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'post',
    path: '/v1/sessions/{sessionId}/payments/{paymentId}/otp/resend',
    operationId: 'resendOtp',
    summary: 'Ask for a new SMS code',
    tag: 'Element',
    security: 'clientSecret',
    body: EmptyRequest,
    ok: { 200: PaymentView },
    errors: ['payment_not_found', 'otp_not_expected', 'resend_not_available', 'resend_limit_reached', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'post',
    path: '/v1/sessions/{sessionId}/payments/{paymentId}/cancel',
    operationId: 'cancelWaitingPayment',
    summary: 'Drop a mobile payment still waiting for its SMS code (the shopper changes the number)',
    tag: 'Element',
    security: 'clientSecret',
    body: EmptyRequest,
    ok: { 200: PaymentView },
    errors: ['payment_not_found', 'payment_not_cancelable'],
  },
  {
    method: 'delete',
    path: '/v1/sessions/{sessionId}/saved-cards/{cardId}',
    operationId: 'removeSavedCard',
    summary: "Forget one of the session customer's saved cards (at the provider too, where it has such a call)",
    tag: 'Element',
    security: 'clientSecret',
    ok: { 204: { description: 'Removed' } },
    errors: ['saved_card_not_found', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'get',
    path: '/v1/sessions/{sessionId}/events',
    operationId: 'streamPaymentEvents',
    summary: "Live updates of the session's latest payment",
    tag: 'Element',
    security: 'clientSecret',
    ok: { 200: sse },
  },
  {
    method: 'get',
    path: '/v1/payments',
    operationId: 'listPayments',
    summary: 'Payments, newest first',
    tag: 'Merchant',
    security: 'apiKey',
    query: PaymentListQuery,
    ok: { 200: PaymentList },
    errors: ['invalid_request'],
  },
  {
    method: 'get',
    path: '/v1/payments/{paymentId}',
    operationId: 'getMerchantPayment',
    summary: "A payment with its operations, what each can still take, and the provider's own record",
    tag: 'Merchant',
    security: 'apiKey',
    ok: { 200: MerchantPayment },
    errors: ['payment_not_found'],
  },
  ...OperationKind.options.map(
    (kind): Operation => ({
      method: 'post',
      path: `/v1/payments/{paymentId}/${kind}`,
      operationId: `${kind}Payment`,
      summary: `${kind[0]!.toUpperCase()}${kind.slice(1)} a payment, once per Idempotency-Key (no amount: all the ${kind} can take)`,
      tag: 'Merchant',
      security: 'apiKey',
      headers: [idempotencyKey, actorHeader],
      body: OperationRequest,
      ok: { 200: MerchantPayment },
      errors: [
        'idempotency_key_required',
        'idempotency_key_reused',
        'idempotency_key_in_use',
        'payment_not_found',
        'operation_not_supported',
        'payment_state_conflict',
        'amount_out_of_range',
        'provider_error',
        'provider_unavailable',
      ],
    }),
  ),
  {
    method: 'post',
    path: '/v1/payouts',
    operationId: 'createPayout',
    summary: 'Pay out to a card, once per Idempotency-Key (a repeat answers with the payout and settles one left unknown)',
    tag: 'Merchant',
    security: 'apiKey',
    headers: [idempotencyKey, actorHeader],
    body: CreatePayoutRequest,
    ok: { 201: Payout },
    errors: [
      'idempotency_key_required',
      'idempotency_key_reused',
      'idempotency_key_in_use',
      'provider_not_configured',
      'currency_not_supported',
      'amount_out_of_range',
      'card_number_invalid',
    ],
  },
  {
    method: 'get',
    path: '/v1/payouts',
    operationId: 'listPayouts',
    summary: 'Payouts, newest first',
    tag: 'Merchant',
    security: 'apiKey',
    query: PayoutListQuery,
    ok: { 200: PayoutList },
    errors: ['invalid_request'],
  },
  {
    method: 'get',
    path: '/v1/payouts/{payoutId}',
    operationId: 'getPayout',
    summary: 'A payout, re-read from the provider while it is not final',
    tag: 'Merchant',
    security: 'apiKey',
    ok: { 200: Payout },
    errors: ['payout_not_found'],
  },
  {
    method: 'get',
    path: '/v1/balances',
    operationId: 'getBalances',
    summary: "What the provider can pay out now, per currency, in minor units (pay.tech's withdrawal balances)",
    tag: 'Merchant',
    security: 'apiKey',
    query: BalancesQuery,
    ok: { 200: Balances },
    errors: ['invalid_request', 'provider_not_configured', 'operation_not_supported', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'post',
    path: '/v1/subscriptions',
    operationId: 'createSubscription',
    summary: "Subscribe a customer's saved PITECH card, once per Idempotency-Key; PITECH charges it on its schedule and each charge becomes a payment",
    tag: 'Merchant',
    security: 'apiKey',
    headers: [idempotencyKey],
    body: CreateSubscriptionRequest,
    ok: { 201: Subscription },
    errors: [
      'idempotency_key_required',
      'idempotency_key_reused',
      'idempotency_key_in_use',
      'saved_card_not_found',
      'provider_not_configured',
      'currency_not_supported',
      'amount_out_of_range',
      'provider_error',
      'provider_unavailable',
    ],
  },
  {
    method: 'get',
    path: '/v1/subscriptions',
    operationId: 'listSubscriptions',
    summary: "One page of PITECH's subscriptions (from page 0), sorted by creation; new charges are recorded as payments first",
    tag: 'Merchant',
    security: 'apiKey',
    query: SubscriptionListQuery,
    ok: { 200: SubscriptionList },
    errors: ['invalid_request', 'provider_not_configured', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{subscriptionId}',
    operationId: 'getSubscription',
    summary: 'A subscription as PITECH has it now; new charges are recorded as payments first',
    tag: 'Merchant',
    security: 'apiKey',
    ok: { 200: Subscription },
    errors: ['subscription_not_found', 'provider_not_configured', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'patch',
    path: '/v1/subscriptions/{subscriptionId}',
    operationId: 'updateSubscription',
    summary: 'Change the amount, schedule, start or description of an active subscription',
    tag: 'Merchant',
    security: 'apiKey',
    body: UpdateSubscriptionRequest,
    ok: { 200: Subscription },
    errors: [
      'subscription_not_found',
      'subscription_not_active',
      'provider_not_configured',
      'currency_not_supported',
      'amount_out_of_range',
      'provider_error',
      'provider_unavailable',
    ],
  },
  {
    method: 'delete',
    path: '/v1/subscriptions/{subscriptionId}',
    operationId: 'cancelSubscription',
    summary: 'Cancel a subscription at PITECH; charges made before stay recorded',
    tag: 'Merchant',
    security: 'apiKey',
    ok: { 200: Subscription },
    errors: ['subscription_not_found', 'subscription_not_active', 'provider_not_configured', 'provider_error', 'provider_unavailable'],
  },
  {
    method: 'get',
    path: '/v1/paytech/subscriptions/{subscriptionId}',
    operationId: 'getPaytechSubscription',
    summary: "A pay.tech subscription by pay.tech's id (from its back office), as pay.tech has it now",
    ...paytechSubscriptionCall,
  },
  {
    method: 'post',
    path: '/v1/paytech/subscriptions/{subscriptionId}/cancel',
    operationId: 'cancelPaytechSubscription',
    summary: 'Cancel a pay.tech subscription (Patch subscription to CANCELLED); a cancelled one answers as it is',
    ...paytechSubscriptionCall,
  },
  {
    method: 'get',
    path: '/v1/return/{paymentId}',
    operationId: 'providerReturn',
    summary: 'Where the provider sends the shopper back after its payment page',
    tag: 'Provider',
    security: null,
    ok: { 303: backToMerchant },
    errors: ['payment_not_found'],
  },
  {
    method: 'post',
    path: '/v1/callbacks/{provider}',
    operationId: 'providerCallback',
    summary: "A provider's notification; verified (signed ones) and then confirmed by reading the provider",
    tag: 'Provider',
    security: null,
    headers: [
      {
        name: 'Signature',
        required: false,
        description: 'pay.tech: HMAC-SHA256 of the raw body. Other providers sign inside the body, or not at all.',
        schema: { type: 'string' },
      },
    ],
    body: ProviderCallback,
    ok: { 200: CallbackReceived },
    errors: ['invalid_request', 'invalid_signature', 'payment_not_found'],
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'getOpenApiDescription',
    summary: 'This description of the API',
    tag: 'Description',
    security: null,
    ok: { 200: OpenApiDescription },
  },
];

export interface OpenApiOptions {
  /** Where the router is mounted, as the merchant configured `publicUrl`. */
  serverUrl?: string;
  version?: string;
}

let cached: Json | undefined;

/** The OpenAPI 3.1 document. Built once per process: everything but `servers` and `info` is static. */
export function openApiDocument(options: OpenApiOptions = {}): Json {
  cached ??= buildStatic();
  return {
    openapi: '3.1.1',
    info: {
      title: 'pay-checkout companion API',
      version: options.version ?? API_VERSION,
      description:
        'Element-facing endpoints authenticate with the session\'s client secret, merchant endpoints with the API key. Every error answers `{ "error": { "code", "message", "details"? } }` with a stable code.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    ...cached,
  };
}

function buildStatic(): Json {
  const schemas = { ...components('input', requestSchemas), ...components('output', responseSchemas) };
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = describe(operation);
  }
  return {
    tags: [
      { name: 'Element', description: 'Called by <pay-checkout> with the client secret.' },
      { name: 'Merchant', description: "Called by the merchant's backend with the API key." },
      { name: 'Provider', description: 'Called by payment providers and their pages.' },
      { name: 'Description', description: 'This document.' },
    ],
    paths,
    webhooks: {
      paymentEvent: {
        post: {
          summary: "A payment's state changed: posted, signed, to the merchant's notification URL",
          description: 'Redelivered with backoff until the merchant answers 2xx; process each event id once.',
          parameters: [
            header({
              name: SIGNATURE_HEADER,
              required: true,
              description: '`t=<unix seconds>,v1=<hex>`: HMAC-SHA256 of `<t>.<raw body>` with the notification secret (see verifyMerchantWebhook).',
              schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}' },
            }),
            header({ name: EVENT_ID_HEADER, required: true, description: 'The event id, also in the body; stable across redeliveries.', schema: { type: 'string' } }),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: ref('MerchantEvent') } } } },
          responses: { '2XX': { description: 'Received; anything else (or a redirect, or no answer) is retried.' } },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        clientSecret: { type: 'http', scheme: 'bearer', description: "The session's client secret, handed to the element by the merchant." },
        apiKey: { type: 'http', scheme: 'bearer', description: "The merchant's API key; for the merchant's backend only." },
      },
    },
  };
}

/** Generates named JSON Schemas from zod, with references between them as components $refs. */
function components(io: 'input' | 'output', named: Record<string, z.ZodType>): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: ref });
  // Each schema lives inside the document: no dialect or identity of its own.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema as Json]));
}

function describe(operation: Operation): Json {
  const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const parameters = [
    ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: pathParamSchema(operation, name) })),
    ...(operation.query ? queryParams(operation.query) : []),
    ...(operation.headers ?? []).map(header),
  ];

  const responses: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(operation.ok)) {
    responses[status] = answer instanceof z.ZodType ? { description: status === '201' ? 'Created' : 'OK', content: json(answer) } : answer;
  }
  for (const [status, codes] of errorsByStatus(operation, pathParams.length > 0)) {
    responses[status] = {
      description: codes.map((code) => `\`${code}\``).join(', '),
      ...(codes.includes('rate_limited') ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {}),
      content: json(ErrorBody),
    };
  }

  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    security: operation.security ? [{ [operation.security]: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: json(operation.body) } } : {}),
    responses,
  };
}

/** The operation's own codes plus those every operation of its kind can answer. */
function errorsByStatus(operation: Operation, hasPathParams: boolean): [string, ErrorCode[]][] {
  const codes = new Set<ErrorCode>(operation.errors);
  // A wrong client secret answers 404, as an unknown session would: a secret reveals nothing.
  if (operation.security === 'clientSecret') codes.add('session_not_found');
  if (operation.security === 'apiKey') codes.add('unauthorized');
  if (operation.body) for (const code of ['invalid_request', 'payload_too_large', 'unsupported_media_type'] as const) codes.add(code);
  // An over-long id in the path is refused before any lookup.
  if (hasPathParams) codes.add('not_found');
  codes.add('internal_error');
  const byStatus = new Map<string, ErrorCode[]>();
  for (const code of ErrorCode.options.filter((code) => codes.has(code))) {
    const status = String(ERROR_STATUS[code]);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus].sort(([a], [b]) => Number(a) - Number(b));
}

function pathParamSchema(operation: Operation, name: string): Json {
  if (name === 'provider') return { $ref: ref('ProviderId') };
  const own = operation.params?.[name];
  if (!own) return { type: 'string', minLength: 1, maxLength: 128 };
  const { $schema: _dialect, ...schema } = z.toJSONSchema(own, { target: 'draft-2020-12', io: 'input' }) as Json;
  return schema;
}

function queryParams(query: z.ZodObject): Json[] {
  const schema = z.toJSONSchema(query, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

function header({ name, required, description, schema }: HeaderParam): Json {
  return { name, in: 'header', required, description, schema };
}

function json(schema: z.ZodType): Json {
  return { 'application/json': { schema: { $ref: ref(componentName(schema)) } } };
}

const names = new Map<z.ZodType, string>([...Object.entries(requestSchemas), ...Object.entries(responseSchemas)].map(([name, schema]) => [schema, name]));

function componentName(schema: z.ZodType): string {
  const name = names.get(schema);
  if (!name) throw new Error('The OpenAPI document refers to a schema that is not a named component');
  return name;
}

function ref(name: string): string {
  return `#/components/schemas/${name}`;
}
