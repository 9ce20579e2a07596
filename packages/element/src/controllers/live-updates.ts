// Live payment updates over Server-Sent Events, read with fetch because EventSource cannot send the
// Authorization header. Every `payment` event carries the whole PaymentView. When the stream cannot
// be opened, is not an event stream, breaks, goes silent or ends (the server closes streams after a
// few minutes), the caller polls instead: polling is the path that always works.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PaymentView } from '@pay-checkout/protocol';
import type { PollResult } from './poller.js';
import { eventStreamParser } from './event-stream.js';

export interface LiveUpdatesOptions {
  /** GET the session's events with the Bearer header and Accept: text/event-stream. */
  open(signal: AbortSignal): Promise<Response>;
  /** Each payment the stream delivers; 'done' closes the stream. */
  onPayment(payment: PaymentView): PollResult;
  /** The stream is not available (any more): poll instead. */
  onUnavailable(): void;
}

export class LiveUpdates implements ReactiveController {
  /** Silence (no event, no heartbeat) after which the stream counts as broken. The server pings every 15 s. */
  idleTimeoutMs = 45_000;
  #run: AbortController | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get active(): boolean {
    return !!this.#run;
  }

  hostDisconnected(): void {
    this.stop();
  }

  stop(): void {
    this.#run?.abort();
    this.#run = undefined;
  }

  start(options: LiveUpdatesOptions): void {
    this.stop();
    const run = (this.#run = new AbortController());
    void this.#read(options, run).then((done) => {
      if (this.#run !== run) return; // stopped or restarted by us
      this.#run = undefined;
      if (!done) options.onUnavailable();
    });
  }

  /** True when the payment the caller waited for arrived; false when the stream failed or ended. */
  async #read(options: LiveUpdatesOptions, run: AbortController): Promise<boolean> {
    let idle: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    try {
      const response = await options.open(run.signal);
      if (!response.ok || !response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
        return false;
      }
      const push = eventStreamParser((type, data) => {
        if (type !== 'payment' || done || run.signal.aborted) return;
        let payment: PaymentView;
        try {
          payment = JSON.parse(data) as PaymentView;
        } catch {
          return; // one unreadable event does not end the stream
        }
        done = options.onPayment(payment) === 'done';
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      while (!done) {
        clearTimeout(idle);
        idle = setTimeout(() => run.abort(), this.idleTimeoutMs);
        const chunk = await reader.read();
        if (chunk.done) break;
        push(chunk.value);
      }
    } catch {
      // network error, or aborted (by stop() or the idle watchdog)
    } finally {
      clearTimeout(idle);
    }
    run.abort(); // releases the connection
    return done;
  }
}
