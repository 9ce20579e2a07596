// Provider notifications. Unsigned ones (PITECH) only trigger a read of the provider; signed ones
// (Monetix) are verified first and then applied, except around an SMS-code resend, when the
// provider itself warns their statuses may be wrong and we read its status instead.
import { ApiError } from '../http/errors.js';
import type { ProviderId } from '@pay-checkout/protocol';
import type { CallbackRequest } from '../providers/types.js';
import type { PaymentRecord } from '../store/types.js';
import { distrustsCallbacks } from './otp.js';
import type { CheckoutService } from './service.js';

export async function handleCallback(service: CheckoutService, provider: string, body: unknown, request: CallbackRequest): Promise<void> {
  const adapter = service.adapter(provider as ProviderId);
  if (!adapter) throw new ApiError(404, 'not_found', 'No such provider');
  const result = adapter.handleCallback(body, request);
  if (!result) throw new ApiError(400, 'invalid_request', 'The callback does not name a payment');
  if (result.kind === 'rejected') {
    service.logger.warn('callback.rejected', { provider: adapter.id, reason: result.reason });
    throw new ApiError(401, 'invalid_signature', 'The callback signature is missing or wrong');
  }

  let payment: PaymentRecord | null = null;
  if (result.kind === 'trigger' && result.providerOrderId) {
    payment = await service.store.findPaymentByProviderOrder(adapter.id, result.providerOrderId);
  }
  const reference = result.kind === 'trigger' ? result.merchantReference : result.merchantReference;
  if (!payment && reference) {
    const candidate = await service.store.getPayment(reference);
    if (candidate?.provider === adapter.id) payment = candidate;
  }
  if (!payment) throw new ApiError(404, 'payment_not_found', 'No payment matches this callback');
  service.logger.info('callback.received', {
    provider: adapter.id,
    paymentId: payment.id,
    ...(result.kind === 'status' ? { providerState: result.status.providerState } : {}),
  });

  if (result.kind === 'trigger') {
    await service.syncPayment(payment, true);
    return;
  }
  if (!result.status.otpRequested && distrustsCallbacks(payment.otp, service.now().getTime())) {
    service.logger.info('callback.distrusted_after_resend', { paymentId: payment.id, providerState: result.status.providerState });
    await service.syncPayment(payment, true);
    return;
  }
  await service.applyStatus(payment, result.status);
}
