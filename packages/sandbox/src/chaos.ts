// Faults a real provider shows on a bad day, for the simulators' API calls and their callbacks.
// Each API request draws one fate: answered (after some latency), a 5xx before anything happens,
// a hang past the client's timeout, a connection reset before anything happens, or a "lost
// response" (the request is carried out, then the connection drops, so the caller cannot know).
// Callbacks can be sent twice or held back so a later one overtakes them. A seed makes a run
// repeatable; the counters say what was injected so a test can show it was not vacuous.
import type { FetchHandler } from './express-bridge.js';

export interface ChaosSettings {
  /** Extra delay before each answer, drawn uniformly from [min, max] ms. */
  latencyMs?: [number, number];
  /** Share of requests answered 500/502/503 without being carried out. */
  errorRate?: number;
  /** Share of requests left hanging for `hangMs`, then dropped without being carried out. */
  timeoutRate?: number;
  /** Share of requests whose connection is reset before they are carried out. */
  resetRate?: number;
  /** Share of requests carried out whose answer is then lost (connection reset). */
  lostResponseRate?: number;
  /** How long a hanging request hangs; set it past the caller's timeout. */
  hangMs?: number;
  /** Share of callbacks delivered a second time, up to `callbackHoldMs` later. */
  duplicateCallbackRate?: number;
  /** Share of callbacks held back up to `callbackHoldMs`, so later ones arrive first. */
  reorderCallbackRate?: number;
  callbackHoldMs?: number;
  /** Which requests take part; by default every API call (hosted pages and their forms are spared). */
  appliesTo?: (request: Request) => boolean;
  seed?: number;
}

export type ChaosFate = 'answered' | 'error' | 'timeout' | 'reset' | 'lost_response';

export interface ChaosCounts extends Record<ChaosFate, number> {
  duplicatedCallbacks: number;
  reorderedCallbacks: number;
}

/** Thrown by a wrapped handler to say: drop the connection instead of answering. */
export class ChaosConnectionReset extends Error {
  constructor() {
    super('connection reset by sandbox chaos');
    this.name = 'ChaosConnectionReset';
  }
}

export interface Chaos {
  /** Replaces the settings (an empty object turns chaos off). */
  set(settings: ChaosSettings): void;
  counts(): ChaosCounts;
  /** The handler with faults injected in front of it. */
  wrap(handler: FetchHandler): FetchHandler;
  /** A fetch for sending callbacks that duplicates and reorders them. */
  callbackFetch(inner: () => typeof fetch): typeof fetch;
  /** Resolves when every held-back or duplicate callback has been sent. */
  idle(): Promise<void>;
}

/** A browser page or its form post: the shopper's side, not the merchant server's API call. */
export function isPageRequest(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const type = request.headers.get('content-type') ?? '';
  return accept.includes('text/html') || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/** mulberry32: small, fast, and the same sequence for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createChaos(initial: ChaosSettings = {}): Chaos {
  let settings = initial;
  let random = seeded(initial.seed ?? Date.now());
  const counts: ChaosCounts = { answered: 0, error: 0, timeout: 0, reset: 0, lost_response: 0, duplicatedCallbacks: 0, reorderedCallbacks: 0 };
  const pending = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };

  function fate(): ChaosFate {
    let roll = random();
    const shares: [ChaosFate, number | undefined][] = [
      ['error', settings.errorRate],
      ['timeout', settings.timeoutRate],
      ['reset', settings.resetRate],
      ['lost_response', settings.lostResponseRate],
    ];
    for (const [name, share] of shares) {
      if (roll < (share ?? 0)) return name;
      roll -= share ?? 0;
    }
    return 'answered';
  }

  function latency(): number {
    const [min, max] = settings.latencyMs ?? [0, 0];
    return min + random() * (max - min);
  }

  return {
    set(next) {
      settings = next;
      if (next.seed !== undefined) random = seeded(next.seed);
    },
    counts: () => ({ ...counts }),
    wrap(handler) {
      return async (request) => {
        const applies = settings.appliesTo ? settings.appliesTo(request) : !isPageRequest(request);
        if (!applies) return handler(request);
        const chosen = fate();
        const delay = latency();
        if (delay > 0) await sleep(delay);
        switch (chosen) {
          case 'error': {
            const status = [500, 502, 503][Math.floor(random() * 3)]!;
            counts.error++;
            return new Response(JSON.stringify({ status, error: 'Service Unavailable', message: 'Injected fault' }), {
              status,
              headers: { 'content-type': 'application/json' },
            });
          }
          case 'timeout':
            counts.timeout++;
            await sleep(settings.hangMs ?? 5_000);
            throw new ChaosConnectionReset();
          case 'reset':
            counts.reset++;
            throw new ChaosConnectionReset();
          case 'lost_response': {
            const response = await handler(request);
            if (!response) return null;
            counts.lost_response++;
            throw new ChaosConnectionReset();
          }
          default: {
            const response = await handler(request);
            if (response) counts.answered++;
            return response;
          }
        }
      };
    },
    callbackFetch(inner) {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        // Half to all of the hold, so a held callback is reliably overtaken by the next one.
        const hold = () => (settings.callbackHoldMs ?? 200) * (0.5 + random() / 2);
        const send = () => inner()(input, init);
        if (random() < (settings.reorderCallbackRate ?? 0)) {
          // Answer the queue at once and send later, so the callbacks after this one go first.
          counts.reorderedCallbacks++;
          const wait = hold();
          track(sleep(wait).then(send).then((r) => r.arrayBuffer(), () => undefined));
          return new Response(null, { status: 200 });
        }
        if (random() < (settings.duplicateCallbackRate ?? 0)) {
          counts.duplicatedCallbacks++;
          const wait = hold();
          track(sleep(wait).then(send).then((r) => r.arrayBuffer(), () => undefined));
        }
        return send();
      }) as typeof fetch;
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
