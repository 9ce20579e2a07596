import { randomBytes, randomInt } from 'node:crypto';

// Value formats of the collection's examples.

const BAKU_OFFSET_MS = 4 * 3600_000; // Asia/Baku, UTC+4 all year

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** createTime, regTime: "2024-06-12 15:38:23", Baku local time. */
export function bakuTime(ms: number): string {
  return stamp(ms + BAKU_OFFSET_MS);
}

/** 3-D Secure timestamps are printed in UTC ("2024-06-12 11:38:23" beside a 15:38 createTime). */
export function utcTime(ms: number): string {
  return stamp(ms);
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** Order password: 12 lowercase letters and digits, as "8xjpd1ejxdma". */
export function orderPassword(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** actionId / tranActionId: "240612-11385786-000tn5=". */
export function actionId(ms: number): string {
  const day = bakuTime(ms).slice(2, 10).replaceAll('-', '');
  return `${day}-${randomDigits(8)}-${randomInt(36 ** 6).toString(36).padStart(6, '0')}=`;
}

export function cryptValue(): string {
  return randomBytes(20).toString('base64');
}

/** 1050 qəpik -> 10.5, the number the status answer prints. */
export function major(minor: number): number {
  return minor / 100;
}

/** "10.50 AZN" for the page. */
export function formatAmount(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/** 416974******1778 */
export function displayPan(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(Math.max(0, pan.length - 10))}${pan.slice(-4)}`;
}
