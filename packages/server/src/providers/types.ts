// The one interface every provider adapter implements (like a Passport strategy). Adapters speak
// their provider's documented API and convert money at their edge; the rest of the server sees
// only normalized states and integer minor units.
import type { FailureCode, MethodType, MobileOperator, PaymentState, ProviderId } from '@pay-checkout/protocol';
import type { PaymentRecord, SessionRecord } from '../store/types.js';

/** Whether the payment is authorized only (captured later): the session's choice, else the provider's default. */
export function manualCapture(session: Pick<SessionRecord, 'captureMethod'>, providerDefault: boolean): boolean {
  return session.captureMethod ? session.captureMethod === 'manual' : providerDefault;
}

/** What the shopper entered for the method (mobile commerce: phone and operator). */
export interface PaymentDetails {
  phone?: string;
  operator?: string;
}

/** A saved card as the provider reports it. */
export interface ProviderCard {
  providerCardId: string;
  maskedPan: string;
  brand: string;
  holder: string | null;
  expiry: string | null;
}

export interface CreatePaymentInput {
  payment: PaymentRecord;
  session: SessionRecord;
  details: PaymentDetails;
  /** The shopper's IP address, as the request reached us. */
  clientIp: string;
  /** Where a hosted page sends the shopper back; only a signal, never a result. */
  returnUrls: { success: string; error: string };
  /** Where the provider posts its notifications. */
  callbackUrl: string;
  locale?: string | undefined;
  /** Pay with this saved card (one click where the provider allows; else its page asks for what it needs). */
  savedCard?: ProviderCard | undefined;
  /** The shopper asked to keep the card entered on the hosted page (adapters with savedCards.saveOnHandoff). */
  saveCard?: boolean | undefined;
}

export interface CreatedPayment {
  providerOrderId: string | null;
  providerRef: Record<string, string>;
  providerState: string;
  state: PaymentState;
  /** A hosted page to send the shopper to, when the method hands off. */
  redirectUrl: string | null;
  /** Why a payment that ended at once (a declined saved card) failed. */
  failure?: { code: FailureCode; reason: string | null } | null;
}

/** What the provider says about a payment, already normalized. */
export interface ProviderStatus {
  providerState: string;
  state: PaymentState;
  /** What the provider says it charged (for refunds: what remains), in minor units; checked against the payment. */
  amount: number;
  currency: string;
  failure: { code: FailureCode; reason: string | null } | null;
  /** The provider waits for the SMS code the shopper received. */
  otpRequested?: boolean;
  /** A card this payment saved for the customer, once the payment succeeded. */
  savedCard?: ProviderCard;
}

export type CallbackResult =
  /** Unsigned providers: the callback only names the payment to re-read. */
  | { kind: 'trigger'; providerOrderId: string | null; merchantReference: string | null }
  /** Signed providers: a verified statement of the payment's state. */
  | { kind: 'status'; merchantReference: string; status: ProviderStatus }
  | { kind: 'rejected'; reason: string };

/** The callback as it arrived, for providers that sign the raw body. */
export interface CallbackRequest {
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  readonly displayName: string;
  /** Payment methods this provider serves. */
  readonly methods: MethodType[];
  /** Currencies it takes. */
  readonly currencies: string[];
  /** Origins of hosted pages this provider may send the shopper to. */
  readonly redirectOrigins: string[];
  /** The largest amount the provider's document says it takes, in minor units of `currency`; absent: none printed. */
  maxAmount?(currency: string): number;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  fetchStatus(payment: PaymentRecord): Promise<ProviderStatus>;
  /** Verifies (signed providers) and reads a callback; null when it names no payment. */
  handleCallback(body: unknown, request: CallbackRequest): CallbackResult | null;
  submitOtp?(payment: PaymentRecord, code: string): Promise<void>;
  resendOtp?(payment: PaymentRecord, clientIp: string): Promise<void>;
  /**
   * Follow-up operations, amounts in minor units. Each answers the provider's status after the
   * operation, or null when the provider confirms later (by callback). The operations service
   * checks state and amount before calling them.
   */
  /** Charges all or part (see `partial`) of an authorization. */
  capture?(payment: PaymentRecord, amount: number): Promise<ProviderStatus | null>;
  /** Releases a whole authorization. */
  cancel?(payment: PaymentRecord): Promise<ProviderStatus | null>;
  /** Returns a charge before settlement, or part of an authorization where the provider allows; all when `amount` is absent. */
  reverse?(payment: PaymentRecord, amount?: number): Promise<ProviderStatus | null>;
  refund?(payment: PaymentRecord, amount: number): Promise<ProviderStatus | null>;
  /** The operations that take part of what is available; the others take all of it or nothing. */
  readonly partial?: readonly ('capture' | 'reverse' | 'refund')[];
  /** What the provider did with the payment, as it reports it (pay.tech's operations list). */
  listOperations?(payment: PaymentRecord): Promise<object[]>;
  operators?(): Promise<MobileOperator[]>;
  /** Saved cards, where the provider keeps them. */
  readonly savedCards?: {
    /** The customer's cards as the provider lists them (PITECH); absent where only our store knows them (Kapital). */
    list?(customerId: string): Promise<ProviderCard[]>;
    /** Deletes the card at the provider; absent where the provider has no such call (our record is dropped). */
    remove?(customerId: string, providerCardId: string): Promise<void>;
    /** The hosted page can keep the card it takes (createPayment with saveCard). */
    saveOnHandoff: boolean;
  };
}
