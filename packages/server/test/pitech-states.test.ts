import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PaymentState } from '@pay-checkout/protocol';
import { isPitechState, PITECH_STATES, pitechFailureCode } from '../src/providers/pitech/states.js';

// shared/ sits beside the repository.
const statesFile = new URL('../../../../shared/specs/examples/states.json', import.meta.url);

describe('PITECH states', () => {
  it('maps every state the document lists to exactly one normalized state', () => {
    const documented: string[] = JSON.parse(readFileSync(statesFile, 'utf8')).pitech.states.map((s: { code: string }) => s.code);
    assert.equal(documented.length, 10);
    assert.deepEqual(Object.keys(PITECH_STATES).sort(), [...documented].sort());
    for (const code of documented) {
      assert.ok(isPitechState(code));
      assert.ok(PaymentState.safeParse(PITECH_STATES[code as keyof typeof PITECH_STATES]).success);
    }
    assert.equal(isPitechState('PAID'), false);
    assert.equal(isPitechState('toString'), false);
  });

  it('only SUCCESS means money was charged, only AUTH_OK means it is held', () => {
    const moneyStates = Object.entries(PITECH_STATES).filter(([, s]) => s === 'succeeded' || s === 'authorized');
    assert.deepEqual(moneyStates, [['AUTH_OK', 'authorized'], ['SUCCESS', 'succeeded']]);
  });

  it('explains failures with stable codes', () => {
    assert.equal(pitechFailureCode('ERROR', 'Not sufficient funds'), 'insufficient_funds');
    assert.equal(pitechFailureCode('ERROR', 'Do not honor'), 'card_declined');
    assert.equal(pitechFailureCode('ERROR', null), 'card_declined');
    assert.equal(pitechFailureCode('TIMED_OUT', null), 'authentication_timed_out');
    assert.equal(pitechFailureCode('EXPIRED', null), 'payment_expired');
    assert.equal(pitechFailureCode('SUCCESS', 'Approved'), null);
  });
});
