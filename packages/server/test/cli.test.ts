// The standalone server: configured from the environment, refusing to start on a bad value.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = new URL('../bin/pay-checkout-server.mjs', import.meta.url).pathname;

function runCli(env: Record<string, string>, until: RegExp): Promise<{ code: number | null; output: string; kill(): void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (until.test(output)) resolve({ code: null, output, kill: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, output, kill() {} }));
  });
}

describe('pay-checkout-server CLI', () => {
  it('names the missing variable and exits 78', async () => {
    const result = await runCli({ PITECH_APP_ID: 'a', PITECH_SECRET_ID: 'b', PAY_CHECKOUT_MERCHANT_NAME: 'Shop' }, /never/);
    assert.equal(result.code, 78);
    assert.match(result.output, /PAY_CHECKOUT_API_KEY/);
  });

  it('starts from the environment and serves the API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pay-checkout-cli-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const apiKey = 'sk_cli_0123456789abcdefghijkl';
    const result = await runCli(
      {
        PORT: port,
        PAY_CHECKOUT_API_KEY: apiKey,
        PAY_CHECKOUT_MERCHANT_NAME: 'Shop',
        PAY_CHECKOUT_DATABASE_PATH: join(dir, 'cli.db'),
        PITECH_APP_ID: 'app',
        PITECH_SECRET_ID: 'secret-value-123',
      },
      /listening on/,
    );
    try {
      assert.match(result.output, new RegExp(`listening on http://127.0.0.1:${port}/`));
      const res = await fetch(`http://127.0.0.1:${port}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: { value: 1000, currency: 'KZT' }, orderId: 'cli-1', description: 'x', returnUrl: 'https://shop.example/r' }),
      });
      assert.equal(res.status, 201);
      const body = await res.text();
      assert.doesNotMatch(body, /secret-value-123|sk_cli_/);
    } finally {
      result.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
