// Payment model of the Monetix simulator. Status strings are the platform's own
// (monetix-signature.md lists them; the callbacks in monetix-mobile-commerce-kz.txt use them).
export type MonetixPaymentStatus = 'awaiting clarification' | 'success' | 'decline' | 'refunded' | 'partially refunded';
export type MonetixOperationStatus = 'awaiting clarification' | 'success' | 'decline';

export interface MonetixOperator {
  id: string;
  name: string;
}

export interface MonetixOperation {
  /** operation.id in callbacks: one counter per simulator. */
  id: number;
  type: 'sale' | 'refund';
  status: MonetixOperationStatus;
  /** request_id of the Gate request (or page submit) that started the operation. */
  requestId: string;
  amount: number;
  currency: string;
  code: string;
  message: string;
  createdAt: number;
  updatedAt: number;
}

export interface MonetixPayment {
  /** The merchant's payment_id. */
  id: string;
  projectId: number;
  /** `gate`: clarification callbacks go to the merchant; `payment_page`: the page asks for the code. */
  source: 'gate' | 'payment_page';
  customer: { id: string; ip_address?: string; first_name?: string; last_name?: string; email?: string };
  /** type is the operator id (ALTEL, KCELL, ...). */
  account: { number: string; type: string };
  amount: number;
  currency: string;
  description: string;
  status: MonetixPaymentStatus;
  refundedAmount: number;
  /** The code that currently works; replaced on resend. */
  otp?: { code: string; issuedAt: number };
  resends: number;
  provider: { id: number; payment_id: string; auth_code: string };
  /** The sale first, then refunds. */
  operations: MonetixOperation[];
  createdAt: number;
  updatedAt: number;
  /** Payment Page only: merchant_success_url / merchant_fail_url. */
  returnUrls?: { success?: string; fail?: string };
}

export interface MonetixSms {
  number: string;
  text: string;
  paymentId: string;
  /** ISO 8601. */
  sentAt: string;
}

export interface MonetixCallbackRecord {
  url: string;
  body: Record<string, unknown>;
  /** HTTP status of the merchant's answer, or `error` when it failed or no callbackUrl is set. */
  status?: number;
  error?: string;
}
