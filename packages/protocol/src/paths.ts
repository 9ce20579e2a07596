// Routes of the companion API, relative to where the merchant mounts the router.
// Shared by the server (routing) and the element (requests) so the two cannot drift apart.

export const API_VERSION = 'v1';

export const paths = {
  sessions: '/v1/sessions',
  session: (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}`,
  sessionPayments: (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/payments`,
  sessionPayment: (sessionId: string, paymentId: string) =>
    `/v1/sessions/${encodeURIComponent(sessionId)}/payments/${encodeURIComponent(paymentId)}`,
  /** Code step of a mobile payment: POST { code }. */
  paymentOtp: (sessionId: string, paymentId: string) =>
    `/v1/sessions/${encodeURIComponent(sessionId)}/payments/${encodeURIComponent(paymentId)}/otp`,
  /** Ask for a new SMS code. */
  paymentOtpResend: (sessionId: string, paymentId: string) =>
    `/v1/sessions/${encodeURIComponent(sessionId)}/payments/${encodeURIComponent(paymentId)}/otp/resend`,
  /** Give up an attempt that cannot move money without us (a mobile payment before its code is relayed). */
  paymentCancel: (sessionId: string, paymentId: string) =>
    `/v1/sessions/${encodeURIComponent(sessionId)}/payments/${encodeURIComponent(paymentId)}/cancel`,
  /** Server-Sent Events of the session's latest payment (event `payment`, data PaymentView). */
  sessionEvents: (sessionId: string) => `/v1/sessions/${encodeURIComponent(sessionId)}/events`,
  /** Merchant API (API key): the payments, newest first. */
  payments: '/v1/payments',
  /** Element: forget one of the session customer's saved cards (DELETE). */
  savedCard: (sessionId: string, cardId: string) =>
    `/v1/sessions/${encodeURIComponent(sessionId)}/saved-cards/${encodeURIComponent(cardId)}`,
  payment: (paymentId: string) => `/v1/payments/${encodeURIComponent(paymentId)}`,
  /** Merchant API: capture, cancel, reverse or refund (POST, Idempotency-Key). */
  paymentOperation: (paymentId: string, kind: 'capture' | 'cancel' | 'reverse' | 'refund') =>
    `/v1/payments/${encodeURIComponent(paymentId)}/${kind}`,
  /** The OpenAPI 3.1 description of this API. */
  openapi: '/v1/openapi.json',
  providerReturn: (paymentId: string) => `/v1/return/${encodeURIComponent(paymentId)}`,
  providerCallback: (provider: string) => `/v1/callbacks/${encodeURIComponent(provider)}`,
} as const;

/** Header that carries the idempotency key of a payment attempt. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The client secret has the session id as its prefix, so the element needs only the secret. */
export const CLIENT_SECRET_SEPARATOR = '_secret_';

export function sessionIdFromClientSecret(clientSecret: string): string | null {
  const at = clientSecret.indexOf(CLIENT_SECRET_SEPARATOR);
  return at > 0 ? clientSecret.slice(0, at) : null;
}
