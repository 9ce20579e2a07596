import { createDeliveryQueue } from '../delivery-queue.js';
import type { MonetixCallbackRecord } from './types.js';

// Monetix callbacks go to the callback URL configured for the project, in order: the spurious
// decline after a resend must reach the merchant before the clarification that follows it.

export interface CallbackQueue {
  send(url: string | undefined, body: Record<string, unknown>): void;
  records(): MonetixCallbackRecord[];
  idle(): Promise<void>;
  reset(): void;
}

export function createCallbackQueue(fetchFn: () => typeof fetch, delayMs: number): CallbackQueue {
  const queue = createDeliveryQueue<MonetixCallbackRecord>(fetchFn, delayMs, (record) =>
    record.url ? { headers: {}, body: JSON.stringify(record.body) } : { error: 'callbackUrl is not configured' },
  );
  return {
    send: (url, body) => queue.enqueue({ url: url ?? '', body }),
    records: queue.records,
    idle: queue.idle,
    reset: queue.reset,
  };
}
