// Seconds left until a deadline, re-rendering the host once a second. Time comes from an injectable
// Clock so tests can drive it without real waits.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

/** 42 -> "0:42", 90 -> "1:30". */
export const formatSeconds = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export class Countdown implements ReactiveController {
  #deadline = 0;
  #timer: number | undefined;
  #host: ReactiveControllerHost;
  #clock: () => Clock;
  #onEnd: () => void;

  /** onEnd runs once when a running countdown reaches zero (not when started past its deadline). */
  constructor(host: ReactiveControllerHost, clock: () => Clock, onEnd: () => void) {
    this.#host = host;
    this.#clock = clock;
    this.#onEnd = onEnd;
    host.addController(this);
  }

  /** Whole seconds left, rounded up; 0 once the deadline passed. */
  get seconds(): number {
    return Math.max(0, Math.ceil((this.#deadline - this.#clock().now()) / 1000));
  }

  /** Counts down to an epoch time in ms (on this clock); 0 stops it. */
  start(deadline: number): void {
    this.hostDisconnected();
    this.#deadline = deadline;
    this.hostConnected();
  }

  hostConnected(): void {
    if (this.#timer === undefined && this.seconds > 0) this.#schedule();
  }

  /** Pauses the ticks; hostConnected resumes them. */
  hostDisconnected(): void {
    if (this.#timer !== undefined) this.#clock().clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const left = this.#deadline - this.#clock().now();
    // Wake at the next whole-second boundary, so the display never skips or repeats a second.
    this.#timer = this.#clock().setTimeout(() => this.#tick(), left % 1000 || 1000);
  }

  #tick(): void {
    this.#timer = undefined;
    this.#host.requestUpdate();
    if (this.seconds > 0) this.#schedule();
    else this.#onEnd();
  }
}
