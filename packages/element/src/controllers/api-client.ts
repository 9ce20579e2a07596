// Fetch wrapper for the companion API: Bearer client secret, JSON, idempotency header,
// per-request timeout, and every failure turned into a typed ApiError with a stable code.
// It is a Lit reactive controller so requests in flight are aborted when the element leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  CreatePaymentRequest,
  ErrorCode,
  PaymentView,
  SessionView,
} from '@pay-checkout/protocol';
import { IDEMPOTENCY_HEADER, paths } from '@pay-checkout/protocol/paths';

/** Failures the element detects itself, next to the server's ErrorCode. */
export type ClientErrorCode =
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'bad_response'
  | 'redirect_blocked'
  | 'invalid_client_secret';

export type CheckoutErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: CheckoutErrorCode,
    message: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Worth repeating with the same request (and the same idempotency key). */
  get transient(): boolean {
    return (
      this.code === 'network_error' ||
      this.code === 'timeout' ||
      this.code === 'idempotency_key_in_use' ||
      this.status >= 500
    );
  }
}

// Used when an error response has no parsable { error: { code } } body (a proxy page, for example).
function codeFromStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal_error';
  return 'invalid_request';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
}

export class ApiClient implements ReactiveController {
  endpoint = '';
  clientSecret = '';
  timeoutMs = 30_000;
  /** Server clock minus ours, from the Date header (readable same-origin, or cross-origin when exposed). */
  serverOffsetMs = 0;
  readonly #inFlight = new Set<AbortController>();

  constructor(host?: ReactiveControllerHost) {
    host?.addController(this);
  }

  hostDisconnected(): void {
    this.abortAll();
  }

  abortAll(): void {
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
  }

  getSession(sessionId: string): Promise<SessionView> {
    return this.#request(paths.session(sessionId));
  }

  createPayment(sessionId: string, body: CreatePaymentRequest, idempotencyKey: string): Promise<PaymentView> {
    return this.#request(paths.sessionPayments(sessionId), { method: 'POST', body, idempotencyKey });
  }

  getPayment(sessionId: string, paymentId: string): Promise<PaymentView> {
    return this.#request(paths.sessionPayment(sessionId, paymentId));
  }

  submitOtp(sessionId: string, paymentId: string, code: string): Promise<PaymentView> {
    return this.#request(paths.paymentOtp(sessionId, paymentId), { method: 'POST', body: { code } });
  }

  resendOtp(sessionId: string, paymentId: string): Promise<PaymentView> {
    return this.#request(paths.paymentOtpResend(sessionId, paymentId), { method: 'POST', body: {} });
  }

  cancelPayment(sessionId: string, paymentId: string): Promise<PaymentView> {
    return this.#request(paths.paymentCancel(sessionId, paymentId), { method: 'POST', body: {} });
  }

  /** Forgets one of the session customer's saved cards (204, no body). */
  removeSavedCard(sessionId: string, cardId: string): Promise<void> {
    return this.#request(paths.savedCard(sessionId, cardId), { method: 'DELETE' });
  }

  /** The session's event stream; LiveUpdates reads it and owns the abort. */
  openEvents(sessionId: string, signal: AbortSignal): Promise<Response> {
    return fetch(this.#url(paths.sessionEvents(sessionId)), {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${this.clientSecret}` },
      signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  }

  #noteServerTime(response: Response, sentAt: number): void {
    const date = Date.parse(response.headers.get('date') ?? '');
    // The header has whole seconds: +500 ms centres the error; the midpoint of the request is our "then".
    if (Number.isFinite(date)) this.serverOffsetMs = date + 500 - (sentAt + Date.now()) / 2;
  }

  #url(path: string): string {
    return this.endpoint.replace(/\/+$/, '') + path;
  }

  async #request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.clientSecret}`,
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    this.#inFlight.add(controller);
    const sentAt = Date.now();
    try {
      let response: Response;
      try {
        response = await fetch(this.#url(path), {
          method: options.method ?? 'GET',
          headers,
          body: options.body === undefined ? null : JSON.stringify(options.body),
          signal: controller.signal,
          credentials: 'omit', // the client secret is the credential; merchant cookies stay out
          cache: 'no-store',
        });
      } catch (cause) {
        if (timedOut) throw new ApiError('timeout', 'The request timed out');
        if (controller.signal.aborted) throw new ApiError('aborted', 'The request was aborted');
        throw new ApiError('network_error', cause instanceof Error ? cause.message : 'Network error');
      }
      this.#noteServerTime(response, sentAt);
      if (response.status === 204) return undefined as T;
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        if (typeof body !== 'object' || body === null) {
          throw new ApiError('bad_response', 'Expected a JSON object', response.status);
        }
        return body as T;
      }
      const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      throw new ApiError(
        typeof error?.code === 'string' ? (error.code as ErrorCode) : codeFromStatus(response.status),
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
        response.status,
        error?.details,
      );
    } catch (error) {
      // response.json() may also be interrupted by the timeout.
      if (error instanceof ApiError) throw error;
      throw new ApiError(timedOut ? 'timeout' : 'network_error', String(error));
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }
}
