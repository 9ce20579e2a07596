// Order model of the PITECH simulator. Field names follow the spec.
export type PitechState =
  | 'NEW'
  | 'SUCCESS'
  | 'IN_3DS'
  | 'REFUND'
  | 'REVERSE'
  | 'ERROR'
  | 'TIMED_OUT'
  | 'WAIT_CVC'
  | 'AUTH_OK'
  | 'EXPIRED';

/** The accepted body of cards/charge and cards/auth (3.1 / 3.4.1). */
export interface PitechChargeRequest {
  amount: number;
  currency: string;
  description: string;
  extOrdersId: string;
  errorReturnUrl: string;
  successReturnUrl: string;
  callbackSuccessUrl?: string;
  callbackErrorUrl?: string;
  payload?: Record<string, unknown>;
  extClientRef?: string;
  extOrdersTime?: string;
  email?: string;
  shortenPaymentUrl?: boolean | string;
  cardsId?: string;
  template?: string;
}

export interface PitechCard {
  mask: string;
  owner: string;
  issuer: string;
}

/** Filled once a card has been submitted on the hosted page. */
export interface PitechPaymentResult {
  card: PitechCard;
  /** Token the callback reports in cardsId when the merchant sent none. */
  cardsId: string;
  bankReferenceId: string;
  bankReferenceTime: number;
  approvalCode?: string;
  paymentResponseCode?: string;
}

export interface PitechOrder {
  ordersId: string;
  uuid: string;
  orderDate: string;
  state: PitechState;
  /** true for cards/auth (AUTH_OK, then commit). */
  twoPhase: boolean;
  clientsId: number;
  request: PitechChargeRequest;
  createdAt: number;
  stateChangedAt: number;
  payment?: PitechPaymentResult;
  /** Reason of the last outcome, e.g. "Approved", "Not sufficient funds". */
  message?: string;
  committedAmount?: number;
  refundedAmount?: number;
}

export interface PitechCallbackRecord {
  url: string;
  body: Record<string, unknown>;
  /** HTTP status of the merchant's answer, or `error` if it failed. */
  status?: number;
  error?: string;
}

export const FINAL_STATES: ReadonlySet<PitechState> = new Set([
  'SUCCESS',
  'REFUND',
  'REVERSE',
  'ERROR',
  'TIMED_OUT',
  'EXPIRED',
]);
