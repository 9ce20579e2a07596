// Idempotency keys for payment attempts, kept in sessionStorage so that a double click, a network
// retry or a page reload re-sends the same key and the server returns the same payment instead of
// creating a second one. "Try again" after a failure starts a new attempt, hence a new key.

const PREFIX = 'pay-checkout';

// sessionStorage can be missing or throw (sandboxed iframes, some privacy modes): fall back to memory.
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return globalThis.sessionStorage?.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string): void {
  memory.set(key, value);
  try {
    globalThis.sessionStorage?.setItem(key, value);
  } catch {
    /* memory copy is enough for this page */
  }
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function currentAttempt(sessionId: string): number {
  return Number(read(`${PREFIX}:${sessionId}:attempt`)) || 1;
}

/** Starts a new attempt for the session; the next keyFor returns a fresh key. */
export function nextAttempt(sessionId: string): number {
  const attempt = currentAttempt(sessionId) + 1;
  write(`${PREFIX}:${sessionId}:attempt`, String(attempt));
  return attempt;
}

/** The key of the current attempt for this choice (a method, or a method with its options), created on first use. */
export function keyFor(sessionId: string, choice: string): string {
  const storageKey = `${PREFIX}:${sessionId}:${currentAttempt(sessionId)}:${choice}`;
  const existing = read(storageKey);
  if (existing) return existing;
  const key = randomKey();
  write(storageKey, key);
  return key;
}
