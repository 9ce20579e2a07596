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
