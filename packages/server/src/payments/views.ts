// Store records -> the API's views. The only place that decides what the browser may see.
import type {
  CaptureMethod,
  MerchantPayment,
  MobileOperator,
  NextAction,
  OperationLimits,
  PaymentMethodOption,
  PaymentOperation,
  PaymentView,
  SavedCard,
  SessionView,
} from '@pay-checkout/protocol';
import type { ProviderAdapter } from '../providers/types.js';
import { chargedAmount, type OperationRecord, type PaymentRecord, type SessionRecord } from '../store/types.js';
import { otpAction, type OtpRules } from './otp.js';

/** How long the element waits between reads of a payment that is still being processed. */
export const POLL_AFTER_MS = 1500;

export function paymentView(payment: PaymentRecord, rules: OtpRules | null): PaymentView {
  return {
    id: payment.id,
    state: payment.state,
    method: payment.method,
    provider: payment.provider,
    amount: { value: payment.amount, currency: payment.currency },
    nextAction: nextAction(payment, rules),
    failure: payment.failure,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

function nextAction(payment: PaymentRecord, rules: OtpRules | null): NextAction | null {
  if (payment.state === 'requires_action') {
    if (payment.otp?.awaiting && rules) return otpAction(payment.otp, rules);
    if (payment.redirectUrl) return { type: 'redirect', url: payment.redirectUrl, provider: payment.provider };
  }
  if (payment.state === 'requires_action' || payment.state === 'processing') return { type: 'await', pollAfterMs: POLL_AFTER_MS };
  return null;
}

export interface OfferedMethod {
  adapter: ProviderAdapter;
  option: PaymentMethodOption;
}

export function methodOption(type: PaymentMethodOption['type'], adapter: ProviderAdapter, operators?: MobileOperator[]): PaymentMethodOption {
  return { type, provider: adapter.id, providerName: adapter.displayName, ...(operators ? { operators } : {}) };
}

export function sessionView(
  session: SessionRecord,
  payment: PaymentRecord | null,
  merchantName: string,
  methods: OfferedMethod[],
  rules: OtpRules | null,
  cards: { saved: SavedCard[]; canSave: boolean } = { saved: [], canSave: false },
): SessionView {
  const phone = session.customer.phone?.replace(/^(?:\+?7|8)(7\d{9})$/, '+7$1');
  return {
    id: session.id,
    status: session.status,
    merchantName,
    orderId: session.orderId,
    description: session.description,
    amount: { value: session.amount, currency: session.currency },
    methods: methods.map((m) => m.option),
    redirectOrigins: [...new Set(methods.flatMap((m) => m.adapter.redirectOrigins))],
    payment: payment ? paymentView(payment, rules) : null,
    prefill: phone && /^\+77\d{9}$/.test(phone) ? { phone } : {},
    savedCards: cards.saved,
    canSaveCard: cards.canSave,
    returnUrl: session.returnUrl,
    expiresAt: session.expiresAt,
  };
}

export type MerchantPaymentSummary = Omit<MerchantPayment, 'operations' | 'providerOperations'>;

/** The payment as the merchant's backend sees it (API key), in lists and notifications. */
export function merchantPaymentSummary(
  payment: PaymentRecord,
  session: SessionRecord,
  captureMethod: CaptureMethod,
  available: OperationLimits,
  rules: OtpRules | null,
): MerchantPaymentSummary {
  const captured = payment.capturedAmount ?? (payment.state === 'authorized' || !isCharged(payment) ? null : chargedAmount(payment));
  return {
    ...paymentView(payment, rules),
    sessionId: session.id,
    orderId: session.orderId,
    description: session.description,
    captureMethod,
    capturedAmount: captured === null ? null : { value: captured, currency: payment.currency },
    refundedAmount: { value: payment.refundedAmount, currency: payment.currency },
    available,
  };
}

export function operationView(operation: OperationRecord): PaymentOperation {
  return {
    id: operation.id,
    kind: operation.kind,
    amount: { value: operation.amount, currency: operation.currency },
    status: operation.status,
    actor: operation.actor,
    reason: operation.reason,
    idempotencyKey: operation.idempotencyKey,
    error: operation.error,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

function isCharged(payment: PaymentRecord): boolean {
  return ['succeeded', 'refunded', 'partially_refunded'].includes(payment.state) || (payment.state === 'canceled' && payment.capturedAmount !== null);
}
