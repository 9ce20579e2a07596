// Structured logging: one JSON line an event ({"level","time","event",...fields}) through pino. Lines
// name payments and sessions by id only; secrets, card data and OTPs are never passed in. As a second
// line of defence, redact() drops values under secret-looking keys at any depth (pino's own `redact`
// takes fixed paths, which cannot say "any key like otp, at any depth"), and card-like numbers are
// masked wherever they appear, free text included.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream } from 'pino';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ['info', 'warn', 'error'] as const;

const SECRET_KEYS = /secret|password|passphrase|authorization|cookie|api.?key|signing.?key|private.?key|token|pan|card.?number|cvc|cvv|otp|code$/i;

/** Deeper than this is cut: log fields are flat records, and a cycle must not loop. */
const MAX_DEPTH = 8;

export function redact(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return redactObject(fields, 0);
}

function redactObject(object: object, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    out[key] = SECRET_KEYS.test(key) ? '[redacted]' : clean(value, depth + 1);
  }
  return out;
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  // A card number passed as a number is still a card number.
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    const masked = maskCardNumbers(text);
    return masked === text ? value : masked;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[truncated]';
  if (value instanceof Error) return { name: value.name, message: maskCardNumbers(value.message) };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  return redactObject(value, depth);
}

/** Digits in groups split by one space or dash, as card numbers are written ("4111 1111 1111 1111"). */
const DIGIT_GROUPS = /\d+(?:[ -]\d+)*/g;

/**
 * Masks every card-like number in a text: 12 to 19 digits, whole or made of neighbouring groups, that
 * pass the Luhn check become "****" and their last four digits. Other numbers are left alone.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_GROUPS, (run) => {
    const parts = run.split(/([ -])/); // groups at even indexes, their separators between
    let out = '';
    let start = 0;
    while (start < parts.length) {
      // The longest Luhn-valid window of whole groups from here, if any.
      let digits = '';
      let end = -1;
      for (let i = start; i < parts.length && digits.length + parts[i]!.length <= 19; i += 2) {
        digits += parts[i];
        if (digits.length >= 12 && passesLuhn(digits)) end = i;
      }
      if (end < 0) {
        out += parts[start]! + (parts[start + 1] ?? '');
        start += 2;
        continue;
      }
      const card = parts.slice(start, end + 1).join('').replace(/\D/g, '');
      out += `****${card.slice(-4)}${parts[end + 1] ?? ''}`;
      start = end + 2;
    }
    return out;
  });
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? d : d > 4 ? 2 * d - 9 : 2 * d;
  }
  return sum % 10 === 0;
}

function pinoLogger(destination: DestinationStream): Logger {
  const instance = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Fields arrive cleaned; pino's own reshaping of an `err` field would change the line.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
  const logger = {} as Logger;
  for (const level of LEVELS) logger[level] = (event, fields) => instance[level]({ event: maskCardNumbers(event), ...redact(fields) });
  return logger;
}

/**
 * JSON lines on stdout, or handed to `write` one line at a time (without its newline). With
 * PAY_CHECKOUT_LOG_DIR set, every line also goes to this process's file there (see withLogDir).
 */
export function jsonLogger(write?: (line: string) => void): Logger {
  const out: DestinationStream = write ? { write: (chunk) => write(chunk.replace(/\n$/, '')) } : pino.destination({ dest: 1, sync: true });
  const file = logDirFile();
  return pinoLogger(file ? pino.multistream([{ stream: out }, { stream: file }]) : out);
}

/**
 * Test runs set PAY_CHECKOUT_LOG_DIR so that one scan (scripts/log-scan.mjs) can read every line the
 * run logged. This gives a logger that also writes its lines there, shaped and cleaned as jsonLogger's.
 */
export function withLogDir(logger: Logger): Logger {
  const file = logDirFile();
  if (!file) return logger;
  const copy = pinoLogger(file);
  const both = {} as Logger;
  for (const level of LEVELS) {
    both[level] = (event, fields) => {
      logger[level](event, fields);
      copy[level](event, fields);
    };
  }
  return both;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

const LOG_DIR = 'PAY_CHECKOUT_LOG_DIR';
const logFiles = new Map<string, DestinationStream>();

/** One synchronous file per process and directory: lines from every logger, none lost at exit. */
function logDirFile(): DestinationStream | null {
  const dir = process.env[LOG_DIR];
  if (!dir) return null;
  const path = join(dir, `log-${process.pid}.jsonl`);
  let file = logFiles.get(path);
  if (!file) {
    file = pino.destination({ dest: path, sync: true, append: true, mkdir: true });
    logFiles.set(path, file);
  }
  return file;
}

/**
 * With PAY_CHECKOUT_LOG_DIR set, notes the secrets found in `config` (string values under secret-like
 * keys, passwords inside URLs) for the log scan. Only fingerprints are written, one JSON line each: the first four characters
 * (where to look), the length and the SHA-256. Secrets under 10 characters would match ordinary words
 * and are left out.
 */
export function recordSecretsForLogScan(config: object): void {
  const dir = process.env[LOG_DIR];
  if (!dir) return;
  const found: string[] = [];
  const walk = (object: object, depth: number) => {
    for (const [key, value] of Object.entries(object)) {
      if (typeof value === 'string' && SECRET_KEYS.test(key)) found.push(value);
      // The password inside a connection URL (database.url).
      else if (typeof value === 'string' && URL.canParse(value)) found.push(decodeURIComponent(new URL(value).password));
      else if (value && typeof value === 'object' && depth < MAX_DEPTH) walk(value, depth + 1);
    }
  };
  walk(config, 0);
  const lines = found
    .filter((secret) => secret.length >= 10)
    .map((secret) => `${JSON.stringify({ prefix: secret.slice(0, 4), length: secret.length, sha256: createHash('sha256').update(secret).digest('hex') })}\n`);
  if (!lines.length) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `secrets-${process.pid}.txt`), lines.join(''), { mode: 0o600 });
}
