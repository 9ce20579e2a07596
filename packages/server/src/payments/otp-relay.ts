// The shopper's SMS code and resend requests, relayed to the provider within our own limits:
// at most `maxWrongCodes` wrong codes, resends only after the cooldown and at most `maxResends`.
// Past a limit: 429 and no provider call.
import { SubmitOtpRequest } from '@pay-checkout/protocol';
import type { PaymentView } from '@pay-checkout/protocol';
import { ApiError } from '../http/errors.js';
import { ProviderError } from '../providers/http.js';
import type { PaymentRecord, SessionRecord } from '../store/types.js';
import { codeResent, codeSubmitted, tooManyWrongCodes } from './otp.js';
import type { CheckoutService } from './service.js';
import { isSettled } from './transitions.js';

export async function submitOtp(service: CheckoutService, session: SessionRecord, paymentId: string, body: unknown): Promise<PaymentView> {
  const parsed = SubmitOtpRequest.safeParse(body);
  if (!parsed.success) throw ApiError.invalid(parsed.error);
  const context = await otpContext(service, session, paymentId);
  const { adapter, rules } = context;
  let { payment } = context;
  // The texted code can reach the shopper before the provider's request for it reaches us (a late or
  // lost callback): before refusing a first code, ask the provider where the payment stands.
  if (!payment.otp!.awaiting && !payment.otp!.submittedAt && !isSettled(payment.state)) payment = await service.syncPayment(payment, true);
  const otp = payment.otp!;
  if (tooManyWrongCodes(otp, rules)) throw new ApiError(429, 'too_many_attempts', 'Too many wrong codes for this payment');
  if (!otp.awaiting || !adapter.submitOtp) throw new ApiError(409, 'otp_not_expected', 'No code is expected for this payment now');

  const now = service.now().toISOString();
  // Claim the step first (compare-and-set), so a double submit relays one code, not two.
  const claimed = await service.save({ ...payment, state: 'processing', otp: codeSubmitted(otp, now), updatedAt: now });
  if (!claimed) throw new ApiError(409, 'otp_not_expected', 'This code step was already answered');
  try {
    await adapter.submitOtp(claimed, parsed.data.code);
  } catch (error) {
    await restore(service, claimed, payment);
    throw providerFailure(error);
  }
  service.logger.info('otp.submitted', { paymentId });
  return service.view(claimed);
}

export async function resendOtp(service: CheckoutService, session: SessionRecord, paymentId: string, clientIp: string): Promise<PaymentView> {
  const { payment, adapter, rules } = await otpContext(service, session, paymentId);
  const otp = payment.otp!;
  if (!otp.awaiting || !adapter.resendOtp) throw new ApiError(409, 'otp_not_expected', 'No code is expected for this payment now');
  if (otp.resends >= rules.maxResends) throw new ApiError(429, 'resend_limit_reached', 'No more codes can be sent for this payment');
  const now = service.now();
  if (otp.resendAvailableAt && now.getTime() < Date.parse(otp.resendAvailableAt)) {
    throw new ApiError(429, 'resend_not_available', 'A new code can be sent a little later', { resendAvailableAt: otp.resendAvailableAt });
  }
  const claimed = await service.save({ ...payment, otp: codeResent(otp, now.toISOString(), rules), updatedAt: now.toISOString() });
  if (!claimed) throw new ApiError(409, 'otp_not_expected', 'The code step changed; try again');
  try {
    await adapter.resendOtp(claimed, clientIp);
  } catch (error) {
    await restore(service, claimed, payment);
    throw providerFailure(error);
  }
  service.logger.info('otp.resent', { paymentId, resends: claimed.otp?.resends });
  return service.view(claimed);
}

/**
 * The shopper wants another number: drop the attempt waiting for its code. Only while no code is with
 * the provider, and only for payments that cannot complete without our relay (Gate mode): then no
 * money can move on the dropped attempt.
 */
export async function cancelWaitingPayment(service: CheckoutService, session: SessionRecord, paymentId: string): Promise<PaymentView> {
  const payment = await service.getPaymentRecord(paymentId, session.id);
  const waiting = payment.otp && !payment.otp.submittedAt && !payment.redirectUrl && !isSettled(payment.state);
  if (!waiting) throw new ApiError(409, 'payment_not_cancelable', 'Only a payment waiting for its SMS code can be cancelled');
  const now = service.now().toISOString();
  const canceled = await service.save({ ...payment, state: 'canceled', otp: { ...payment.otp!, awaiting: false }, updatedAt: now });
  if (!canceled) throw new ApiError(409, 'payment_not_cancelable', 'The payment changed; try again');
  service.logger.info('payment.canceled_by_shopper', { paymentId });
  return service.view(canceled);
}

async function otpContext(service: CheckoutService, session: SessionRecord, paymentId: string) {
  const payment = await service.getPaymentRecord(paymentId, session.id);
  const adapter = service.adapter(payment.provider);
  const rules = service.otpRules;
  if (!payment.otp || !adapter || !rules || isSettled(payment.state)) {
    throw new ApiError(409, 'otp_not_expected', 'No code is expected for this payment');
  }
  return { payment, adapter, rules };
}

/** The provider did not take the request: put the step back as it was, so the shopper can try again. */
async function restore(service: CheckoutService, claimed: PaymentRecord, before: PaymentRecord): Promise<void> {
  await service.save({ ...claimed, state: before.state, otp: before.otp, updatedAt: service.now().toISOString() });
}

function providerFailure(error: unknown): ApiError {
  if (!(error instanceof ProviderError)) throw error;
  return error.kind === 'rejected'
    ? new ApiError(502, 'provider_error', 'The payment provider refused the request')
    : new ApiError(503, 'provider_unavailable', 'The payment provider is not reachable; try again');
}
