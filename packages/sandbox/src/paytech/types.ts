// Payment model of the pay.tech simulator. Field names follow the gateway document.
import type { SimErrorCode } from './error-codes.js';

export type PaytechState = 'CHECKOUT' | 'PENDING' | 'AUTHORIZED' | 'CANCELLED' | 'DECLINED' | 'COMPLETED';
export type PaytechPaymentType = 'DEPOSIT' | 'WITHDRAWAL' | 'REFUND';

/**
 * The Card object of a WITHDRAWAL to a card. The document names the object (for PCI DSS compliant
 * merchants) without its fields; the names are those of pay.tech's public API reference.
 */
export interface PaytechRequestCard {
  cardNumber: string;
  cardholderName?: string;
  expiryMonth?: string;
  expiryYear?: string;
}

/** The accepted Create payment body (unknown fields dropped). */
export interface PaytechPaymentRequest {
  referenceId?: string;
  paymentType: PaytechPaymentType;
  paymentMethod?: string;
  amount?: number;
  currency: string;
  parentPaymentId?: string;
  description?: string;
  customer?: Record<string, unknown>;
  card?: PaytechRequestCard;
  billingAddress?: Record<string, unknown>;
  returnUrl?: string;
  webhookUrl?: string;
  startRecurring?: boolean;
  preAuth?: boolean;
  recurringToken?: string;
  subscription?: Record<string, unknown>;
  additionalParameters?: Record<string, unknown>;
}

/** PaymentMethodDetails of a card payment, once the shopper entered a card. */
export interface PaytechCardDetails {
  customerAccountNumber: string;
  cardholderName: string;
  cardExpiryMonth: string;
  cardExpiryYear: string;
  cardBrand: string;
}

export interface PaytechOperationRecord {
  id: number;
  /** The document's Operation names: CREATE_PAYMENT, CHECKOUT, CONFIRMATION, DEPOSIT, CAPTURE, VOID, ... */
  operation: string;
  started: number;
  completed: number;
  paymentState: PaytechState;
}

export interface PaytechPayment {
  id: string;
  paymentType: PaytechPaymentType;
  state: PaytechState;
  request: PaytechPaymentRequest;
  /**
   * Amount of the payment (refunds: what was asked or, absent, what was left to refund). A deposit
   * created without one (amount is optional in the document) has none until the shopper enters it.
   */
  amount?: number;
  currency: string;
  paymentMethod: string;
  created: number;
  updated: number;
  errorCode?: string;
  errorMessage?: string;
  externalResultCode?: string;
  card?: PaytechCardDetails;
  /** Waiting on the 3-D Secure page: what the card does once the shopper confirms. */
  threeDs?: { outcome: 'success' | 'declined'; errorCode?: SimErrorCode; externalResultCode?: string };
  /** Issued once a deposit that started a recurring chain was paid (Find payment shows it). */
  recurringToken?: string;
  capturedAmount?: number;
  /** Deposits: the sum of COMPLETED refunds. */
  refundedAmount: number;
  operations: PaytechOperationRecord[];
}

export interface PaytechWebhookRecord {
  url: string;
  body: Record<string, unknown>;
  /** The exact bytes POSTed, which the Signature header signs. */
  rawBody: string;
  signature: string;
  /** HTTP status of the merchant's answer, or `error` if it failed. */
  status?: number;
  error?: string;
}

/** States pay.tech sends a webhook for ("a final state"). */
export const WEBHOOK_STATES: ReadonlySet<PaytechState> = new Set(['COMPLETED', 'DECLINED', 'CANCELLED', 'AUTHORIZED']);
