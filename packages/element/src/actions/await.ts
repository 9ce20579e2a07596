// Nothing for the shopper to do: follow the payment until the server learns the outcome, over the
// live event stream, or by reading it again after the delay the server suggested.
import type { AwaitAction } from '@pay-checkout/protocol';
import type { ActionHandler } from './types.js';

export const handleAwait: ActionHandler<AwaitAction> = (action, host) => {
  host.await(action.pollAfterMs);
};
