// Rows <-> records, shared by the SQLite and PostgreSQL stores: both keep the same columns (JSON as text,
// times as ISO strings), so one mapping keeps their answers identical.
import { FINAL_PAYMENT_STATES, type PaymentState } from '@pay-checkout/protocol';
import type {
  IdempotencyRecord,
  OperationRecord,
  OutboxDelivery,
  PaymentRecord,
  PayoutRecord,
  SavedCardRecord,
  SessionRecord,
  SubscriptionRecord,
} from './types.js';

export type Row = Record<string, unknown>;

/** What a payment's new state does to its session: a final or authorized payment frees the active slot; a paid or authorized one completes it. */
export function settlesSession(state: PaymentState): { release: boolean; complete: boolean } {
  return {
    release: (FINAL_PAYMENT_STATES as readonly string[]).includes(state) || state === 'authorized',
    complete: state === 'succeeded' || state === 'authorized',
  };
}

export function paymentParams(payment: PaymentRecord) {
  return {
    ...payment,
    providerRef: payment.providerRef ? JSON.stringify(payment.providerRef) : null,
    failure: payment.failure ? JSON.stringify(payment.failure) : null,
    otp: payment.otp ? JSON.stringify(payment.otp) : null,
    saveCard: payment.saveCard ? 1 : 0,
  };
}

export function sessionFromRow(row: Row): SessionRecord {
  return {
    id: String(row.id),
    clientSecretHash: String(row.client_secret_hash),
    orderId: String(row.order_id),
    amount: Number(row.amount),
    currency: String(row.currency),
    description: String(row.description),
    customer: JSON.parse(String(row.customer)),
    returnUrl: String(row.return_url),
    methods: JSON.parse(String(row.methods)),
    captureMethod: (row.capture_method as SessionRecord['captureMethod']) ?? null,
    status: row.status as SessionRecord['status'],
    activePaymentId: (row.active_payment_id as string | null) ?? null,
    latestPaymentId: (row.latest_payment_id as string | null) ?? null,
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}

export function paymentFromRow(row: Row): PaymentRecord {
  return {
    id: String(row.id),
    sessionId: String(row.session_id),
    method: row.method as PaymentRecord['method'],
    provider: row.provider as PaymentRecord['provider'],
    amount: Number(row.amount),
    currency: String(row.currency),
    state: row.state as PaymentRecord['state'],
    providerState: (row.provider_state as string | null) ?? null,
    providerOrderId: (row.provider_order_id as string | null) ?? null,
    providerRef: row.provider_ref ? JSON.parse(String(row.provider_ref)) : null,
    redirectUrl: (row.redirect_url as string | null) ?? null,
    failure: row.failure ? JSON.parse(String(row.failure)) : null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    checkedAt: (row.checked_at as string | null) ?? null,
    otp: row.otp ? JSON.parse(String(row.otp)) : null,
    capturedAmount: row.captured_amount === null || row.captured_amount === undefined ? null : Number(row.captured_amount),
    refundedAmount: Number(row.refunded_amount ?? 0),
    version: Number(row.version ?? 0),
    saveCard: Number(row.save_card ?? 0) === 1,
    savedCardId: (row.saved_card_id as string | null) ?? null,
  };
}

export function keyFromRow(row: Row): IdempotencyRecord {
  return {
    sessionId: String(row.session_id),
    key: String(row.key),
    requestHash: String(row.request_hash),
    response:
      row.response_status === null || row.response_status === undefined
        ? null
        : { status: Number(row.response_status), body: JSON.parse(String(row.response_body)) },
    createdAt: String(row.created_at),
  };
}

export function operationFromRow(row: Row): OperationRecord {
  return {
    id: String(row.id),
    paymentId: String(row.payment_id),
    kind: row.kind as OperationRecord['kind'],
    amount: Number(row.amount),
    currency: String(row.currency),
    status: row.status as OperationRecord['status'],
    actor: String(row.actor),
    reason: (row.reason as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
    requestHash: String(row.request_hash),
    error: row.error ? JSON.parse(String(row.error)) : null,
    createdAt: String(row.created_at),
    completedAt: (row.completed_at as string | null) ?? null,
  };
}

export function eventFromRow(row: Row): OutboxDelivery {
  return {
    id: String(row.id),
    type: row.type as OutboxDelivery['type'],
    paymentId: String(row.payment_id),
    payload: String(row.payload),
    createdAt: String(row.created_at),
    status: row.status as OutboxDelivery['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: String(row.next_attempt_at),
    deliveredAt: (row.delivered_at as string | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
  };
}

export function cardFromRow(row: Row): SavedCardRecord {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    provider: row.provider as SavedCardRecord['provider'],
    providerCardId: String(row.provider_card_id),
    maskedPan: String(row.masked_pan),
    brand: String(row.brand),
    holder: (row.holder as string | null) ?? null,
    expiry: (row.expiry as string | null) ?? null,
    createdAt: String(row.created_at),
  };
}

export function payoutParams(payout: PayoutRecord) {
  return {
    ...payout,
    providerRef: payout.providerRef ? JSON.stringify(payout.providerRef) : null,
    failure: payout.failure ? JSON.stringify(payout.failure) : null,
  };
}

export function payoutFromRow(row: Row): PayoutRecord {
  return {
    id: String(row.id),
    provider: row.provider as PayoutRecord['provider'],
    amount: Number(row.amount),
    currency: String(row.currency),
    state: row.state as PayoutRecord['state'],
    reference: String(row.reference),
    description: (row.description as string | null) ?? null,
    destinationMasked: String(row.destination_masked),
    providerRef: row.provider_ref ? JSON.parse(String(row.provider_ref)) : null,
    providerState: (row.provider_state as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
    requestHash: String(row.request_hash),
    actor: String(row.actor),
    failure: row.failure ? JSON.parse(String(row.failure)) : null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    version: Number(row.version ?? 0),
  };
}

export function subscriptionFromRow(row: Row): SubscriptionRecord {
  return {
    id: String(row.id),
    provider: 'pitech',
    providerSubscriptionId: (row.provider_subscription_id as string | null) ?? null,
    customerId: String(row.customer_id),
    savedCardId: String(row.saved_card_id),
    amount: Number(row.amount),
    currency: String(row.currency),
    interval: row.interval as SubscriptionRecord['interval'],
    period: Number(row.period),
    maxPeriods: row.max_periods === null || row.max_periods === undefined ? null : Number(row.max_periods),
    description: String(row.description),
    email: String(row.email),
    startTime: String(row.start_time),
    state: row.state as SubscriptionRecord['state'],
    successfulCharges: Number(row.successful_charges),
    failedCharges: Number(row.failed_charges),
    nextChargeAt: (row.next_charge_at as string | null) ?? null,
    lastChargeAt: (row.last_charge_at as string | null) ?? null,
    idempotencyKey: String(row.idempotency_key),
    requestHash: String(row.request_hash),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    version: Number(row.version ?? 0),
  };
}
