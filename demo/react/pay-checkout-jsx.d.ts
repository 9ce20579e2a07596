// JSX typing for <pay-checkout> in React 19. React passes unknown props of a custom element through as
// attributes (or properties the element defines) and turns `on<event-name>` props into listeners,
// so the names below are the element's own attribute and event names.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  PayCheckout,
  PayCheckoutErrorEvent,
  PayCheckoutFailureEvent,
  PayCheckoutMethodChangeEvent,
  PayCheckoutReadyEvent,
  PayCheckoutSuccessEvent,
} from '@pay-checkout/element';

export interface PayCheckoutAttributes extends DetailedHTMLProps<HTMLAttributes<PayCheckout>, PayCheckout> {
  endpoint: string;
  'client-secret': string;
  lang?: 'kk' | 'ru' | 'en' | 'az' | undefined;
  theme?: 'light' | 'dark' | undefined;
  'onpay-checkout-ready'?: (event: PayCheckoutReadyEvent) => void;
  'onpay-checkout-method-change'?: (event: PayCheckoutMethodChangeEvent) => void;
  'onpay-checkout-success'?: (event: PayCheckoutSuccessEvent) => void;
  'onpay-checkout-failure'?: (event: PayCheckoutFailureEvent) => void;
  'onpay-checkout-error'?: (event: PayCheckoutErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'pay-checkout': PayCheckoutAttributes;
    }
  }
}
