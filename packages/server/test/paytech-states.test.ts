// pay.tech's six states and its error-code table, read from the document's examples folder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FailureCode, PaymentState } from '@pay-checkout/protocol';
import { PAYTECH_ERROR_CODES, paytechFailureCodeFor } from '../src/providers/paytech/error-codes.js';
import { isPaytechState, PAYTECH_STATES, paytechFailure, paytechPaymentState } from '../src/providers/paytech/states.js';

// shared/ sits beside the repository.
const statesFile = new URL('../../../../shared/specs/examples/states.json', import.meta.url);
const documented = JSON.parse(readFileSync(statesFile, 'utf8')).paytech as {
  states: { code: string }[];
  error_codes: Record<string, string>;
};

describe('pay.tech states', () => {
  it('maps every state the document lists to exactly one normalized state', () => {
    const codes = documented.states.map((s) => s.code);
    assert.equal(codes.length, 6);
    assert.deepEqual(Object.keys(PAYTECH_STATES).sort(), [...codes].sort());
    for (const code of codes) {
      assert.ok(isPaytechState(code));
      assert.ok(PaymentState.safeParse(PAYTECH_STATES[code as keyof typeof PAYTECH_STATES]).success);
    }
    assert.equal(isPaytechState('PAID'), false);
    assert.equal(isPaytechState('toString'), false);
  });

  it('maps each state as documented: AUTHORIZED is the held preAuth deposit, a void is CANCELLED', () => {
    assert.deepEqual(PAYTECH_STATES, {
      CHECKOUT: 'requires_action',
      PENDING: 'processing',
      AUTHORIZED: 'authorized',
      COMPLETED: 'succeeded',
      DECLINED: 'failed',
      CANCELLED: 'canceled',
    });
    const moneyStates = Object.entries(PAYTECH_STATES).filter(([, s]) => s === 'succeeded' || s === 'authorized');
    assert.deepEqual(moneyStates, [['AUTHORIZED', 'authorized'], ['COMPLETED', 'succeeded']]);
  });

  it('reads "Cancelled by Timeout" as expired and nothing else', () => {
    assert.equal(paytechPaymentState('CANCELLED', '1.04'), 'expired');
    assert.equal(paytechPaymentState('CANCELLED', '2.00'), 'canceled');
    assert.equal(paytechPaymentState('CANCELLED', null), 'canceled');
    assert.equal(paytechPaymentState('DECLINED', '1.04'), 'failed');
  });
});

describe('pay.tech error codes', () => {
  it('has the document table word for word, and a FailureCode for each code', () => {
    assert.deepEqual(PAYTECH_ERROR_CODES, documented.error_codes);
    assert.equal(Object.keys(documented.error_codes).length, 82);
    for (const code of Object.keys(documented.error_codes)) {
      const failure = paytechFailureCodeFor(code);
      if (code === '2.00') assert.equal(failure, null, 'a shopper cancel is a cancel, not a failure');
      else assert.ok(FailureCode.safeParse(failure).success, `${code} -> ${failure}`);
    }
  });

  it('explains declines with stable codes and keeps pay.tech text as the reason', () => {
    const cases: [string, string][] = [
      ['4.01', 'insufficient_funds'],
      ['4.00', 'card_declined'],
      ['4.02', 'card_declined'],
      ['4.04', 'card_declined'],
      ['5.00', 'card_declined'],
      ['5.01', 'authentication_timed_out'],
      ['6.01', 'card_declined'],
      ['7.00', 'card_declined'],
      ['1.04', 'payment_expired'],
      ['1.02', 'provider_error'],
      ['1.03', 'provider_error'],
      ['3.03', 'provider_error'],
      ['3.04', 'provider_error'],
      ['3.10', 'provider_error'],
      ['7.01', 'provider_error'],
    ];
    for (const [code, expected] of cases) assert.equal(paytechFailureCodeFor(code), expected, code);
    assert.deepEqual(paytechFailure('DECLINED', '4.01', 'Insufficient Funds'), { code: 'insufficient_funds', reason: 'Insufficient Funds' });
    // No message: the table's text.
    assert.deepEqual(paytechFailure('DECLINED', '4.06', null), { code: 'card_declined', reason: 'Card Lost or Stolen' });
    // Unknown or missing code on a decline: still a decline.
    assert.deepEqual(paytechFailure('DECLINED', '9.99', 'Something new'), { code: 'card_declined', reason: 'Something new' });
    assert.deepEqual(paytechFailure('DECLINED', null, null), { code: 'card_declined', reason: null });
    assert.deepEqual(paytechFailure('CANCELLED', '1.04', 'Cancelled by Timeout'), { code: 'payment_expired', reason: 'Cancelled by Timeout' });
    assert.equal(paytechFailure('CANCELLED', '2.00', 'Cancelled by Customer'), null);
    assert.equal(paytechFailure('CANCELLED', null, null), null, 'a void explains nothing');
    for (const state of ['CHECKOUT', 'PENDING', 'AUTHORIZED', 'COMPLETED'] as const) assert.equal(paytechFailure(state, '4.01', 'x'), null);
  });
});
