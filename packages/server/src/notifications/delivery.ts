// Sends the outbox: each due event is locked (so one worker, of any instance, sends it), posted
// signed to the merchant's URL and handed to the in-process hook. 2xx from the URL and a hook that
// did not throw mark it delivered; anything else schedules a retry with exponential backoff until
// giveUpAfterMs has passed. Events live in the store, so a restart picks up where it stopped.
import type { MerchantEvent } from '@pay-checkout/protocol';
import type { NotificationSettings } from '../config.js';
import type { Logger } from '../log.js';
import type { OutboxDelivery, Store } from '../store/types.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signMerchantWebhook } from './signature.js';

export interface DeliveryTargets {
  webhook: NotificationSettings | undefined;
  hook: ((event: MerchantEvent) => void | Promise<void>) | undefined;
}

const BATCH = 20;
const HOOK_TIMEOUT_MS = 10_000;
const DEFAULT_POLL_MS = 1000;

export class NotificationDelivery {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(
    private readonly store: Store,
    private readonly targets: DeliveryTargets,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** False when there is nobody to notify: no events are written then. */
  get enabled(): boolean {
    return Boolean(this.targets.webhook || this.targets.hook);
  }

  start(): void {
    if (this.enabled) this.#schedule(0);
  }

  /** A new event was written: send it now rather than at the next poll. */
  kick(): void {
    if (!this.enabled || this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), delayMs);
    this.#timer.unref(); // a pending retry never keeps the process alive
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = this.sendDue().then(
      () => undefined,
      (error: unknown) => this.logger.error('notification.outbox_failed', { message: (error as Error).message }),
    );
    await this.#running;
    this.#running = null;
    const again = this.#again;
    this.#again = false;
    this.#schedule(again ? 0 : (this.targets.webhook?.pollIntervalMs ?? DEFAULT_POLL_MS));
  }

  /** One pass over the due events; exposed for tests and for a merchant's own scheduler. */
  async sendDue(): Promise<number> {
    const timeout = this.targets.webhook?.timeoutMs ?? HOOK_TIMEOUT_MS;
    let sent = 0;
    for (;;) {
      const now = this.now();
      const due = await this.store.claimDueEvents(now.toISOString(), BATCH, new Date(now.getTime() + 2 * timeout + 1000).toISOString());
      for (const event of due) {
        await this.#deliver(event);
        sent++;
      }
      if (due.length < BATCH || this.#stopped) return sent;
    }
  }

  async #deliver(event: OutboxDelivery): Promise<void> {
    const attempts = event.attempts + 1;
    const failure = await this.#send(event).then(() => null, (error: unknown) => (error as Error).message || String(error));
    const now = this.now();
    if (!failure) {
      await this.store.recordDelivery(event.id, { delivered: true, at: now.toISOString() });
      this.logger.info('notification.delivered', { eventId: event.id, type: event.type, paymentId: event.paymentId, attempts });
      return;
    }
    const settings = this.targets.webhook;
    const first = settings?.firstRetryDelayMs ?? 10_000;
    const delay = Math.min(settings?.maxRetryDelayMs ?? 3_600_000, first * 2 ** (attempts - 1));
    const giveUp = now.getTime() - Date.parse(event.createdAt) >= (settings?.giveUpAfterMs ?? 3 * 86_400_000);
    await this.store.recordDelivery(event.id, {
      delivered: false,
      attempts,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      error: failure.slice(0, 500),
      giveUp,
    });
    const log = giveUp ? this.logger.error : this.logger.warn;
    log(giveUp ? 'notification.given_up' : 'notification.retry_scheduled', {
      eventId: event.id,
      type: event.type,
      attempts,
      error: failure.slice(0, 200),
      ...(giveUp ? {} : { retryInMs: delay }),
    });
  }

  async #send(event: OutboxDelivery): Promise<void> {
    const { webhook, hook } = this.targets;
    if (hook) await hook(JSON.parse(event.payload) as MerchantEvent);
    if (!webhook) return;
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'pay-checkout-notifications/1',
        [EVENT_ID_HEADER]: event.id,
        [SIGNATURE_HEADER]: signMerchantWebhook(event.payload, webhook.secret, this.now()),
      },
      body: event.payload,
      redirect: 'manual', // a redirect is not a delivery
      signal: AbortSignal.timeout(webhook.timeoutMs),
    });
    await response.text(); // read to the end, so the connection is reused (the timeout bounds it)
    if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
  }
}
