// What a payment method contributes to the element: its entry in the picker, optional fields shown
// while it is selected, and the body it sends to POST /payments. Steps after that are next actions.
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { CreatePaymentRequest, MethodType, PaymentMethodOption, SessionView } from '@pay-checkout/protocol';
import type { Translate } from '../locales/msg.js';

/** The element, as a method's state sees it: re-render it, find rendered nodes, add controllers. */
export interface MethodHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface MethodContext<S = unknown> {
  /** The element: re-render it after a change of the method's own state. */
  host: MethodHost;
  option: PaymentMethodOption;
  session: SessionView;
  t: Translate;
  /** BCP 47 locale for the hosted page, when valid. */
  locale: string | undefined;
  /** True while the payment is being created: inputs are read-only. */
  busy: boolean;
  /** What createState returned (undefined for methods without inputs). */
  state: S;
}

export interface PaymentMethod<T extends MethodType = MethodType, S = unknown> {
  readonly type: T;
  /** State of the method's inputs, created on first use and kept until the session reloads, so going
   *  back from a later step finds the inputs as the shopper left them. */
  createState?(host: MethodHost, option: PaymentMethodOption, session: SessionView): S;
  /** The label inside the radio option. */
  renderOption(context: MethodContext<S>): TemplateResult;
  /** Shown under the picker while the method is selected (a hint, or inputs such as a phone number). */
  renderDetails?(context: MethodContext<S>): TemplateResult;
  /** False while the method's own inputs are incomplete; the Pay button stays disabled. */
  isReady?(context: MethodContext<S>): boolean;
  /** Runs when Pay is pressed; false stops the payment (the method shows why and moves focus). */
  validate?(context: MethodContext<S>): boolean;
  /** The POST /payments body. */
  createRequest(context: MethodContext<S>): CreatePaymentRequest & { method: T };
}
