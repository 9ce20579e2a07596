import type { MonetixPayment } from './types.js';

// In-memory payments by payment_id (unique within the project), and the operation counter.

export interface PaymentStore {
  get(id: string): MonetixPayment | undefined;
  add(payment: MonetixPayment): void;
  all(): MonetixPayment[];
  nextOperationId(): number;
  reset(): void;
}

export function createPaymentStore(): PaymentStore {
  const payments = new Map<string, MonetixPayment>();
  let operationId = 1;
  return {
    get: (id) => payments.get(id),
    add: (payment) => void payments.set(payment.id, payment),
    all: () => [...payments.values()],
    nextOperationId: () => operationId++,
    reset() {
      payments.clear();
      operationId = 1;
    },
  };
}
