// A next action handler gets the action and a narrow view of the element it may drive.
import type { NextAction, OtpAction, PaymentView, SessionView } from '@pay-checkout/protocol';
import type { CheckoutErrorCode } from '../controllers/api-client.js';

export interface ActionHost {
  readonly session: SessionView;
  readonly payment: PaymentView;
  /** Shows "Redirecting you to …" and leaves the page. */
  redirect(url: string, providerName: string): Promise<void>;
  /** Processing state; reads the payment until it is final. */
  poll(firstDelayMs?: number): void;
  /** Processing state; follows the payment's live updates (polling when they are unavailable). */
  await(firstPollDelayMs: number): void;
  /** The SMS code step, or its update with the verdict on the last code. */
  otp(action: OtpAction): void;
  /** Error state. */
  fail(code: CheckoutErrorCode): void;
}

export type ActionHandler<A extends NextAction = NextAction> = (action: A, host: ActionHost) => void | Promise<void>;
