// The app around the Vue example. Vue resolves unknown tags as components unless told otherwise: it
// warns, and server rendering drops the tag. So <pay-checkout> is declared a custom element here.
import { createSSRApp, type App } from 'vue';
import { OrderCheckout, type OrderCheckoutProps, type Payment } from './OrderCheckout.js';

export const isCustomElement = (tag: string): boolean => tag === 'pay-checkout';

export interface OrderCheckoutListeners {
  onPaid?: (payment: Payment) => void;
  onFailed?: (payment: Payment) => void;
}

/** Renders on the server (renderToString) and hydrates in the browser (app.mount). */
export function createOrderCheckoutApp(props: OrderCheckoutProps & OrderCheckoutListeners): App {
  const app = createSSRApp(OrderCheckout, { ...props });
  // Read by the runtime template compiler; with single-file components set it in the build plugin instead.
  app.config.compilerOptions.isCustomElement = isCustomElement;
  return app;
}
