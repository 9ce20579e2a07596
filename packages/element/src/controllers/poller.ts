// Polls with backoff until the tick reports done or the time budget runs out.
// A reactive controller, so timers stop when the element leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PollOptions {
  /** First interval. */
  initialMs: number;
  /** Intervals grow by this factor... */
  factor: number;
  /** ...up to this. */
  maxMs: number;
  /** Give up (and let the shopper check again) after this long. */
  timeoutMs: number;
}

export const DEFAULT_POLL_OPTIONS: Readonly<PollOptions> = Object.freeze({
  initialMs: 1500,
  factor: 1.5,
  maxMs: 5000,
  timeoutMs: 120_000,
});

/** What a tick tells the poller. */
export type PollResult = 'done' | 'continue';

export class Poller implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #run = 0;
  active = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  start(
    tick: () => Promise<PollResult>,
    onTimeout: () => void,
    options: PollOptions,
    firstDelayMs = options.initialMs,
  ): void {
    this.stop();
    const run = ++this.#run;
    const deadline = Date.now() + options.timeoutMs;
    let delay = firstDelayMs;
    this.active = true;
    const schedule = (): void => {
      this.#timer = setTimeout(async () => {
        const result = await tick().catch((): PollResult => 'continue');
        if (run !== this.#run) return; // stopped or restarted meanwhile
        if (result === 'done') {
          this.active = false;
          return;
        }
        if (Date.now() >= deadline) {
          this.active = false;
          onTimeout();
          return;
        }
        delay = delay < options.initialMs ? options.initialMs : Math.min(delay * options.factor, options.maxMs);
        schedule();
      }, delay);
    };
    schedule();
  }

  stop(): void {
    this.#run++;
    this.active = false;
    clearTimeout(this.#timer);
  }
}
