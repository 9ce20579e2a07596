// One storage interface for every backend. Methods are async so a networked store (PostgreSQL) fits
// the same shape as the embedded SQLite one.
import type {
  CaptureMethod,
  Customer,
  MerchantEventType,
  MethodType,
  OperationKind,
  OperationStatus,
  PaymentFailure,
  PaymentState,
  PayoutProvider,
  PayoutState,
  ProviderId,
  SessionStatus,
  SubscriptionInterval,
  SubscriptionState,
} from '@pay-checkout/protocol';

export interface SessionRecord {
  id: string;
  clientSecretHash: string;
  orderId: string;
  amount: number;
  currency: string;
  description: string;
  customer: Customer;
  returnUrl: string;
  methods: MethodType[];
  /** The merchant's choice for this session; null: each provider's configured default. */
  captureMethod: CaptureMethod | null;
  status: SessionStatus;
  /** The payment currently in flight; while set, no other payment can start for the session. */
  activePaymentId: string | null;
  latestPaymentId: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface PaymentRecord {
  id: string;
  sessionId: string;
  method: MethodType;
  provider: ProviderId;
  amount: number;
  currency: string;
  state: PaymentState;
  /** The provider's own state string, as last read. */
  providerState: string | null;
  /** The provider's order id, for finding the payment from a callback. */
  providerOrderId: string | null;
  /** Whatever else the provider needs to find the order again (PITECH: uuid and orderDate). */
  providerRef: Record<string, string> | null;
  redirectUrl: string | null;
  failure: PaymentFailure | null;
  createdAt: string;
  updatedAt: string;
  /** When the provider was last asked; polling is throttled with it. */
  checkedAt: string | null;
  /** SMS-code step bookkeeping of mobile payments. */
  otp: OtpState | null;
  /** What a partial capture took of an authorization; null when the whole amount was charged. */
  capturedAmount: number | null;
  /** Sum of confirmed refunds, minor units. */
  refundedAmount: number;
  /** The shopper asked to keep the card entered on the hosted page. */
  saveCard: boolean;
  /** Paid with this saved card (our id), not on a hosted page's form. */
  savedCardId: string | null;
  /** Bumped by every write; updates are compare-and-set on it. */
  version: number;
}

/** A payment that has just started: nothing asked of the provider yet. */
export function newPayment(
  fields: Pick<PaymentRecord, 'id' | 'sessionId' | 'method' | 'provider' | 'amount' | 'currency' | 'createdAt'> & Partial<PaymentRecord>,
): PaymentRecord {
  return {
    state: 'processing',
    providerState: null,
    providerOrderId: null,
    providerRef: null,
    redirectUrl: null,
    failure: null,
    updatedAt: fields.createdAt,
    checkedAt: null,
    otp: null,
    capturedAmount: null,
    refundedAmount: 0,
    saveCard: false,
    savedCardId: null,
    version: 0,
    ...fields,
  };
}

/** What was actually charged: the captured part of an authorization, else the whole amount. */
export function chargedAmount(payment: Pick<PaymentRecord, 'amount' | 'capturedAmount'>): number {
  return payment.capturedAmount ?? payment.amount;
}

export interface OtpState {
  /** The number the code goes to, masked for display. */
  phoneMasked: string;
  /** The provider asked for a code and none is being checked. */
  awaiting: boolean;
  /** When the current code was sent (first request or last resend). */
  codeSentAt: string | null;
  /** A code is with the provider; its answer is pending. */
  submittedAt: string | null;
  resends: number;
  wrongCodes: number;
  lastCode: 'none' | 'wrong' | 'expired';
  resendAvailableAt: string | null;
  /** Callback statuses are not believed until the code after a resend is requested (the provider's own warning). */
  resendPendingSince: string | null;
}

export interface IdempotencyRecord {
  sessionId: string;
  key: string;
  requestHash: string;
  /** Null while the first request with this key is still running. */
  response: { status: number; body: unknown } | null;
  createdAt: string;
}

/** A customer's card kept by a provider, under our own id (the provider's token stays server-side). */
export interface SavedCardRecord {
  id: string;
  customerId: string;
  provider: ProviderId;
  providerCardId: string;
  maskedPan: string;
  brand: string;
  holder: string | null;
  expiry: string | null;
  createdAt: string;
}

/** A capture, cancel, reverse or refund, recorded before the provider is called. */
export interface OperationRecord {
  id: string;
  paymentId: string;
  kind: OperationKind;
  amount: number;
  currency: string;
  status: OperationStatus;
  actor: string;
  reason: string | null;
  idempotencyKey: string;
  requestHash: string;
  error: { code: string; message: string } | null;
  createdAt: string;
  completedAt: string | null;
}

export type OperationClaim =
  | { outcome: 'claimed' }
  /** The key was used before on this payment. */
  | { outcome: 'exists'; existing: OperationRecord }
  /** Another operation on the payment is in flight. */
  | { outcome: 'busy' };

/** A merchant notification, written in the same transaction as the payment change it reports. */
export interface OutboxEvent {
  id: string;
  type: MerchantEventType;
  paymentId: string;
  /** The JSON body exactly as it will be posted (and signed). */
  payload: string;
  createdAt: string;
}

export interface OutboxDelivery extends OutboxEvent {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

export type DeliveryOutcome =
  | { delivered: true; at: string }
  /** `giveUp`: stop retrying (the event is kept, marked failed). */
  | { delivered: false; attempts: number; nextAttemptAt: string; error: string; giveUp: boolean };

/** A payment another process wrote (for live updates). */
export interface PaymentChange {
  paymentId: string;
  sessionId: string;
}

export interface PaymentPage {
  limit: number;
  /** A payment id: the page starts after it (newest first). */
  after?: string | undefined;
  orderId?: string | undefined;
}

/** A payout to a card, recorded under its idempotency key before the provider is called. */
export interface PayoutRecord {
  id: string;
  provider: PayoutProvider;
  /** Minor units. */
  amount: number;
  currency: string;
  state: PayoutState;
  reference: string;
  description: string | null;
  /** 440564******6150; the full number is never stored. */
  destinationMasked: string;
  /** What finds the payout at the provider again (Kapital: order id and password; pay.tech: payment id). */
  providerRef: Record<string, string> | null;
  /** The provider's own state as last read; null while the first attempt is still in flight. */
  providerState: string | null;
  idempotencyKey: string;
  /** Salted hash of the request (salt.hash), so a card number cannot be recovered from it. */
  requestHash: string;
  actor: string;
  failure: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write; updates are compare-and-set on it. */
  version: number;
}

export interface PayoutPage {
  limit: number;
  /** A payout id: the page starts after it (newest first). */
  after?: string | undefined;
  reference?: string | undefined;
}

/** A PITECH subscription made through this server, with the charges recorded from it so far. */
export interface SubscriptionRecord {
  id: string;
  provider: 'pitech';
  /** PITECH's subscriptionsId; null while the create call is in flight. */
  providerSubscriptionId: string | null;
  customerId: string;
  savedCardId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  interval: SubscriptionInterval;
  period: number;
  maxPeriods: number | null;
  description: string;
  email: string;
  startTime: string;
  /**
   * `pending`: being created at PITECH; `unknown`: PITECH's answer to the create was lost, so a
   * repeat looks for it there before creating again. Neither is shown.
   */
  state: 'pending' | 'unknown' | SubscriptionState;
  /** PITECH's counters as last recorded: each charge below them is a payment already. */
  successfulCharges: number;
  failedCharges: number;
  nextChargeAt: string | null;
  lastChargeAt: string | null;
  idempotencyKey: string;
  requestHash: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write; updates are compare-and-set on it. */
  version: number;
}

export type SubscriptionClaim = { claimed: true } | { claimed: false; existing: SubscriptionRecord };

export type PayoutClaim = { claimed: true } | { claimed: false; existing: PayoutRecord };

/** The answer to record under an idempotency key. */
export interface KeyCompletion {
  sessionId: string;
  key: string;
  response: { status: number; body: unknown };
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord };
export type StartPaymentResult = { started: true } | { started: false; activePaymentId: string };

export interface Store {
  insertSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  updateSessionStatus(id: string, status: SessionStatus): Promise<void>;

  /** Atomically claims the session's active slot and inserts the payment, or names the payment holding it. */
  startPayment(payment: PaymentRecord): Promise<StartPaymentResult>;
  getPayment(id: string): Promise<PaymentRecord | null>;
  findPaymentByProviderOrder(provider: ProviderId, providerOrderId: string): Promise<PaymentRecord | null>;
  /**
   * Writes the payment if nobody wrote it since it was read (compare-and-set on `version`, which it
   * bumps), so two concurrent writers cannot overwrite each other. Frees the session's active slot
   * when the new state is final or authorized, and completes the session on success. Returns the
   * stored record, or null when the payment had moved on. `completes`: the idempotency key's answer,
   * recorded in the same transaction, so only if the payment was written.
   */
  updatePayment(payment: PaymentRecord, events?: readonly OutboxEvent[], completes?: KeyCompletion): Promise<PaymentRecord | null>;
  /** Newest first, with their sessions' order ids. */
  listPayments(page: PaymentPage): Promise<PaymentRecord[]>;
  /** Payments still in flight (requires_action, processing) last written before `updatedBefore`, oldest first. */
  listUnsettledPayments(updatedBefore: string, limit: number): Promise<PaymentRecord[]>;
  /**
   * Stores shared by several processes tell each one about payments the others wrote; the returned
   * function stops listening. Absent where one process owns the data.
   */
  watchPayments?(listener: (change: PaymentChange) => void): Promise<() => Promise<void>>;

  /**
   * Records an operation about to be sent, unless its key was used on the payment before or another
   * operation on it is in flight (pending and younger than `staleBefore`).
   */
  claimOperation(operation: OperationRecord, staleBefore: string): Promise<OperationClaim>;
  finishOperation(id: string, status: OperationStatus, error: OperationRecord['error'], completedAt: string): Promise<void>;
  listOperations(paymentId: string): Promise<OperationRecord[]>;

  /** Inserts the card, or returns the one already kept for this customer, provider and token. */
  upsertSavedCard(card: SavedCardRecord): Promise<SavedCardRecord>;
  listSavedCards(customerId: string, provider: ProviderId): Promise<SavedCardRecord[]>;
  getSavedCard(id: string): Promise<SavedCardRecord | null>;
  deleteSavedCard(id: string): Promise<void>;

  /** Locks up to `limit` events due at `now` until `lockUntil` (so one worker sends each) and returns them. */
  claimDueEvents(now: string, limit: number, lockUntil: string): Promise<OutboxDelivery[]>;
  recordDelivery(id: string, outcome: DeliveryOutcome): Promise<void>;
  listEvents(paymentId?: string): Promise<OutboxDelivery[]>;

  claimIdempotencyKey(sessionId: string, key: string, requestHash: string): Promise<ClaimResult>;
  completeIdempotencyKey(sessionId: string, key: string, response: { status: number; body: unknown }): Promise<void>;
  getIdempotencyKey(sessionId: string, key: string): Promise<IdempotencyRecord | null>;

  /** Inserts the payout, or returns the one already recorded under its idempotency key. */
  claimPayout(payout: PayoutRecord): Promise<PayoutClaim>;
  getPayout(id: string): Promise<PayoutRecord | null>;
  /** Compare-and-set on `version` (which it bumps); null when someone else wrote the payout since it was read. */
  updatePayout(payout: PayoutRecord): Promise<PayoutRecord | null>;
  /** Newest first. */
  listPayouts(page: PayoutPage): Promise<PayoutRecord[]>;

  /** Inserts the subscription, or returns the one already recorded under its idempotency key. */
  claimSubscription(subscription: SubscriptionRecord): Promise<SubscriptionClaim>;
  getSubscription(id: string): Promise<SubscriptionRecord | null>;
  findSubscriptionByProviderId(providerSubscriptionId: string): Promise<SubscriptionRecord | null>;
  /** Compare-and-set on `version` (which it bumps); null when someone else wrote it since it was read. */
  updateSubscription(subscription: SubscriptionRecord): Promise<SubscriptionRecord | null>;
  /** Drops a claim PITECH refused, so its key can be used again. */
  deleteSubscription(id: string): Promise<void>;
  /** Oldest first. */
  listSubscriptionsInState(state: SubscriptionRecord['state']): Promise<SubscriptionRecord[]>;

  /** Counts an event in a sliding window; false (and not counted) when `max` events are already in it. */
  takeRateLimit(bucket: string, max: number, windowMs: number, now: number): Promise<boolean>;

  close(): Promise<void>;
}
