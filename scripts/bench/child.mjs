// A process of scripts/bench/server.ts and its IPC calls: request(message) answers with the child's
// reply to that message, or rejects with the child's error.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('./server.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string} name shown in errors */
export function startChild(name) {
  const child = fork(serverScript, [], { cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let nextId = 0;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  const failAll = (error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  child.on('message', (message) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${name}: ${message.error}`));
    else waiting.resolve(message);
  });
  child.on('exit', (code, signal) => failAll(new Error(`${name} exited (${signal ?? code})`)));
  child.on('error', failAll);

  return {
    pid: child.pid,
    /** @param {Record<string, unknown>} message */
    request(message) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ ...message, id });
      });
    },
    /** Closes what the child started and waits for it to exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await this.request({ type: 'stop' }).catch(() => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}
