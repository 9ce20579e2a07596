import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreatePaymentRequest, CreateSessionRequest } from '../src/schemas.js';
import { sessionIdFromClientSecret } from '../src/paths.js';

const valid = {
  amount: { value: 150000, currency: 'KZT' },
  orderId: 'order-1001',
  description: 'Tea set',
  returnUrl: 'https://shop.example.kz/orders/1001',
};

describe('CreateSessionRequest', () => {
  it('accepts a minimal session', () => {
    assert.equal(CreateSessionRequest.safeParse(valid).success, true);
  });

  it('rejects unknown keys, float or negative amounts, unknown currencies and odd URLs', () => {
    const bad = [
      { ...valid, extra: 1 },
      { ...valid, amount: { value: 1500.5, currency: 'KZT' } },
      { ...valid, amount: { value: -1, currency: 'KZT' } },
      { ...valid, amount: { value: 0, currency: 'KZT' } },
      { ...valid, amount: { value: 100, currency: 'kzt' } },
      { ...valid, amount: { value: 100, currency: 'XXX' } },
      { ...valid, returnUrl: 'javascript:alert(1)' },
      { ...valid, returnUrl: 'ftp://shop.example/x' },
      { ...valid, orderId: 'a b' },
      { ...valid, description: '' },
      { ...valid, customer: { email: 'not-an-email' } },
    ];
    for (const body of bad) assert.equal(CreateSessionRequest.safeParse(body).success, false, JSON.stringify(body));
  });
});

describe('CreatePaymentRequest', () => {
  it('takes a method and an optional locale, nothing else', () => {
    assert.equal(CreatePaymentRequest.safeParse({ method: 'card', locale: 'kk-KZ' }).success, true);
    assert.equal(CreatePaymentRequest.safeParse({ method: 'card', amount: 1 }).success, false);
    assert.equal(CreatePaymentRequest.safeParse({ method: 'cash' }).success, false);
  });
});

describe('client secret', () => {
  it('carries the session id as its prefix', () => {
    assert.equal(sessionIdFromClientSecret('cs_abc_secret_xyz'), 'cs_abc');
    assert.equal(sessionIdFromClientSecret('garbage'), null);
  });
});
