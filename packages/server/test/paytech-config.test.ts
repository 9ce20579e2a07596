// pay.tech settings: defaults, what is refused, and the method list against the document.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PAYTECH_DEFAULT_CURRENCIES, PaytechConfig } from '../src/providers/paytech/config.js';
import { PAYTECH_PAYMENT_METHODS } from '../src/providers/paytech/payment-methods.js';

const keys = { apiKey: 'k', signingKey: 's' };

describe('pay.tech settings', () => {
  it('defaults to the sandbox, one-phase card deposits and the regional currencies', () => {
    assert.deepEqual(PaytechConfig.parse(keys), {
      ...keys,
      baseUrl: 'https://engine-sandbox.pay.tech',
      twoPhase: false,
      paymentMethods: ['BASIC_CARD'],
      currencies: PAYTECH_DEFAULT_CURRENCIES,
    });
    for (const currency of ['KZT', 'AZN', 'USD', 'EUR', 'RUB', 'GBP']) assert.ok(PAYTECH_DEFAULT_CURRENCIES.includes(currency));
  });

  it('takes page origins as origins, and the documented methods', () => {
    const parsed = PaytechConfig.parse({ ...keys, baseUrl: 'https://engine.pay.tech', paymentPageOrigins: ['https://engine.pay.tech/m/payment'], paymentMethods: ['BASIC_CARD', 'APPLEPAY'], twoPhase: true, currencies: ['KZT'] });
    assert.deepEqual(parsed.paymentPageOrigins, ['https://engine.pay.tech']);
    assert.deepEqual(parsed.paymentMethods, ['BASIC_CARD', 'APPLEPAY']);
  });

  it('refuses missing keys, unknown fields, unknown methods or currencies, repeats, and non-http URLs', () => {
    const bad: unknown[] = [
      { apiKey: 'k' },
      { signingKey: 's' },
      { ...keys, apiKey: '' },
      { ...keys, secret: 'x' },
      { ...keys, paymentMethods: ['CARD'] },
      { ...keys, paymentMethods: [] },
      { ...keys, paymentMethods: ['BASIC_CARD', 'BASIC_CARD'] },
      { ...keys, currencies: ['XXX'] },
      { ...keys, currencies: ['EUR', 'EUR'] },
      { ...keys, baseUrl: 'ftp://engine.pay.tech' },
      { ...keys, paymentPageOrigins: [] },
      { ...keys, twoPhase: 'yes' },
    ];
    for (const input of bad) assert.equal(PaytechConfig.safeParse(input).success, false, JSON.stringify(input));
  });

  it("lists the document's PaymentMethod enum exactly (its stray comma in PAYCO_TR dropped)", () => {
    const text = readFileSync(new URL('../../../../shared/specs/paytech-gateway-api.txt', import.meta.url), 'utf8');
    const lists = [...text.matchAll(/string \(PaymentMethod\)\nEnum: (.*)\n/g)].map((m) => m[1]!);
    assert.equal(lists.length, 2);
    assert.equal(lists[0], lists[1]);
    const documented = [...lists[0]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/,$/, ''));
    assert.deepEqual([...PAYTECH_PAYMENT_METHODS], documented);
  });
});
