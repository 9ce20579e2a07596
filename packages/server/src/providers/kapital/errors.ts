// Kapital Bank error bodies ({ errorCode, errorDescription, errorDetails }) as ProviderErrors: which
// ones mean "no usable answer, try later", a readable message for each, and the failure it means.
import type { FailureCode } from '@pay-checkout/protocol';
import { ProviderError } from '../http.js';
import { pmoFailureCode, pmoTitle } from './pmo-codes.js';

/** The "Errors" table of the collection; placeholders (<причина ...>) are replaced by the bank's own description. */
export const KAPITAL_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  InvalidAmt: 'Invalid amount',
  InvalidRequest: 'Invalid request',
  InvalidTran: 'Invalid transaction',
  InvalidTranLink: 'Invalid transaction linkage',
  TranProhibited: 'Transaction prohibited',
  ActionAppException: 'The bank could not perform the action',
  CantChooseSettleAcct: "Can't choose settlement account",
  PmoIfaceNotFound: 'PMO interface not found',
  PmoDecline: 'Transaction declined by PMO',
  PmoUnreachable: "Can't reach PMO",
  InvalidCert: 'Invalid certificate',
  InvalidLogin: 'Invalid login or password',
  InvalidOrderState: 'The order is not in a state that allows this operation',
  InvalidUserSession: 'Invalid user session',
  NeedChangePwd: 'Need change password',
  OperationProhibited: 'Operation prohibited',
  PwdTryLimitExceeded: 'Password try limit has been exceeded',
  UserSessionExpired: 'User session expired',
  CofpDecline: 'Declined by CoF Provider',
  CofpUnreachable: "Can't reach CoF Provider",
  InvalidToken: 'Invalid token',
  InvalidAutStatus: 'Invalid authentication status',
  ConsumerNotFound: 'Consumer not found',
  InvalidConsumer: 'Invalid consumer',
  InvalidSecret: 'Invalid secret code',
  SecretTryLimit: 'Secret try limit has been exceeded',
};

/** The bank could not reach its processing or card-on-file provider: nothing usable came back, ask again later. */
const UNAVAILABLE = new Set(['PmoUnreachable', 'CofpUnreachable']);

const FAILURES: Readonly<Record<string, FailureCode>> = {
  CofpDecline: 'card_declined',
  InvalidToken: 'card_declined',
  InvalidAutStatus: 'card_declined',
  InvalidSecret: 'card_declined',
  SecretTryLimit: 'too_many_attempts',
};

export interface KapitalErrorBody {
  errorCode: string;
  errorDescription?: string | undefined;
  errorDetails?: { pmoResultCode?: string | number | undefined; pmoDeclineDesc?: string | undefined } | undefined;
}

/** A ProviderError that keeps the bank's error code and what it means for the payment. */
export class KapitalError extends ProviderError {
  override name = 'KapitalError';
  constructor(
    message: string,
    kind: 'rejected' | 'unavailable',
    status: number | null,
    providerMessage: string | null,
    readonly errorCode: string,
    readonly failure: FailureCode,
  ) {
    super(message, kind, status, providerMessage);
  }
}

export function isKapitalErrorBody(body: unknown): body is KapitalErrorBody {
  return !!body && typeof body === 'object' && typeof (body as Record<string, unknown>).errorCode === 'string';
}

/** Which of our failure codes an error code means; PmoDecline goes by its PMO result code. */
export function kapitalErrorFailure(errorCode: string, pmoResultCode?: string | number): FailureCode {
  if (errorCode === 'PmoDecline') {
    return pmoResultCode === undefined ? 'card_declined' : (pmoFailureCode(String(pmoResultCode)) ?? 'card_declined');
  }
  return FAILURES[errorCode] ?? 'provider_error';
}

/** The message shown to the merchant: the bank's description when it gave one, else the table's words. */
export function kapitalErrorMessage(body: KapitalErrorBody): string {
  const pmo = body.errorDetails?.pmoResultCode;
  const known = KAPITAL_ERROR_MESSAGES[body.errorCode];
  const text = body.errorDescription?.trim() || (pmo !== undefined ? `${known ?? body.errorCode}: ${pmoTitle(String(pmo))}` : known) || body.errorCode;
  return `${body.errorCode}: ${text}`.slice(0, 200);
}

export function kapitalError(body: KapitalErrorBody, status: number | null): KapitalError {
  const kind = UNAVAILABLE.has(body.errorCode) ? 'unavailable' : 'rejected';
  return new KapitalError(
    `Kapital Bank answered ${body.errorCode}${status ? ` (HTTP ${status})` : ''}`,
    kind,
    status,
    kapitalErrorMessage(body),
    body.errorCode,
    kapitalErrorFailure(body.errorCode, body.errorDetails?.pmoResultCode),
  );
}
