import { errorOf } from './error-codes.js';
import { newPaymentId } from './format.js';
import type { PaytechOperationRecord, PaytechPayment, PaytechPaymentRequest, PaytechState } from './types.js';

// In-memory payments. Timeouts are applied lazily whenever a payment is read: a checkout left
// alone is CANCELLED (1.04), a 3-D Secure step left alone is DECLINED (5.01).

export interface PaymentStore {
  create(request: PaytechPaymentRequest, amount: number | undefined): PaytechPayment;
  get(id: string): PaytechPayment | undefined;
  all(): PaytechPayment[];
  /** Moves the payment, logs the operation, and tells the listener (webhooks). */
  transition(payment: PaytechPayment, operation: string, state: PaytechState, error?: { errorCode: string; errorMessage: string }): void;
  reset(): void;
}

export interface StoreTimeouts {
  checkoutTtlMs: number;
  threeDsTtlMs: number;
}

export function createPaymentStore(now: () => number, timeouts: StoreTimeouts, onChange: (payment: PaytechPayment) => void): PaymentStore {
  const payments = new Map<string, PaytechPayment>();
  let operationSeq = 1000;

  const log = (payment: PaytechPayment, operation: string, at: number) => {
    const entry: PaytechOperationRecord = { id: ++operationSeq, operation, started: at, completed: at, paymentState: payment.state };
    payment.operations.push(entry);
  };

  const transition: PaymentStore['transition'] = (payment, operation, state, error) => {
    payment.state = state;
    payment.updated = now();
    if (error) Object.assign(payment, error);
    log(payment, operation, payment.updated);
    onChange(payment);
  };

  const timeOut = (payment: PaytechPayment) => {
    const idle = now() - payment.updated;
    if (payment.state === 'CHECKOUT' && payment.paymentType === 'DEPOSIT' && idle >= timeouts.checkoutTtlMs) {
      transition(payment, 'CANCEL', 'CANCELLED', errorOf('1.04'));
    } else if (payment.state === 'PENDING' && payment.threeDs && idle >= timeouts.threeDsTtlMs) {
      delete payment.threeDs;
      transition(payment, 'CONFIRMATION', 'DECLINED', errorOf('5.01'));
    }
    return payment;
  };

  return {
    create(request, amount) {
      let id: string;
      do id = newPaymentId();
      while (payments.has(id));
      const t = now();
      const payment: PaytechPayment = {
        id,
        paymentType: request.paymentType,
        state: 'CHECKOUT',
        request,
        ...(amount === undefined ? {} : { amount }),
        currency: request.currency,
        paymentMethod: request.paymentMethod ?? 'BASIC_CARD',
        created: t,
        updated: t,
        refundedAmount: 0,
        operations: [],
      };
      log(payment, 'CREATE_PAYMENT', t);
      payments.set(id, payment);
      return payment;
    },
    get: (id) => {
      const payment = payments.get(id);
      return payment && timeOut(payment);
    },
    all: () => [...payments.values()].map(timeOut),
    transition,
    reset: () => payments.clear(),
  };
}
