// Public entry: the element class, its types, and the registration of <pay-checkout>.
// Importing this in Node (SSR, tests) must not touch the DOM, hence the guard around define().
import { PayCheckout } from './pay-checkout.js';

export { PayCheckout, type CheckoutState } from './pay-checkout.js';
export type * from './events.js';
export type { CheckoutErrorCode, ClientErrorCode } from './controllers/api-client.js';
export { ApiError } from './controllers/api-client.js';
export type { PollOptions } from './controllers/poller.js';
export type { Clock } from './controllers/countdown.js';
export type { PaymentMethod, MethodContext, MethodHost } from './methods/types.js';

if (typeof customElements !== 'undefined' && !customElements.get('pay-checkout')) {
  customElements.define('pay-checkout', PayCheckout);
}
