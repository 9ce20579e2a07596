// Bookkeeping of the SMS-code step, as pure functions of the stored state. The provider only ever
// says "send me a code" (again); whether that means a wrong code, an expired one, a new code after a
// resend or a duplicate callback is decided here.
import type { OtpAction } from '@pay-checkout/protocol';
import type { OtpState } from '../store/types.js';

export interface OtpRules {
  resendCooldownSeconds: number;
  codeTtlSeconds: number;
  maxResends: number;
  maxWrongCodes: number;
}

/** How long callback statuses stay distrusted after a resend when no new code request arrives. */
export const RESEND_DISTRUST_MS = 3 * 60_000;

const addSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

export function newOtpState(phone: string): OtpState {
  return {
    phoneMasked: maskPhone(phone),
    awaiting: false,
    codeSentAt: null,
    submittedAt: null,
    resends: 0,
    wrongCodes: 0,
    lastCode: 'none',
    resendAvailableAt: null,
    resendPendingSince: null,
  };
}

/** The provider asks for the code. */
export function codeRequested(otp: OtpState, now: string, rules: OtpRules): OtpState {
  let next = { ...otp, awaiting: true, resendPendingSince: null };
  if (otp.submittedAt) {
    // The code we relayed was not accepted: too late, or wrong.
    const expired = otp.codeSentAt !== null && Date.parse(otp.submittedAt) > Date.parse(addSeconds(otp.codeSentAt, rules.codeTtlSeconds));
    next = { ...next, submittedAt: null, lastCode: expired ? 'expired' : 'wrong', wrongCodes: otp.wrongCodes + (expired ? 0 : 1) };
  }
  if (!otp.codeSentAt) next = { ...next, codeSentAt: now, resendAvailableAt: addSeconds(now, rules.resendCooldownSeconds) };
  return next;
}

export function codeSubmitted(otp: OtpState, now: string): OtpState {
  return { ...otp, awaiting: false, submittedAt: now };
}

export function codeResent(otp: OtpState, now: string, rules: OtpRules): OtpState {
  return {
    ...otp,
    resends: otp.resends + 1,
    codeSentAt: now,
    resendAvailableAt: addSeconds(now, rules.resendCooldownSeconds),
    lastCode: 'none',
    resendPendingSince: now,
  };
}

export function tooManyWrongCodes(otp: OtpState, rules: OtpRules): boolean {
  return otp.wrongCodes >= rules.maxWrongCodes;
}

/** Callback statuses right after a resend may be wrong (the provider says so): don't take them at face value. */
export function distrustsCallbacks(otp: OtpState | null, now: number): boolean {
  return !!otp?.resendPendingSince && now - Date.parse(otp.resendPendingSince) < RESEND_DISTRUST_MS;
}

export function otpAction(otp: OtpState, rules: OtpRules): OtpAction {
  const resendsLeft = Math.max(0, rules.maxResends - otp.resends);
  return {
    type: 'otp',
    phone: otp.phoneMasked,
    resendAvailableAt: resendsLeft > 0 ? otp.resendAvailableAt : null,
    resendsLeft,
    attemptsLeft: Math.max(0, rules.maxWrongCodes - otp.wrongCodes),
    lastCode: otp.lastCode,
    codeExpiresAt: otp.codeSentAt ? addSeconds(otp.codeSentAt, rules.codeTtlSeconds) : null,
  };
}

/** +77012345678 -> +7 701 ***-**-78 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+7 ${digits.slice(1, 4)} ***-**-${digits.slice(-2)}`;
}
