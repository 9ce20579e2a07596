// Payment changes between server processes on one PostgreSQL: a write NOTIFYs inside its own
// transaction (so the message leaves only if the write commits), and each process LISTENs on a
// connection of its own. The instance that wrote has told its own listeners already and skips its
// own message. PostgreSQL drops messages nobody listens for, so live updates still re-read now and
// then (live-updates.ts); this only makes them immediate.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PaymentChange } from './types.js';

/** One channel per schema: several schemas can share a database (tests, or staging beside live). */
export function changeChannel(schema: string | undefined): string {
  return `pay_checkout_payments${schema ? `_${schema}` : ''}`.slice(0, 63);
}

export interface ChangeFeed {
  /** This process's id, carried in every message it sends. */
  readonly instance: string;
  /** pg_notify's arguments, for the statement that writes the payment (so it leaves only on commit). */
  message(paymentId: string, sessionId: string): { channel: string; message: string };
  /** Listens until the returned function is called; reconnects after a lost connection. */
  watch(listener: (change: PaymentChange) => void): Promise<() => Promise<void>>;
}

export function changeFeed(url: string, schema: string | undefined, onError: (error: Error) => void): ChangeFeed {
  const instance = randomUUID();
  const channel = changeChannel(schema);

  return {
    instance,
    message: (paymentId, sessionId) => ({ channel, message: JSON.stringify({ p: paymentId, s: sessionId, i: instance }) }),

    async watch(listener) {
      let stopped = false;
      let client: pg.Client | null = null;
      let retry: ReturnType<typeof setTimeout> | null = null;

      const receive = (message: pg.Notification) => {
        if (message.channel !== channel || !message.payload) return;
        try {
          const { p, s, i } = JSON.parse(message.payload) as { p: string; s: string; i: string };
          if (i !== instance) listener({ paymentId: p, sessionId: s });
        } catch {
          // Not one of ours: ignore it.
        }
      };
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: url });
        next.on('notification', receive);
        const lost = (error?: Error) => {
          if (error) onError(error);
          if (client !== next) return;
          client = null;
          void next.end().catch(() => undefined);
          later();
        };
        next.on('error', lost);
        next.on('end', () => lost());
        await next.connect();
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        if (stopped) await next.end();
        else client = next;
      };
      /** Tries again in a second, until it listens or the watch is stopped. */
      const later = () => {
        if (stopped || retry) return;
        retry = setTimeout(() => {
          retry = null;
          connect().catch((error: Error) => (onError(error), later()));
        }, 1000);
        retry.unref();
      };

      await connect();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        await client?.end().catch(() => undefined);
        client = null;
      };
    },
  };
}
