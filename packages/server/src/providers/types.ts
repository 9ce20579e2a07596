// The one interface every acquirer adapter implements (like a Passport strategy). Adapters speak
// their provider's documented API and convert money at their edge; the rest of the server sees
// only normalized states and integer minor units.
import type { FailureCode, PaymentState, ProviderId } from '@pay-checkout/protocol';
import type { PaymentRecord, SessionRecord } from '../store/types.js';

export interface CreatePaymentInput {
  payment: PaymentRecord;
  session: SessionRecord;
  /** Where the provider sends the shopper back; only a signal, never a result. */
  returnUrls: { success: string; error: string };
  /** Where the provider posts its notifications. */
  callbackUrl: string;
  locale?: string | undefined;
}

export interface CreatedPayment {
  providerOrderId: string;
  providerRef: Record<string, string>;
  providerState: string;
  state: PaymentState;
  redirectUrl: string;
}

/** What the provider says about a payment, already normalized. */
export interface ProviderStatus {
  providerState: string;
  state: PaymentState;
  /** What the provider says it charged, in minor units; checked against the payment. */
  amount: number;
  currency: string;
  failure: { code: FailureCode; reason: string | null } | null;
}

/** A callback tells us which payment to re-read; it never carries the result itself for unsigned providers. */
export interface CallbackTrigger {
  providerOrderId: string | null;
  merchantReference: string | null;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  readonly displayName: string;
  /** Origins of hosted pages this provider may send the shopper to. */
  readonly redirectOrigins: string[];
  /** Currencies this acquirer takes for card payments. */
  readonly currencies: string[];
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  fetchStatus(payment: PaymentRecord): Promise<ProviderStatus>;
  parseCallback(body: unknown): CallbackTrigger | null;
}
