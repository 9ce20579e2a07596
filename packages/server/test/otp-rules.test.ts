// The SMS-code bookkeeping: what "send me a code" means depends on what happened before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeRequested, codeResent, codeSubmitted, distrustsCallbacks, maskPhone, newOtpState, otpAction, RESEND_DISTRUST_MS } from '../src/payments/otp.js';
import { applyProviderStatus } from '../src/payments/transitions.js';
import type { PaymentRecord } from '../src/store/types.js';

const rules = { resendCooldownSeconds: 80, codeTtlSeconds: 85, maxResends: 3, maxWrongCodes: 5 };
const t = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, seconds)).toISOString();

describe('SMS-code rules', () => {
  it('starts the cooldown when the first code is requested, and ignores duplicate requests', () => {
    const first = codeRequested(newOtpState('+77012345678'), t(0), rules);
    assert.equal(first.awaiting, true);
    assert.equal(first.resendAvailableAt, t(80));
    assert.deepEqual(codeRequested(first, t(5), rules), first);
  });

  it('counts a wrong code, but not one that arrived after the code expired', () => {
    const asked = codeRequested(newOtpState('+77012345678'), t(0), rules);
    const wrong = codeRequested(codeSubmitted(asked, t(20)), t(22), rules);
    assert.equal(wrong.lastCode, 'wrong');
    assert.equal(wrong.wrongCodes, 1);
    const late = codeRequested(codeSubmitted(wrong, t(90)), t(91), rules);
    assert.equal(late.lastCode, 'expired');
    assert.equal(late.wrongCodes, 1);
    assert.equal(otpAction(late, rules).attemptsLeft, 4);
  });

  it('restarts the cooldown on resend and distrusts callbacks until the new code is requested', () => {
    const asked = codeRequested(newOtpState('+77012345678'), t(0), rules);
    const resent = codeResent(asked, t(81), rules);
    assert.equal(resent.resends, 1);
    assert.equal(resent.resendAvailableAt, new Date(Date.parse(t(81)) + 80_000).toISOString());
    assert.equal(distrustsCallbacks(resent, Date.parse(t(82))), true);
    assert.equal(distrustsCallbacks(resent, Date.parse(t(81)) + RESEND_DISTRUST_MS + 1), false);
    const askedAgain = codeRequested(resent, t(83), rules);
    assert.equal(distrustsCallbacks(askedAgain, Date.parse(t(84))), false);
    assert.equal(askedAgain.lastCode, 'none');
  });

  it('offers no resend once three were used', () => {
    let otp = codeRequested(newOtpState('+77012345678'), t(0), rules);
    for (let i = 0; i < 3; i++) otp = codeResent(otp, t(100 * (i + 1)), rules);
    const action = otpAction(otp, rules);
    assert.equal(action.resendsLeft, 0);
    assert.equal(action.resendAvailableAt, null);
  });

  it('masks the number it shows', () => {
    assert.equal(maskPhone('+77012345678'), '+7 701 ***-**-78');
  });
});

describe('mobile payment transitions', () => {
  const payment: PaymentRecord = {
    id: 'pay_1', sessionId: 'cs_1', method: 'kz_mobile', provider: 'monetix', amount: 100000, currency: 'KZT',
    state: 'processing', providerState: null, providerOrderId: 'pay_1', providerRef: { paymentId: 'pay_1' }, redirectUrl: null,
    failure: null, createdAt: t(0), updatedAt: t(0), checkedAt: null, otp: newOtpState('+77012345678'), capturedAmount: null, refundedAmount: 0, version: 1, saveCard: false, savedCardId: null,
  };
  const status = (providerState: string, state: PaymentRecord['state'], extra = {}) => ({ providerState, state, amount: 100000, currency: 'KZT', failure: null, ...extra });

  it('fails the payment at the fifth wrong code', () => {
    let current = applyProviderStatus(payment, status('awaiting clarification', 'requires_action', { otpRequested: true }), t(1), rules).next;
    for (let i = 0; i < 5; i++) {
      current = { ...current, state: 'processing', otp: codeSubmitted(current.otp!, t(2 + i)) };
      current = applyProviderStatus(current, status('awaiting clarification', 'requires_action', { otpRequested: true }), t(3 + i), rules).next;
    }
    assert.equal(current.state, 'failed');
    assert.equal(current.failure?.code, 'too_many_attempts');
  });

  it('never lets a late "awaiting" or "processing" undo a final state, and takes refunds after success', () => {
    const done = applyProviderStatus(payment, status('success', 'succeeded'), t(5), rules).next;
    assert.equal(done.state, 'succeeded');
    assert.equal(applyProviderStatus(done, status('awaiting clarification', 'requires_action', { otpRequested: true }), t(6), rules).next.state, 'succeeded');
    assert.equal(applyProviderStatus(done, status('decline', 'failed'), t(6), rules).next.state, 'succeeded');
    const partly = applyProviderStatus(done, status('partially refunded', 'partially_refunded', { amount: 60000 }), t(7), rules).next;
    assert.equal(partly.state, 'partially_refunded');
    assert.equal(partly.refundedAmount, 40000);
    const full = applyProviderStatus(partly, status('refunded', 'refunded', { amount: 0 }), t(8), rules).next;
    assert.equal(full.refundedAmount, 100000);
  });

  it('does not take a success for another amount', () => {
    const { next, amountMismatch } = applyProviderStatus(payment, status('success', 'succeeded', { amount: 1 }), t(5), rules);
    assert.equal(amountMismatch, true);
    assert.equal(next.state, 'failed');
  });
});

describe('settled payments', () => {
  const t0 = new Date(Date.UTC(2026, 10, 22)).toISOString();
  const paid: PaymentRecord = {
    id: 'pay_2', sessionId: 'cs_2', method: 'card', provider: 'kapital', amount: 10000, currency: 'AZN', state: 'succeeded',
    providerState: 'FullyPaid', providerOrderId: '1', providerRef: { id: '1' }, redirectUrl: null, failure: null,
    createdAt: t0, updatedAt: t0, checkedAt: null, otp: null, capturedAmount: null, refundedAmount: 0, version: 3, saveCard: false, savedCardId: null,
  };
  const said = (providerState: string, state: PaymentRecord['state'], amount = 10000) => ({ providerState, state, amount, currency: 'AZN', failure: null });

  it('takes a full reversal after a charge', () => {
    assert.equal(applyProviderStatus(paid, said('Voided', 'canceled'), t0, null).next.state, 'canceled');
  });

  it('moves the refunded sum on with each partial refund', () => {
    const first = applyProviderStatus(paid, said('partially refunded', 'partially_refunded', 7000), t0, null).next;
    assert.equal(first.refundedAmount, 3000);
    const second = applyProviderStatus(first, said('partially refunded', 'partially_refunded', 2000), t0, null).next;
    assert.equal(second.refundedAmount, 8000);
    assert.equal(second.updatedAt, t0);
  });

  it('never turns a charge back into a decline or a pending step', () => {
    for (const state of ['failed', 'requires_action', 'processing', 'expired'] as const) {
      assert.equal(applyProviderStatus(paid, said('x', state), t0, null).next.state, 'succeeded', state);
    }
  });
});
