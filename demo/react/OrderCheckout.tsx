// React 19 example: <pay-checkout> used directly in JSX, its outcome lifted into plain callbacks.
/// <reference path="./pay-checkout-jsx.d.ts" />
// The automatic runtime is named here so the file builds the same under any tool's jsx default.
/** @jsxRuntime automatic @jsxImportSource react */
// A client component (Next.js and similar): it attaches event listeners, which exist only in the browser.
'use client';
import { useEffect, useRef } from 'react';
// Registers <pay-checkout> in the browser; on the server the import is inert.
import '@pay-checkout/element';
import type {
  PayCheckout,
  PayCheckoutEventDetails,
  PayCheckoutFailureEvent,
  PayCheckoutSuccessEvent,
} from '@pay-checkout/element';

export type Payment = PayCheckoutEventDetails['pay-checkout-success']['payment'];

export interface OrderCheckoutProps {
  /** Where the companion router is mounted, e.g. `/api/pay`. */
  endpoint: string;
  /** The session's client secret, handed over by the merchant backend. */
  clientSecret: string;
  lang?: 'kk' | 'ru' | 'en' | 'az';
  theme?: 'light' | 'dark';
  onPaid?: (payment: Payment) => void;
  onFailed?: (payment: Payment) => void;
}

export function OrderCheckout({ endpoint, clientSecret, lang, theme, onPaid, onFailed }: OrderCheckoutProps) {
  const checkout = useRef<PayCheckout>(null);

  // Listeners go on in an effect rather than as `onpay-checkout-*` props: React 19 attaches those props
  // on a client render but not when it hydrates server markup, so after SSR they would miss events.
  useEffect(() => {
    const element = checkout.current;
    if (!element) return;
    const paid = (event: PayCheckoutSuccessEvent) => onPaid?.(event.detail.payment);
    const failed = (event: PayCheckoutFailureEvent) => onFailed?.(event.detail.payment);
    element.addEventListener('pay-checkout-success', paid);
    element.addEventListener('pay-checkout-failure', failed);
    return () => {
      element.removeEventListener('pay-checkout-success', paid);
      element.removeEventListener('pay-checkout-failure', failed);
    };
  }, [onPaid, onFailed]);

  // Strings only, so server markup carries all of them as attributes.
  return <pay-checkout ref={checkout} endpoint={endpoint} client-secret={clientSecret} lang={lang} theme={theme} />;
}
