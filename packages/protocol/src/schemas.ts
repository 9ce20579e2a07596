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

/** Payment methods the element knows how to run: card handoff, and Kazakh mobile commerce (phone balance + SMS code). */
export const MethodType = z.enum(['card', 'kz_mobile']);

/** A Kazakh mobile network operator, by Monetix's id (ACTIV, ALTEL, BEELINE, KCELL, TELE2). */
export const MobileOperator = z.object({
  id: z.string(),
  name: z.string(),
});

export const PaymentMethodOption = z.object({
  type: MethodType,
  provider: ProviderId,
  /** Display name of the provider that serves the method. */
  providerName: z.string(),
  /** kz_mobile: the operators the shopper can choose from. */
  operators: z.array(MobileOperator).optional(),
});

/** A Kazakh mobile number in E.164: +7 then 10 digits starting with 7. */
export const KzMobilePhone = z.string().regex(/^\+77\d{9}$/, 'must be a Kazakh mobile number, +77XXXXXXXXX');

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

/** The SMS code step of Kazakh mobile commerce. */
export const OtpAction = z.object({
  type: z.literal('otp'),
  /** The number the code went to, masked: +7 701 ***-**-67. */
  phone: z.string(),
  /** When the shopper may ask for a new code; null when no resend is left. */
  resendAvailableAt: z.iso.datetime().nullable(),
  resendsLeft: z.number().int().nonnegative(),
  /** Wrong codes the shopper may still enter before the payment fails. */
  attemptsLeft: z.number().int().nonnegative(),
  /** What happened to the last code the shopper entered. */
  lastCode: z.enum(['none', 'wrong', 'expired']),
  /** When the current code stops being accepted (the operator's 80-90 s). */
  codeExpiresAt: z.iso.datetime().nullable(),
});

export const NextAction = z.discriminatedUnion('type', [RedirectAction, AwaitAction, OtpAction]);

/** Stable failure codes; the element turns them into a localized message. */
export const FailureCode = z.enum([
  'card_declined',
  'insufficient_balance',
  'payment_declined',
  'too_many_attempts',
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

/** A card the session's customer saved with the provider before; the number never leaves the provider. */
export const SavedCard = z.object({
  /** Our id of the card (not the provider's token). */
  id: z.string(),
  provider: ProviderId,
  /** visa, mastercard, … as the provider names it; "card" when unknown. */
  brand: z.string(),
  /** As the provider masks it, e.g. 440564******6150. */
  maskedPan: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  holder: z.string().nullable(),
  /** MM/YY when the provider tells it. */
  expiry: z.string().nullable(),
});

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
  /** What the merchant already knows of the shopper, to fill in forms. */
  prefill: z.object({ phone: KzMobilePhone.optional() }),
  /** The customer's saved cards (sessions created with customer.id, where the card provider keeps cards). */
  savedCards: z.array(SavedCard),
  /** Whether the card handoff can save the card for next time (offered as a choice to the shopper). */
  canSaveCard: z.boolean(),
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

/** automatic: charge at once; manual: authorize (hold) and capture later. Unset: the provider's configured default. */
export const CaptureMethod = z.enum(['automatic', 'manual']);

export const CreateSessionRequest = z.strictObject({
  amount: Money,
  captureMethod: CaptureMethod.optional(),
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

const Locale = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
  .max(35);

export const CreatePaymentRequest = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('card'),
    locale: Locale.optional(),
    /** Pay with this saved card (one click, no hosted page where the provider allows). */
    savedCardId: z.string().min(1).max(64).optional(),
    /** The shopper asked to keep the card entered on the hosted page for next time. */
    saveCard: z.boolean().optional(),
  }),
  z.strictObject({
    method: z.literal('kz_mobile'),
    locale: Locale.optional(),
    phone: KzMobilePhone,
    operator: z.string().regex(/^[A-Z0-9_]{2,20}$/, 'must be an operator id such as KCELL'),
  }),
]);

export const SubmitOtpRequest = z.strictObject({
  code: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
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
  'otp_not_expected',
  'payment_not_cancelable',
  'resend_not_available',
  'resend_limit_reached',
  'too_many_attempts',
  'provider_error',
  'provider_unavailable',
  'rate_limited',
  'invalid_signature',
  'internal_error',
  // Operations after the payment (merchant API)
  'operation_not_supported',
  'payment_state_conflict',
  'amount_out_of_range',
  // Saved cards
  'saved_card_not_found',
  // Payouts (merchant API)
  'payout_not_found',
  'provider_not_configured',
  'currency_not_supported',
  'card_number_invalid',
  // Subscriptions (merchant API)
  'subscription_not_found',
  'subscription_not_active',
]);

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type Money = z.infer<typeof Money>;
export type CaptureMethod = z.infer<typeof CaptureMethod>;
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
export type SavedCard = z.infer<typeof SavedCard>;
export type SessionView = z.infer<typeof SessionView>;
export type Customer = z.infer<typeof Customer>;
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;
export type SubmitOtpRequest = z.infer<typeof SubmitOtpRequest>;
export type OtpAction = z.infer<typeof OtpAction>;
export type MobileOperator = z.infer<typeof MobileOperator>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorBody = z.infer<typeof ErrorBody>;
