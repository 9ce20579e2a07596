// In-process notifications of payment changes, for live updates (Server-Sent Events) to the element.
import { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';
import type { PaymentRecord, Store } from '../store/types.js';

export class PaymentEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open checkout page; the default cap of 10 is for leak detection, not a limit here.
    this.emitter.setMaxListeners(0);
  }

  emit(payment: PaymentRecord): void {
    this.emitter.emit(payment.sessionId, payment);
  }

  subscribe(sessionId: string, listener: (payment: PaymentRecord) => void): () => void {
    this.emitter.on(sessionId, listener);
    return () => this.emitter.off(sessionId, listener);
  }
}

/**
 * Passes payments other server processes write on a shared store (PostgreSQL) to this process's
 * listeners, so live updates see them at once; the returned function stops it.
 */
export function followOtherInstances(events: PaymentEvents, store: Store, logger: Logger): () => Promise<void> {
  if (!store.watchPayments) return async () => undefined;
  const emitStored = async (paymentId: string) => {
    const payment = await store.getPayment(paymentId);
    if (payment) events.emit(payment);
  };
  const watching = store
    .watchPayments((change) => {
      emitStored(change.paymentId).catch((error: Error) => logger.warn('events.remote_read_failed', { message: error.message }));
    })
    .catch((error: Error) => {
      logger.warn('events.listen_failed', { message: error.message });
      return null;
    });
  return async () => {
    await (await watching)?.();
  };
}
