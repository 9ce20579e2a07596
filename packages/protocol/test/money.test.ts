import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { currencyExponent, fromMajorUnits, toDecimalString, toMajorUnits } from '../src/money.js';

describe('money', () => {
  it('converts minor units to major floats and decimal strings', () => {
    assert.equal(toMajorUnits(150050, 'KZT'), 1500.5);
    assert.equal(toMajorUnits(1, 'AZN'), 0.01);
    assert.equal(toDecimalString(1000, 'AZN'), '10.00');
    assert.equal(toDecimalString(5, 'KZT'), '0.05');
    assert.equal(toDecimalString(1234, 'JPY'), '1234');
    assert.equal(toDecimalString(1, 'KWD'), '0.001');
    assert.equal(toDecimalString(-250, 'USD'), '-2.50');
  });

  it('converts provider amounts back without float drift', () => {
    assert.equal(fromMajorUnits(300.0, 'KZT'), 30000);
    assert.equal(fromMajorUnits(0.29, 'KZT'), 29); // 0.29 * 100 = 28.999999999999996
    assert.equal(fromMajorUnits(1.15, 'AZN'), 115);
    assert.equal(fromMajorUnits('10.00', 'AZN'), 1000);
    assert.equal(fromMajorUnits('1.0', 'AZN'), 100);
    assert.equal(fromMajorUnits(19999999.99, 'KZT'), 1999999999);
  });

  it('refuses amounts finer than the currency allows, and garbage', () => {
    assert.throws(() => fromMajorUnits(1.005, 'KZT'), RangeError);
    assert.throws(() => fromMajorUnits('1,00', 'AZN'), RangeError);
    assert.throws(() => fromMajorUnits('', 'AZN'), RangeError);
    assert.throws(() => fromMajorUnits(Number.NaN, 'AZN'), RangeError);
    assert.throws(() => fromMajorUnits(1.5, 'JPY'), RangeError);
  });

  it('refuses non-integer minor units and unknown currencies', () => {
    assert.throws(() => toMajorUnits(10.5, 'KZT'), RangeError);
    assert.throws(() => currencyExponent('XXX'), RangeError);
  });

  it('round-trips every amount up to 100000 minor units', () => {
    for (let minor = 0; minor <= 100_000; minor += 7) {
      assert.equal(fromMajorUnits(toMajorUnits(minor, 'KZT'), 'KZT'), minor);
      assert.equal(fromMajorUnits(toDecimalString(minor, 'AZN'), 'AZN'), minor);
    }
  });
});
