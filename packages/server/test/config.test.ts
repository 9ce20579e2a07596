import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, configFromEnv, createCheckout } from '../src/index.js';

describe('config', () => {
  const env = {
    PAY_CHECKOUT_PUBLIC_URL: 'http://127.0.0.1:4242',
    PAY_CHECKOUT_API_KEY: 'k'.repeat(32),
    PAY_CHECKOUT_MERCHANT_NAME: 'Shop',
    PITECH_APP_ID: 'app',
    PITECH_SECRET_ID: 'secret',
  };

  it('fails fast naming the bad field', () => {
    assert.throws(
      () =>
        createCheckout({
          publicUrl: 'not a url',
          apiKey: 'short',
          merchantName: 'Shop',
          database: { path: ':memory:' },
          providers: { pitech: { appId: 'a', secretId: 'b' } },
        }),
      (error: unknown) =>
        error instanceof ConfigError && /publicUrl/.test(error.message) && /apiKey: must be at least 24/.test(error.message),
    );
  });

  it('needs at least one provider', () => {
    assert.throws(
      () => createCheckout({ publicUrl: 'http://127.0.0.1:1/pay', apiKey: 'x'.repeat(24), merchantName: 'S', database: { path: ':memory:' }, providers: {} }),
      /providers: at least one provider must be configured/,
    );
  });

  it('refuses a route to a provider that is not configured', () => {
    assert.throws(
      () =>
        createCheckout({
          publicUrl: 'http://127.0.0.1:1/pay',
          apiKey: 'x'.repeat(24),
          merchantName: 'S',
          database: { path: ':memory:' },
          providers: { pitech: { appId: 'a', secretId: 'b' } },
          routing: { card: { KZT: 'pitech', AZN: 'kapital' } },
        }),
      /routing\.card\.AZN: routes to kapital, which is not configured/,
    );
  });

  it('reads the environment and names the variable that is wrong', () => {
    const config = configFromEnv(env);
    assert.equal(config.providers.pitech?.appId, 'app');
    assert.throws(() => configFromEnv({ ...env, PITECH_SECRET_ID: '' }), /PITECH_SECRET_ID/);
    assert.throws(() => configFromEnv({ ...env, PAY_CHECKOUT_API_KEY: undefined }), /PAY_CHECKOUT_API_KEY/);
    assert.throws(() => configFromEnv({ ...env, PAY_CHECKOUT_SESSION_TTL_SECONDS: 'soon' }), /PAY_CHECKOUT_SESSION_TTL_SECONDS/);
  });

  it('stores in SQLite unless DATABASE_URL names a PostgreSQL server', () => {
    assert.deepEqual(configFromEnv(env).database, { path: 'pay-checkout.db', schema: undefined });
    const url = 'postgresql://pay:pw@db.internal:5432/checkout';
    assert.deepEqual(configFromEnv({ ...env, DATABASE_URL: url, PAY_CHECKOUT_DATABASE_SCHEMA: 'shop_a' }).database, { url, schema: 'shop_a', path: undefined });
    assert.equal((configFromEnv({ ...env, DATABASE_URL: 'postgres://localhost/checkout' }).database as { url: string }).url, 'postgres://localhost/checkout');
    assert.throws(() => configFromEnv({ ...env, DATABASE_URL: 'mysql://localhost/checkout' }), /DATABASE_URL: must be a postgres/);
    assert.throws(() => configFromEnv({ ...env, DATABASE_URL: url, PAY_CHECKOUT_DATABASE_PATH: 'x.db' }), /DATABASE_URL: and path name two stores/);
    assert.throws(() => configFromEnv({ ...env, PAY_CHECKOUT_DATABASE_SCHEMA: 'shop_a' }), /PAY_CHECKOUT_DATABASE_SCHEMA: is for PostgreSQL/);
    assert.throws(() => configFromEnv({ ...env, DATABASE_URL: url, PAY_CHECKOUT_DATABASE_SCHEMA: 'Shop; x' }), /PAY_CHECKOUT_DATABASE_SCHEMA: must be a lowercase/);
  });
});
