import { createHmac } from 'node:crypto';
import { createDeliveryQueue } from '../delivery-queue.js';
import type { PaytechWebhookRecord } from './types.js';

// pay.tech webhooks, in order. Each carries `Signature`: hex HMAC-SHA256 of the exact bytes sent,
// keyed with the shop's signing key.

export interface WebhookSender {
  send(url: string, body: Record<string, unknown>): void;
  records(): PaytechWebhookRecord[];
  idle(): Promise<void>;
  reset(): void;
}

export function signWebhook(rawBody: string, signingKey: string): string {
  return createHmac('sha256', signingKey).update(rawBody, 'utf8').digest('hex');
}

export function createWebhookSender(fetchFn: () => typeof fetch, signingKey: string, delayMs: number): WebhookSender {
  const queue = createDeliveryQueue<PaytechWebhookRecord>(fetchFn, delayMs, (record) => ({
    headers: { signature: record.signature },
    body: record.rawBody,
  }));
  return {
    send(url, body) {
      const rawBody = JSON.stringify(body);
      queue.enqueue({ url, body, rawBody, signature: signWebhook(rawBody, signingKey) });
    },
    records: queue.records,
    idle: queue.idle,
    reset: queue.reset,
  };
}
