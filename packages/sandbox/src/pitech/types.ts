// Order model of the PITECH simulator. Field names follow the spec.
import type { PitechTestOutcome } from './test-cards.js';

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

/** Filled once a card has been submitted on the hosted page, or a saved card charged. */
export interface PitechPaymentResult {
  card: PitechCard;
  /** Token the callback reports in cardsId when the merchant sent none. */
  cardsId: string;
  /** A saved card charged by its token without 3-D Secure (tokens/charge, tokens/auth). */
  frictionless?: true;
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
  /** Created by tokens/charge or tokens/auth: the saved card request.cardsId is charged, with no card form. */
  viaToken?: true;
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

/** Section 4.2's card states. */
export type PitechCardState = 'ACTIVE' | 'INACTIVE' | 'DELETED';

/** A customer's saved card. The number itself is not kept: only its mask and what charging it does. */
export interface PitechSavedCard {
  cardsId: string;
  extClientRef: string;
  clientsId: number;
  maskedPan: string;
  holderName: string;
  issuer: string;
  state: PitechCardState;
  confirmed: boolean;
  createdAt: number;
  updatedAt: number;
  /** The sandbox outcome of the test card it was saved from; any other number declines. */
  outcome: PitechTestOutcome;
  message: string;
}

/** A card the simulator starts with (option `savedCards`), as if saved through cards/save. */
export interface PitechSavedCardSeed {
  /** The customer's id in the merchant's system. */
  extClientRef: string;
  /** A Luhn-valid number; PITECH_TEST_CARDS decide what charging it does, any other declines. */
  number: string;
  /** Default "NAME NAME", as in the document's examples. */
  holderName?: string;
  /** Default ACTIVE and confirmed: a card PITECH charges. */
  state?: Exclude<PitechCardState, 'DELETED'>;
  confirmed?: boolean;
}

/** The accepted body of cards/save (4.1), defaults applied. */
export interface PitechSaveCardRequest {
  extClientRef: string;
  amount: number;
  currency: string;
  successReturnUrl: string;
  errorReturnUrl: string;
}

/** A SAVE_CARD order (4.1): its hosted page saves the card entered. Named orderId, as the document prints it. */
export interface PitechSaveCardOrder {
  orderId: string;
  uuid: string;
  orderDate: string;
  state: PitechState;
  clientsId: number;
  request: PitechSaveCardRequest;
  createdAt: number;
  stateChangedAt: number;
  /** The card saved, once the page succeeded. */
  cardsId?: string;
  message?: string;
}
