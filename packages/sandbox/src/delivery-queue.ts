// Notifications the simulators send to the merchant (callbacks, webhooks): delivered one after
// another in the order produced and off the request path, so the synchronous answer or redirect
// goes first and an ordered series (a spurious decline, then the code request) arrives in order.
// Failures are recorded, never thrown; a merchant that hangs is given up on after 10 s.

export interface Delivery {
  url: string;
  status?: number;
  error?: string;
}

export interface DeliveryQueue<R extends Delivery> {
  enqueue(record: R): void;
  records(): R[];
  idle(): Promise<void>;
  /** Forgets the log and cancels what has not been sent yet. */
  reset(): void;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export function createDeliveryQueue<R extends Delivery>(
  fetchFn: () => typeof fetch,
  delayMs: number,
  /** The request for a record, or why it cannot be sent. */
  toRequest: (record: R) => { headers: Record<string, string>; body: string } | { error: string },
): DeliveryQueue<R> {
  const log: R[] = [];
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

  async function deliver(record: R): Promise<void> {
    const request = toRequest(record);
    if ('error' in request) {
      record.error = request.error;
      return;
    }
    try {
      const res = await fetchFn()(record.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
  }

  return {
    enqueue(record) {
      const gen = generation;
      tail = tail.then(async () => {
        await wait(delayMs);
        if (gen !== generation) return; // cancelled by reset()
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
