// Vue 3 example: <pay-checkout> in a template, its outcome re-emitted as `paid` / `failed`.
// The template is compiled at runtime, so the app must mark <pay-checkout> as a custom element (see app.ts).
import { defineComponent, type PropType } from 'vue';
// Registers <pay-checkout> in the browser; on the server the import is inert.
import '@pay-checkout/element';
import type { PayCheckoutEventDetails } from '@pay-checkout/element';

export type Payment = PayCheckoutEventDetails['pay-checkout-success']['payment'];

export interface OrderCheckoutProps {
  endpoint: string;
  clientSecret: string;
  lang?: 'kk' | 'ru' | 'en' | 'az';
  theme?: 'light' | 'dark';
}

export const OrderCheckout = defineComponent({
  name: 'OrderCheckout',
  props: {
    /** Where the companion router is mounted, e.g. `/api/pay`. */
    endpoint: { type: String, required: true },
    /** The session's client secret, handed over by the merchant backend. */
    clientSecret: { type: String, required: true },
    lang: { type: String as PropType<OrderCheckoutProps['lang']> },
    theme: { type: String as PropType<OrderCheckoutProps['theme']> },
  },
  emits: {
    paid: (_payment: Payment) => true,
    failed: (_payment: Payment) => true,
  },
  // Unset lang/theme are dropped by Vue, so the element keeps its own defaults.
  template: `
    <pay-checkout
      :endpoint="endpoint"
      :client-secret="clientSecret"
      :lang="lang"
      :theme="theme"
      @pay-checkout-success="$emit('paid', $event.detail.payment)"
      @pay-checkout-failure="$emit('failed', $event.detail.payment)"
    ></pay-checkout>`,
});
