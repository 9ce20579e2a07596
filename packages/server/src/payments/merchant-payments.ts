// The merchant's reads of payments (API key): one payment with its operations and the provider's
// own record, and the newest-first list.
import type { MerchantPayment, PaymentList, PaymentListQuery } from '@pay-checkout/protocol';
import type { PaymentRecord } from '../store/types.js';
import type { CheckoutService } from './service.js';
import { operationView } from './views.js';

export async function merchantPayment(service: CheckoutService, stored: PaymentRecord): Promise<MerchantPayment> {
  const payment = await service.syncPayment(stored);
  const summary = await service.merchantSummary(payment);
  const operations = (await service.store.listOperations(payment.id)).map(operationView);
  const adapter = service.adapter(payment.provider);
  let providerOperations: Record<string, unknown>[] | null = null;
  if (adapter?.listOperations && payment.providerRef) {
    try {
      providerOperations = (await adapter.listOperations(payment)) as Record<string, unknown>[];
    } catch (error) {
      service.logger.warn('payment.provider_operations_unavailable', { paymentId: payment.id, message: (error as Error).message });
    }
  }
  return { ...summary, operations, providerOperations };
}

export async function listMerchantPayments(service: CheckoutService, query: PaymentListQuery): Promise<PaymentList> {
  // One more than asked for tells whether there is a next page.
  const rows = await service.store.listPayments({ limit: query.limit + 1, after: query.after, orderId: query.orderId });
  const page = rows.slice(0, query.limit);
  return {
    data: await Promise.all(page.map((payment) => service.merchantSummary(payment))),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
