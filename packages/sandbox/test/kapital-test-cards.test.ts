import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD, luhnValid } from '../src/index.js';

const COLLECTION = new URL('../../../../shared/specs/kapitalbank-ecommerce-api.postman.json', import.meta.url);

test('the documented test card is the collection\'s "Test card data"', () => {
  const text = (JSON.parse(readFileSync(COLLECTION, 'utf8')) as { info: { description: string } }).info.description;
  assert.match(text, new RegExp(`PAN: ${KAPITAL_TEST_CARDS.documented.number}`));
  assert.match(text, new RegExp(`ExpDate: ${KAPITAL_TEST_CARDS.documented.expiry}`));
  assert.match(text, new RegExp(`CVV: ${KAPITAL_TEST_CARDS.documented.cvc}`));
});

test('test cards are Luhn-valid, distinct, with the brands they claim', () => {
  const numbers = [...Object.values(KAPITAL_TEST_CARDS).map((c) => c.number), KAPITAL_UNSUPPORTED_BRAND_CARD];
  for (const n of numbers) assert.ok(luhnValid(n), n);
  assert.equal(new Set(numbers).size, numbers.length);
  for (const c of Object.values(KAPITAL_TEST_CARDS)) assert.equal(c.brand === 'Visa', c.number.startsWith('4'), c.number);
  assert.deepEqual(Object.values(KAPITAL_TEST_CARDS).map((c) => c.pmoResultCode), ['1', '1', '58', '59']);
});
