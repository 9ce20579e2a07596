// In-process notifications of payment changes, for live updates (Server-Sent Events) to the element.
import { EventEmitter } from 'node:events';
import type { PaymentRecord } from '../store/types.js';

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
