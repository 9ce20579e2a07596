// zod schemas of the element <-> server API. The server validates every request and response
// body with them; the element imports only the inferred types (type-only), so zod never reaches the bundle.
import { z } from 'zod';
import { isSupportedCurrency } from './money.js';

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. KZT')
  .refine(isSupportedCurrency, 'is not a supported currency');

/** An amount: integer minor units plus an ISO currency. */
export const Money = z.strictObject({
  value: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: Currency,
});

export const ProviderId = z.enum(['pitech', 'kapital', 'monetix', 'paytech']);

/** Payment methods the element knows how to run. */
export const MethodType = z.enum(['card']);

export const PaymentMethodOption = z.object({
  type: MethodType,
  provider: ProviderId,
  /** Display name of the acquirer that serves the method. */
  providerName: z.string(),
});

/** Normalized payment states; every provider state maps to exactly one. */
export const PaymentState = z.enum([
  'requires_action',
  'processing',
  'authorized',
  'succeeded',
  'failed',
  'canceled',
  'expired',
  'refunded',
  'partially_refunded',
]);

export const FINAL_PAYMENT_STATES = ['succeeded', 'failed', 'canceled', 'expired', 'refunded', 'partially_refunded'] as const;

export const RedirectAction = z.object({
  type: z.literal('redirect'),
  url: z.url(),
  provider: ProviderId,
});

export const AwaitAction = z.object({
  type: z.literal('await'),
  /** How long the element should wait before reading the payment again. */
  pollAfterMs: z.number().int().positive(),
});

export const NextAction = z.discriminatedUnion('type', [RedirectAction, AwaitAction]);

/** Stable failure codes; the element turns them into a localized message. */
export const FailureCode = z.enum([
  'card_declined',
  'insufficient_funds',
  'authentication_timed_out',
  'payment_expired',
  'amount_mismatch',
  'provider_error',
]);

export const PaymentFailure = z.object({
  code: FailureCode,
  /** The provider's own reason, for display under the localized message. */
  reason: z.string().nullable(),
});

export const PaymentView = z.object({
  id: z.string(),
  state: PaymentState,
  method: MethodType,
  provider: ProviderId,
  amount: Money,
  nextAction: NextAction.nullable(),
  failure: PaymentFailure.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const SessionStatus = z.enum(['open', 'complete', 'expired']);

export const SessionView = z.object({
  id: z.string(),
  status: SessionStatus,
  merchantName: z.string(),
  orderId: z.string(),
  description: z.string(),
  amount: Money,
  methods: z.array(PaymentMethodOption),
  /** Origins the element may hand the shopper off to (hosted payment pages). */
  redirectOrigins: z.array(z.string()),
  /** The latest payment attempt, if any. */
  payment: PaymentView.nullable(),
  returnUrl: z.url(),
  expiresAt: z.iso.datetime(),
});

const OrderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:\-]+$/, 'may contain only letters, digits and _ . : -');

const HttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }).max(2048);

export const Customer = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9]{7,15}$/, 'must be digits with an optional leading +')
    .optional(),
  name: z.string().min(1).max(128).optional(),
});

export const CreateSessionRequest = z.strictObject({
  amount: Money,
  orderId: OrderId,
  description: z.string().min(1).max(255),
  customer: Customer.optional(),
  returnUrl: HttpUrl,
  methods: z.array(MethodType).min(1).optional(),
  expiresInSeconds: z.number().int().min(60).max(86_400).optional(),
});

export const CreateSessionResponse = z.object({
  id: z.string(),
  clientSecret: z.string(),
  expiresAt: z.iso.datetime(),
  session: SessionView,
});

export const CreatePaymentRequest = z.strictObject({
  method: MethodType,
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
    .max(35)
    .optional(),
});

export const ErrorCode = z.enum([
  'invalid_request',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'not_found',
  'session_not_found',
  'session_expired',
  'session_completed',
  'payment_not_found',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'method_not_available',
  'provider_error',
  'provider_unavailable',
  'rate_limited',
  'internal_error',
]);

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type Money = z.infer<typeof Money>;
export type ProviderId = z.infer<typeof ProviderId>;
export type MethodType = z.infer<typeof MethodType>;
export type PaymentMethodOption = z.infer<typeof PaymentMethodOption>;
export type PaymentState = z.infer<typeof PaymentState>;
export type NextAction = z.infer<typeof NextAction>;
export type RedirectAction = z.infer<typeof RedirectAction>;
export type AwaitAction = z.infer<typeof AwaitAction>;
export type FailureCode = z.infer<typeof FailureCode>;
export type PaymentFailure = z.infer<typeof PaymentFailure>;
export type PaymentView = z.infer<typeof PaymentView>;
export type SessionStatus = z.infer<typeof SessionStatus>;
export type SessionView = z.infer<typeof SessionView>;
export type Customer = z.infer<typeof Customer>;
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorBody = z.infer<typeof ErrorBody>;
