import type { PitechCallbackRecord } from './types.js';

// Sends callbacks after a delay, off the request path. Failures are recorded, never thrown:
// a merchant endpoint that is down must not crash the sandbox.

export interface CallbackSender {
  send(url: string, makeBody: () => Record<string, unknown>): void;
  records(): PitechCallbackRecord[];
  /** Resolves when every scheduled callback has been delivered or has failed. */
  idle(): Promise<void>;
  reset(): void;
}

export function createCallbackSender(fetchFn: () => typeof fetch, delayMs: number): CallbackSender {
  const log: PitechCallbackRecord[] = [];
  const pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  const inflight = new Set<Promise<void>>();

  function send(url: string, makeBody: () => Record<string, unknown>): void {
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    inflight.add(finished);
    void finished.then(() => inflight.delete(finished));
    const timer = setTimeout(async () => {
      pending.delete(timer);
      // The body is built at send time so eventTime is the delivery time.
      const record: PitechCallbackRecord = { url, body: makeBody() };
      log.push(record);
      try {
        const res = await fetchFn()(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(record.body),
        });
        record.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
      } finally {
        done();
      }
    }, delayMs);
    pending.set(timer, done);
  }

  return {
    send,
    records: () => log.map((r) => structuredClone(r)),
    async idle() {
      while (inflight.size) await Promise.all([...inflight]);
    },
    reset() {
      for (const [timer, done] of pending) {
        clearTimeout(timer);
        done();
      }
      pending.clear();
      log.length = 0;
    },
  };
}
