import type { MonetixCallbackRecord } from './types.js';

// Delivers callbacks one after another, in the order they were produced: the spurious decline
// after a resend must reach the merchant before the clarification that follows it. Failures
// are recorded, never thrown; a merchant that hangs is given up on after 10 s.

export interface CallbackQueue {
  send(url: string | undefined, body: Record<string, unknown>): void;
  records(): MonetixCallbackRecord[];
  idle(): Promise<void>;
  reset(): void;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export function createCallbackQueue(fetchFn: () => typeof fetch, delayMs: number): CallbackQueue {
  const log: MonetixCallbackRecord[] = [];
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

  async function deliver(record: MonetixCallbackRecord): Promise<void> {
    if (!record.url) {
      record.error = 'callbackUrl is not configured';
      return;
    }
    try {
      const res = await fetchFn()(record.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(record.body),
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
      tail = tail.then(async () => {
        // Off the request path even with no delay: the synchronous answer goes first.
        await wait(delayMs);
        if (gen !== generation) return; // cancelled by reset()
        const record: MonetixCallbackRecord = { url: url ?? '', body };
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
