// The SMS code step of Kazakh mobile commerce: show it (or update it with the verdict on the last
// code) and keep following the payment, whose next state comes from the operator.
import type { OtpAction } from '@pay-checkout/protocol';
import type { ActionHandler } from './types.js';

export const handleOtp: ActionHandler<OtpAction> = (action, host) => {
  host.otp(action);
};
