// Idempotency keys for payment attempts, kept in sessionStorage so that a double click, a network
// retry or a page reload re-sends the same key and the server returns the same payment instead of
// creating a second one. "Try again" after a failure starts a new attempt, hence a new key.

const PREFIX = 'pay-checkout';

// sessionStorage can be missing or throw (sandboxed iframes, some privacy modes): fall back to memory.
const memory = new Map<string, string>();

/** False once sessionStorage refused a write: from then on the memory copy is the record. */
let stored = true;

function read(key: string): string | null {
  try {
    // The memory copy stands in only where sessionStorage is missing or refuses writes (it would
    // otherwise outlive a cleared sessionStorage).
    const storage = globalThis.sessionStorage;
    return storage && stored ? storage.getItem(key) : (memory.get(key) ?? null);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string): void {
  memory.set(key, value);
  try {
    globalThis.sessionStorage?.setItem(key, value);
  } catch {
    stored = false; // the memory copy is enough for this page
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

/** The choice the shopper paid with last (a method, or a saved card), so a return from a hosted page and "Try again" keep it. */
export function rememberChoice(sessionId: string, choice: string): void {
  write(`${PREFIX}:${sessionId}:choice`, choice);
}

export function rememberedChoice(sessionId: string): string | null {
  return read(`${PREFIX}:${sessionId}:choice`);
}
