import { createHmac } from 'node:crypto';
import type { PaytechWebhookRecord } from './types.js';

// Delivers webhooks in the order they were produced, off the request path. Each carries
// `Signature`: hex HMAC-SHA256 of the exact bytes sent, keyed with the shop's signing key.
// Failures are recorded, never thrown; a merchant that hangs is given up on after 10 s.

export interface WebhookSender {
  send(url: string, body: Record<string, unknown>): void;
  records(): PaytechWebhookRecord[];
  idle(): Promise<void>;
  reset(): void;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export function signWebhook(rawBody: string, signingKey: string): string {
  return createHmac('sha256', signingKey).update(rawBody, 'utf8').digest('hex');
}

export function createWebhookSender(fetchFn: () => typeof fetch, signingKey: string, delayMs: number): WebhookSender {
  const log: PaytechWebhookRecord[] = [];
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  let tail = Promise.resolve();
  let generation = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  async function deliver(record: PaytechWebhookRecord): Promise<void> {
    try {
      const res = await fetchFn()(record.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', signature: record.signature },
        body: record.rawBody,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
  }

  return {
    send(url, body) {
      const gen = generation;
      const rawBody = JSON.stringify(body);
      tail = tail.then(async () => {
        // Even with no delay, the API answer or the redirect goes out first.
        await wait(delayMs);
        if (gen !== generation) return; // cancelled by reset()
        const record: PaytechWebhookRecord = { url, body, rawBody, signature: signWebhook(rawBody, signingKey) };
        log.push(record);
        await deliver(record);
      });
    },
    records: () => log.map((r) => structuredClone(r)),
    async idle() {
      let seen: Promise<void>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
    reset() {
      generation++;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      log.length = 0;
    },
  };
}
