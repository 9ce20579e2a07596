// Background work on a timer (subscription sync, reconciliation): one run at a time, never keeping the
// process alive on its own, and stopped only after the run in flight.
export function repeatEvery(everyMs: number, run: () => Promise<unknown>, onError: (error: Error) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch((error: unknown) => onError(error as Error))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
