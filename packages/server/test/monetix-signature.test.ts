import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monetixSign, monetixStringToSign, monetixVerify } from '../src/providers/monetix/signature.js';

describe('Monetix signature', () => {
  it('flattens like the published example', () => {
    const params = { 0: null, a: { b: 1, c: 2 }, d: false, f: ['g', { h: 7, i: { k: 8 } }], e: [4, 5], l: { m: [{ n: 9 }] } };
    assert.equal(monetixStringToSign(params), '0:;a:b:1;a:c:2;d:0;e:0:4;e:1:5;f:0:g;f:1:h:7;f:1:i:k:8;l:m:0:n:9');
  });

  it('signs the published example (frame_mode left out)', () => {
    const params = { project_id: 11, payment_currency: 'EUR', frame_mode: 'popup', some_bool_param: true, two_levels_param: { param1: 1, param2: 2 } };
    assert.equal(monetixSign(params, 'qwerty'), 'ehwG+e+Sq6b0QEek2hmHGUFzViX9/Xfcgnh0Ysn1+AqCY8BsKhC/Vcyr4XH8CKXW3iS0vW9S2mTwOt/0Ozf5pg==');
  });

  it('sorts by path as bytes, skips empty containers, keeps null items, and frame_mode at any depth', () => {
    assert.equal(monetixStringToSign({ a: { 10: 'x', 2: 'y' } }), 'a:10:x;a:2:y');
    assert.equal(monetixStringToSign({ a: [], b: {}, c: null, d: { e: [] } }), 'c:');
    assert.equal(monetixStringToSign({ x: { frame_mode: 'iframe', y: true } }), 'x:y:1');
    assert.equal(monetixStringToSign({ n: 1.5, s: 'Алматы' }), 'n:1.5;s:Алматы');
    // Byte order: 'a' < 'a0' < 'a:' would differ if whole items were compared.
    assert.equal(monetixStringToSign({ a0: 1, a: 2 }), 'a:2;a0:1');
  });

  it('verifies at signature or general.signature, and only with the right secret', () => {
    const request = { general: { project_id: 1234, payment_id: 'payment_47' }, account: { number: '77012345678' } };
    const signed = { ...request, general: { ...request.general, signature: monetixSign(request, 's3cret') } };
    assert.equal(monetixVerify(signed, 's3cret'), true);
    assert.equal(monetixVerify(signed, 'other'), false);

    const callback = { project_id: 1234, payment: { id: 'payment_47', status: 'success' } };
    const signedCallback = { ...callback, signature: monetixSign(callback, 's3cret') };
    assert.equal(monetixVerify(signedCallback, 's3cret'), true);
    assert.equal(monetixVerify({ ...signedCallback, payment: { id: 'payment_47', status: 'decline' } }, 's3cret'), false);
    // Signing an already signed object ignores its signature.
    assert.equal(monetixSign(signedCallback, 's3cret'), signedCallback.signature);
  });

  it('is false on anything missing or malformed', () => {
    for (const body of [null, undefined, 'x', 42, [], {}, { signature: '' }, { signature: 12 }, { signature: 'not base64!' }, { general: { signature: null } }, { signature: 'AAAA' }]) {
      assert.equal(monetixVerify(body, 's3cret'), false, JSON.stringify(body));
    }
    const callback = { project_id: 1, payment: { id: 'p' } };
    assert.equal(monetixVerify({ ...callback, signature: monetixSign(callback, 's') }, ''), false);
  });
});
