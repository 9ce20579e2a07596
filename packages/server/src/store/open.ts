// Opens the store the configuration names: a SQLite file by default, PostgreSQL for a `url`.
import type { DatabaseSettings } from '../config.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export function openStore(database: DatabaseSettings): Store {
  if ('path' in database) return openSqliteStore(database.path);
  return deferredStore(() => openPostgresStore(database.url, { schema: database.schema }));
}

/**
 * A store usable at once whose calls wait for `open` (PostgreSQL connects and migrates asynchronously,
 * createCheckout returns synchronously). Opening starts now; after a failure the next call tries again,
 * so a server started before its database comes up recovers by itself.
 */
export function deferredStore(open: () => Promise<Store>): Store {
  let opening: Promise<Store> | null = null;
  let closed = false;
  const ready = (): Promise<Store> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
  ready().catch(() => undefined); // reported by the first call that needs the store
  return new Proxy({} as Store, {
    get(_, name) {
      // Not a thenable, and nothing but the Store's methods.
      if (typeof name !== 'string' || name === 'then') return undefined;
      if (name === 'close') {
        return async () => {
          const pending = opening;
          closed = true;
          const store = await pending?.catch(() => null);
          await store?.close();
        };
      }
      return async (...args: unknown[]) => {
        const store = await ready();
        const method = store[name as keyof Store] as ((...a: unknown[]) => unknown) | undefined;
        if (!method) throw new Error(`this store has no ${name}`);
        return Reflect.apply(method, store, args);
      };
    },
  });
}
