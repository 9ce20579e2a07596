// Next action type -> handler (adyen-web style). A new action type adds a file and a line.
import type { NextAction } from '@pay-checkout/protocol';
import type { ActionHandler, ActionHost } from './types.js';
import { handleRedirect } from './redirect.js';
import { handleAwait } from './await.js';
import { handleOtp } from './otp.js';

const actionHandlers: { [T in NextAction['type']]: ActionHandler<Extract<NextAction, { type: T }>> } = {
  redirect: handleRedirect,
  await: handleAwait,
  otp: handleOtp,
};

export function runAction(action: NextAction, host: ActionHost): void | Promise<void> {
  const handler = actionHandlers[action.type] as ActionHandler | undefined;
  // An action newer than this bundle: polling still reaches the final state.
  if (!handler) return host.poll();
  return handler(action, host);
}
