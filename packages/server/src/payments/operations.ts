// Follow-up operations through the Node API: capture, cancel (void or reversal) and refund. The
// amount is checked before any provider call; the payment's state follows the provider's answer,
// now (Kapital Bank, pay.tech, PITECH) or by callback (Monetix).
import { ApiError } from '../http/errors.js';
import { ProviderError } from '../providers/http.js';
import type { ProviderStatus } from '../providers/types.js';
import { chargedAmount, type PaymentRecord } from '../store/types.js';
import type { CheckoutService } from './service.js';

type Operation = 'capture' | 'cancel' | 'refund';

const ALLOWED_FROM: Record<Operation, PaymentRecord['state'][]> = {
  capture: ['authorized'],
  cancel: ['authorized', 'succeeded'],
  refund: ['succeeded', 'partially_refunded'],
};

export async function runOperation(service: CheckoutService, operation: Operation, paymentId: string, amount?: number): Promise<PaymentRecord> {
  const payment = await service.getPaymentRecord(paymentId);
  const adapter = service.adapter(payment.provider);
  const call = adapter?.[operation];
  if (!adapter || !call) throw new ApiError(400, 'invalid_request', `${payment.provider} does not support ${operation}`);
  if (!ALLOWED_FROM[operation].includes(payment.state)) {
    throw new ApiError(409, 'invalid_request', `A ${payment.state} payment cannot be ${operation === 'cancel' ? 'canceled' : `${operation}d`}`);
  }
  const available =
    operation === 'refund' ? chargedAmount(payment) - payment.refundedAmount : operation === 'cancel' && payment.state === 'succeeded' ? chargedAmount(payment) : payment.amount;
  const value = amount ?? available;
  if (!Number.isSafeInteger(value) || value <= 0 || value > available) {
    throw new ApiError(400, 'invalid_request', `The ${operation} amount must be an integer from 1 to ${available} minor units`);
  }
  let status: ProviderStatus | null;
  try {
    status = await call.call(adapter, payment, value);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    service.logger.warn(`${operation}.failed`, { paymentId, kind: error.kind, message: error.message });
    throw error.kind === 'rejected'
      ? new ApiError(502, 'provider_error', `The provider refused the ${operation}${error.providerMessage ? `: ${error.providerMessage}` : ''}`)
      : new ApiError(503, 'provider_unavailable', `The provider is not reachable; the ${operation} may or may not have happened, check the payment`);
  }
  service.logger.info(`${operation}.requested`, { paymentId, amount: value });
  // A capture fixes what was charged, which later refunds are measured against.
  const current = operation === 'capture' ? { ...payment, capturedAmount: value } : payment;
  if (status) return service.applyStatus(current, status);
  return current === payment ? payment : ((await service.save(current)) ?? (await service.getPaymentRecord(paymentId)));
}
