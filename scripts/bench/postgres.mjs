// A fresh PostgreSQL schema for one bench run: the server under test gets a URL whose search_path
// points at it, and it is dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** BENCH_DATABASE_URL, else DATABASE_URL when it is a PostgreSQL URL, else the local default. */
export function benchDatabaseUrl(env = process.env) {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  if (env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL)) return env.DATABASE_URL;
  return DEFAULT_DATABASE_URL;
}

/** Without credentials, for printing. */
export function shownUrl(url) {
  const shown = new URL(url);
  shown.password = '';
  return shown.toString();
}

/** null when the server cannot be reached (within 2 s); else the schema's URL and its drop(). */
export async function freshSchema(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
  const schema = `pay_checkout_bench_${randomBytes(4).toString('hex')}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: scoped.toString(),
    async drop() {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
