// Events <pay-checkout> dispatches (all bubble and cross shadow roots) and their typed details.
import type { MethodType, PaymentView, ProviderId, SessionView } from '@pay-checkout/protocol';
import type { CheckoutErrorCode } from './controllers/api-client.js';

export interface PayCheckoutEventDetails {
  /** The session loaded (again). */
  'pay-checkout-ready': { session: SessionView };
  /** The shopper selected another method. */
  'pay-checkout-method-change': { method: MethodType; provider: ProviderId };
  /** The server verified the payment as succeeded (or authorized). */
  'pay-checkout-success': { payment: PaymentView };
  /** The payment ended failed, canceled or expired. */
  'pay-checkout-failure': { payment: PaymentView };
  /** The element entered its error state. */
  'pay-checkout-error': { code: CheckoutErrorCode; message: string };
}

export type PayCheckoutEventName = keyof PayCheckoutEventDetails;

export type PayCheckoutReadyEvent = CustomEvent<PayCheckoutEventDetails['pay-checkout-ready']>;
export type PayCheckoutMethodChangeEvent = CustomEvent<PayCheckoutEventDetails['pay-checkout-method-change']>;
export type PayCheckoutSuccessEvent = CustomEvent<PayCheckoutEventDetails['pay-checkout-success']>;
export type PayCheckoutFailureEvent = CustomEvent<PayCheckoutEventDetails['pay-checkout-failure']>;
export type PayCheckoutErrorEvent = CustomEvent<PayCheckoutEventDetails['pay-checkout-error']>;

declare global {
  interface HTMLElementEventMap {
    'pay-checkout-ready': PayCheckoutReadyEvent;
    'pay-checkout-method-change': PayCheckoutMethodChangeEvent;
    'pay-checkout-success': PayCheckoutSuccessEvent;
    'pay-checkout-failure': PayCheckoutFailureEvent;
    'pay-checkout-error': PayCheckoutErrorEvent;
  }
}
