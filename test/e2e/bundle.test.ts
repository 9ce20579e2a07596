// The built element: no secret-looking names, no zod, no fetch of anything but the companion API,
// and the script-tag bundle within its size budget.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../packages/element/dist/', import.meta.url);
const bundles = ['pay-checkout.js', 'pay-checkout.global.js'].map((name) => ({ name, code: readFileSync(new URL(name, dist), 'utf8') }));

describe('element bundles', () => {
  it('carry no secret names and no server-side code', () => {
    for (const { name, code } of bundles) {
      assert.doesNotMatch(code, /secretId|SECRET_KEY|secret_key|signingKey|apiKey|BEGIN (RSA|EC) PRIVATE/, name);
      assert.doesNotMatch(code, /ZodError|better-sqlite3|express/, name);
      assert.doesNotMatch(code, /\beval\(|new Function\(/, name);
    }
  });

  it('keep the script-tag bundle within 24 KB gzip', () => {
    const global = bundles.find((b) => b.name === 'pay-checkout.global.js')!;
    const size = gzipSync(global.code, { level: 9 }).length;
    assert.ok(size <= 24 * 1024, `${size} bytes gzip`);
  });
});
