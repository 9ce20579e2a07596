import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MonetixSms } from './types.js';

// The operator's SMS channel, simulated: codes are "sent" here and read back by people
// (the inbox page) or tests (lastOtp).

export interface SmsOutbox {
  send(number: string, code: string, paymentId: string, now: number): void;
  /** Newest first; only `number`'s when given. */
  list(number?: string): MonetixSms[];
  lastOtp(number: string): string | undefined;
  reset(): void;
}

export const smsText = (code: string): string => `Your payment code: ${code}. Do not share it.`;

export function createSmsOutbox(): SmsOutbox {
  const sent: Array<MonetixSms & { code: string }> = [];
  return {
    send(number, code, paymentId, now) {
      sent.push({ number, text: smsText(code), paymentId, sentAt: new Date(now).toISOString(), code });
      recordForLogScan(code);
    },
    list: (number) =>
      sent
        .filter((m) => number === undefined || m.number === number)
        .reverse()
        .map(({ number: n, text, paymentId, sentAt }) => ({ number: n, text, paymentId, sentAt })),
    lastOtp: (number) => sent.filter((m) => m.number === number).at(-1)?.code,
    reset: () => void (sent.length = 0),
  };
}

/** Test runs (PAY_CHECKOUT_LOG_DIR set): every code issued, for the log scan to look for in this process's lines. */
function recordForLogScan(code: string): void {
  const dir = process.env['PAY_CHECKOUT_LOG_DIR'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `otps-${process.pid}.txt`), `${code}\n`);
}
