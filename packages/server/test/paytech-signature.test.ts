// The webhook Signature header: HMAC-SHA256 of the raw body with the signing key, hex or base64.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { headerValue, signPaytechBody, verifyPaytechSignature } from '../src/providers/paytech/signature.js';

const KEY = 'pt_signing_key_for_tests';
// The document's webhook example, byte for byte as stored.
const RAW = readFileSync(new URL('../../../../shared/specs/examples/paytech/webhook-payment.callback.json', import.meta.url));
const mac = (body: string | Buffer, key = KEY) => createHmac('sha256', key).update(body).digest();

describe('pay.tech webhook signature', () => {
  it('accepts the HMAC of the exact bytes in hex (either case) and base64 (standard or URL-safe, padded or not)', () => {
    const digest = mac(RAW);
    const forms = [
      digest.toString('hex'),
      digest.toString('hex').toUpperCase(),
      digest.toString('base64'),
      digest.toString('base64').replace(/=$/, ''),
      digest.toString('base64url'),
      ` ${digest.toString('hex')} `,
    ];
    for (const header of forms) assert.equal(verifyPaytechSignature(RAW, header, KEY), true, header);
    assert.equal(verifyPaytechSignature(RAW.toString('utf8'), digest.toString('hex'), KEY), true, 'a string body works too');
    assert.equal(signPaytechBody(RAW, KEY), digest.toString('hex'));
  });

  it('refuses a wrong key, a changed body, or the same JSON re-serialized', () => {
    const header = signPaytechBody(RAW, KEY);
    assert.equal(verifyPaytechSignature(RAW, header, 'another-key'), false);
    const changed = Buffer.from(RAW.toString('utf8').replace('"PENDING"', '"COMPLETED"'));
    assert.equal(verifyPaytechSignature(changed, header, KEY), false);
    const reserialized = JSON.stringify(JSON.parse(RAW.toString('utf8')));
    assert.notEqual(reserialized, RAW.toString('utf8'));
    assert.equal(verifyPaytechSignature(reserialized, header, KEY), false, 'the raw body is signed, not the parsed JSON');
  });

  it('refuses anything missing or malformed without throwing', () => {
    const hex = signPaytechBody(RAW, KEY);
    const cases: [Buffer | string | undefined, string | undefined, string][] = [
      [RAW, undefined, KEY],
      [RAW, '', KEY],
      [RAW, '   ', KEY],
      [undefined, hex, KEY],
      [Buffer.alloc(0), signPaytechBody('', KEY), KEY],
      [RAW, hex, ''],
      [RAW, hex.slice(0, 62), KEY],
      [RAW, `${hex}00`, KEY],
      [RAW, `sha256=${hex}`, KEY],
      [RAW, 'zz'.repeat(32), KEY],
      [RAW, mac(RAW).subarray(0, 16).toString('base64'), KEY],
      [RAW, `${mac(RAW).toString('base64').slice(0, -2)}!=`, KEY],
      [RAW, createHmac('sha1', KEY).update(RAW).digest('hex'), KEY],
      [RAW, createHmac('sha512', KEY).update(RAW).digest('base64'), KEY],
    ];
    for (const [body, header, key] of cases) {
      assert.equal(verifyPaytechSignature(body, header, key), false, `${String(header)} / ${key}`);
    }
  });

  it('compares in constant time: a signature wrong in its first byte costs what one wrong in its last does', () => {
    const digest = mac(RAW);
    const flip = (index: number) => {
      const copy = Buffer.from(digest);
      copy[index] = copy[index]! ^ 0xff;
      return copy.toString('hex');
    };
    const first = flip(0);
    const last = flip(31);
    const time = (header: string) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 2000; i++) verifyPaytechSignature(RAW, header, KEY);
      return Number(process.hrtime.bigint() - start);
    };
    time(first); // warm up
    const samples = Array.from({ length: 5 }, () => time(first) / time(last));
    const median = samples.sort((a, b) => a - b)[2]!;
    // A sanity check, not a proof: the guarantee is timingSafeEqual over two 32-byte digests.
    assert.ok(median > 0.5 && median < 2, `ratio ${median}`);
  });

  it('finds the header whatever its case', () => {
    assert.equal(headerValue({ signature: 'a' }, 'Signature'), 'a');
    assert.equal(headerValue({ Signature: 'b' }, 'signature'), 'b');
    assert.equal(headerValue(undefined, 'signature'), undefined);
    assert.equal(headerValue({ 'x-signature': 'c' }, 'signature'), undefined);
  });
});
