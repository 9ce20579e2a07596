// Schemas of the merchant side of the companion API: operations after the payment (capture, cancel,
// reverse, refund), the payment as the merchant sees it, and the signed notifications the server
// posts to the merchant.
import { z } from 'zod';
import { CaptureMethod, Money, PaymentView } from './schemas.js';

export const OperationKind = z.enum(['capture', 'cancel', 'reverse', 'refund']);

/** Body of POST /v1/payments/{id}/{operation}. No amount: all that the operation can take. */
export const OperationRequest = z.strictObject({
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** Free text kept with the operation (why a refund was made). */
  reason: z.string().min(1).max(255).optional(),
});

export const OperationStatus = z.enum([
  /** Sent to the provider, no answer yet. */
  'pending',
  'succeeded',
  /** The provider refused it; nothing moved. */
  'failed',
  /** The provider could not be reached or answered unclearly; repeat with the same key to settle it. */
  'unknown',
]);

/** One operation as recorded: who asked, when, for how much, and what came of it. */
export const PaymentOperation = z.object({
  id: z.string(),
  kind: OperationKind,
  amount: Money,
  status: OperationStatus,
  /** Who asked: "api" (HTTP with the API key), "node" (Node API), or the name given with the request. */
  actor: z.string(),
  reason: z.string().nullable(),
  idempotencyKey: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});

/** How much each operation can still take, in minor units; null where it does not apply now. */
export const OperationLimits = z.object({
  capture: z.number().int().nullable(),
  cancel: z.number().int().nullable(),
  reverse: z.number().int().nullable(),
  refund: z.number().int().nullable(),
});

export const MerchantPayment = PaymentView.extend({
  sessionId: z.string(),
  orderId: z.string(),
  description: z.string(),
  captureMethod: CaptureMethod,
  /** What was charged: the captured part of an authorization, or the whole amount once succeeded. */
  capturedAmount: Money.nullable(),
  refundedAmount: z.object({ value: z.number().int().nonnegative(), currency: z.string() }),
  available: OperationLimits,
  operations: z.array(PaymentOperation),
  /** The provider's own list of what it did (pay.tech); null where the provider has none or was not reachable. */
  providerOperations: z.array(z.record(z.string(), z.unknown())).nullable(),
});

export const PaymentList = z.object({
  data: z.array(MerchantPayment.omit({ operations: true, providerOperations: true })),
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const PaymentListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(128).optional(),
  orderId: z.string().max(64).optional(),
});

export const MerchantEventType = z.enum([
  'payment.requires_action',
  'payment.processing',
  'payment.authorized',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'payment.expired',
  'payment.refunded',
  'payment.partially_refunded',
]);

/** What the server posts to the merchant's notification URL, signed (see verifyMerchantWebhook). */
export const MerchantEvent = z.object({
  /** Stable across redeliveries: process each id once. */
  id: z.string(),
  type: MerchantEventType,
  created: z.iso.datetime(),
  data: z.object({ payment: MerchantPayment.omit({ operations: true, providerOperations: true }) }),
});

export type OperationKind = z.infer<typeof OperationKind>;
export type OperationRequest = z.infer<typeof OperationRequest>;
export type OperationStatus = z.infer<typeof OperationStatus>;
export type PaymentOperation = z.infer<typeof PaymentOperation>;
export type OperationLimits = z.infer<typeof OperationLimits>;
export type MerchantPayment = z.infer<typeof MerchantPayment>;
export type PaymentList = z.infer<typeof PaymentList>;
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;
export type MerchantEventType = z.infer<typeof MerchantEventType>;
export type MerchantEvent = z.infer<typeof MerchantEvent>;
