// What a payment method contributes to the element: its entry in the picker, optional fields shown
// while it is selected, and the body it sends to POST /payments. Steps after that are next actions.
import type { TemplateResult } from 'lit';
import type { CreatePaymentRequest, MethodType, PaymentMethodOption } from '@pay-checkout/protocol';
import type { Translate } from '../locales/msg.js';

export interface MethodContext {
  option: PaymentMethodOption;
  t: Translate;
  /** BCP 47 locale for the hosted page, when valid. */
  locale: string | undefined;
}

export interface PaymentMethod<T extends MethodType = MethodType> {
  readonly type: T;
  /** The label inside the radio option. */
  renderOption(context: MethodContext): TemplateResult;
  /** Shown under the picker while the method is selected (a hint, or inputs such as a phone number). */
  renderDetails?(context: MethodContext): TemplateResult;
  /** False while the method's own inputs are incomplete; the Pay button stays disabled. */
  isReady?(context: MethodContext): boolean;
  /** The POST /payments body. */
  createRequest(context: MethodContext): CreatePaymentRequest & { method: T };
}
