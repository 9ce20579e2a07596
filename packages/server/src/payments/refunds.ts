// Refunds through the Node API. The provider confirms later (Monetix: by callback), and the payment's
// state follows then; here we only check the amount and send the request.
import { ApiError } from '../http/errors.js';
import { ProviderError } from '../providers/http.js';
import type { CheckoutService } from './service.js';

export async function refundPayment(service: CheckoutService, paymentId: string, amount?: number): Promise<void> {
  const payment = await service.getPaymentRecord(paymentId);
  const adapter = service.adapter(payment.provider);
  if (!adapter?.refund) throw new ApiError(400, 'invalid_request', `${payment.provider} refunds are not supported`);
  if (payment.state !== 'succeeded' && payment.state !== 'partially_refunded') {
    throw new ApiError(409, 'invalid_request', `A ${payment.state} payment cannot be refunded`);
  }
  const refundable = payment.amount - payment.refundedAmount;
  const value = amount ?? refundable;
  if (!Number.isSafeInteger(value) || value <= 0 || value > refundable) {
    throw new ApiError(400, 'invalid_request', `The refund amount must be an integer from 1 to ${refundable} minor units`);
  }
  try {
    await adapter.refund(payment, value);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw new ApiError(error.kind === 'rejected' ? 502 : 503, error.kind === 'rejected' ? 'provider_error' : 'provider_unavailable', 'The refund was not accepted by the provider');
  }
  service.logger.info('refund.requested', { paymentId, amount: value });
}
