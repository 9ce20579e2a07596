// Nothing for the shopper to do: wait for the server to learn the outcome, reading the payment again
// first after the delay the server suggested.
import type { AwaitAction } from '@pay-checkout/protocol';
import type { ActionHandler } from './types.js';

export const handleAwait: ActionHandler<AwaitAction> = (action, host) => {
  host.poll(action.pollAfterMs);
};
