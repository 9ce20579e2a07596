import assert from 'node:assert/strict';
import { test } from 'node:test';
import { luhnValid, PITECH_TEST_CARDS } from '../src/index.js';

test('test cards are Luhn-valid with the expected prefixes', () => {
  for (const card of Object.values(PITECH_TEST_CARDS)) assert.ok(luhnValid(card.number), card.number);
  assert.equal(PITECH_TEST_CARDS.visaSuccess.number, '4405645000006150');
  assert.ok(PITECH_TEST_CARDS.mastercardSuccess.number.startsWith('516949'));
  assert.equal(new Set(Object.values(PITECH_TEST_CARDS).map((c) => c.outcome)).size, 3);
  assert.ok(!luhnValid('4405645000006151'));
});
