// Sessions and payments: the server's judgement of what is true about a payment. Every provider
// answer passes through syncPayment; nothing the browser says about a result is ever believed.
import { createHash } from 'node:crypto';
import {
  CreatePaymentRequest,
  CreateSessionRequest,
  type CreateSessionResponse,
  type PaymentView,
  type ProviderId,
  type SessionView,
} from '@pay-checkout/protocol';
import { CLIENT_SECRET_SEPARATOR, paths } from '@pay-checkout/protocol/paths';
import type { ResolvedConfig } from '../config.js';
import { ApiError } from '../http/errors.js';
import { randomId, secretMatches, sha256 } from '../http/secrets.js';
import type { Logger } from '../log.js';
import { ProviderError } from '../providers/http.js';
import type { ProviderAdapter } from '../providers/types.js';
import type { PaymentRecord, SessionRecord, Store } from '../store/types.js';
import { applyProviderStatus, isFinal } from './transitions.js';
import { paymentView, sessionView } from './views.js';

/** Reads of the provider for one payment are at most this frequent unless forced (return, callback). */
const MIN_CHECK_INTERVAL_MS = 1000;
/** A duplicate request waits this long for the first one with its idempotency key to finish. */
const IDEMPOTENCY_WAIT_MS = 10_000;
/** A payment still without a provider order after this long was interrupted while being created. */
const CREATION_GRACE_MS = 2 * 60_000;

export interface PaymentResponse {
  status: number;
  body: unknown;
}

export class CheckoutService {
  constructor(
    private readonly config: ResolvedConfig,
    private readonly store: Store,
    private readonly providers: Map<ProviderId, ProviderAdapter>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Card payments go to the first configured card acquirer that takes the currency. */
  cardProvider(currency: string): ProviderAdapter | null {
    for (const adapter of this.providers.values()) {
      if (adapter.currencies.includes(currency)) return adapter;
    }
    return null;
  }

  async createSession(input: unknown): Promise<CreateSessionResponse> {
    const parsed = CreateSessionRequest.safeParse(input);
    if (!parsed.success) throw ApiError.invalid(parsed.error);
    const request = parsed.data;
    const origins = this.config.returnUrlOrigins;
    if (origins.length > 0 && !origins.includes(new URL(request.returnUrl).origin)) {
      throw new ApiError(400, 'invalid_request', 'returnUrl is not on an allowed origin', { field: 'returnUrl' });
    }
    const cardProvider = this.cardProvider(request.amount.currency);
    const methods = (request.methods ?? ['card']).filter((method) => method === 'card' && cardProvider);
    if (methods.length === 0) {
      throw new ApiError(400, 'method_not_available', `No payment method is available for ${request.amount.currency}`);
    }
    const id = randomId('cs');
    const clientSecret = `${id}${CLIENT_SECRET_SEPARATOR}${randomId('cx', 24).slice(3)}`;
    const createdAt = this.now();
    const ttl = (request.expiresInSeconds ?? this.config.sessionTtlSeconds) * 1000;
    const session: SessionRecord = {
      id,
      clientSecretHash: sha256(clientSecret),
      orderId: request.orderId,
      amount: request.amount.value,
      currency: request.amount.currency,
      description: request.description,
      customer: request.customer ?? {},
      returnUrl: request.returnUrl,
      methods: [...new Set(methods)],
      status: 'open',
      activePaymentId: null,
      latestPaymentId: null,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + ttl).toISOString(),
    };
    await this.store.insertSession(session);
    this.logger.info('session.created', { sessionId: id, orderId: session.orderId, amount: session.amount, currency: session.currency });
    return { id, clientSecret, expiresAt: session.expiresAt, session: await this.sessionView(session) };
  }

  /** The session a client secret opens; a wrong secret looks the same as an unknown session. */
  async authenticateSession(sessionId: string, clientSecret: string | null): Promise<SessionRecord> {
    const session = await this.store.getSession(sessionId);
    if (!session || !clientSecret || !secretMatches(clientSecret, session.clientSecretHash)) {
      throw new ApiError(404, 'session_not_found', 'No such checkout session, or the client secret does not match');
    }
    return this.expireIfDue(session);
  }

  async getSession(sessionId: string): Promise<SessionRecord> {
    const session = await this.store.getSession(sessionId);
    if (!session) throw new ApiError(404, 'session_not_found', 'No such checkout session');
    return this.expireIfDue(session);
  }

  async sessionView(session: SessionRecord): Promise<SessionView> {
    const stored = session.latestPaymentId ? await this.store.getPayment(session.latestPaymentId) : null;
    const payment = stored ? await this.syncPayment(stored) : null;
    // A state change may have completed the session or freed its active slot.
    const fresh = payment && payment.state !== stored?.state ? ((await this.store.getSession(session.id)) ?? session) : session;
    return sessionView(fresh, payment, this.config.merchantName, this.cardProvider(session.currency));
  }

  async getPaymentView(paymentId: string, sessionId?: string): Promise<PaymentView> {
    const payment = await this.store.getPayment(paymentId);
    if (!payment || (sessionId !== undefined && payment.sessionId !== sessionId)) {
      throw new ApiError(404, 'payment_not_found', 'No such payment');
    }
    return paymentView(await this.syncPayment(payment));
  }

  /** Creates a payment once per idempotency key; a repeated key replays the first answer. */
  async createPayment(session: SessionRecord, body: unknown, idempotencyKey: string | undefined): Promise<PaymentResponse> {
    if (!idempotencyKey) throw new ApiError(400, 'idempotency_key_required', 'The Idempotency-Key header is required');
    if (!/^[\x21-\x7e]{8,255}$/.test(idempotencyKey)) {
      throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8 to 255 printable characters');
    }
    const parsed = CreatePaymentRequest.safeParse(body);
    if (!parsed.success) throw ApiError.invalid(parsed.error);
    const requestHash = createHash('sha256').update(JSON.stringify({ method: parsed.data.method })).digest('hex');

    const claim = await this.store.claimIdempotencyKey(session.id, idempotencyKey, requestHash);
    if (!claim.claimed) {
      if (claim.existing.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      }
      return this.awaitFirstResponse(session.id, idempotencyKey);
    }
    let response: PaymentResponse;
    try {
      response = await this.startPayment(session, parsed.data.method, parsed.data.locale);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = { status: error.status, body: error.toBody() };
    }
    await this.store.completeIdempotencyKey(session.id, idempotencyKey, response);
    return response;
  }

  private async awaitFirstResponse(sessionId: string, key: string): Promise<PaymentResponse> {
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    while (Date.now() < deadline) {
      const record = await this.store.getIdempotencyKey(sessionId, key);
      if (record?.response) return record.response;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new ApiError(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed');
  }

  private async startPayment(session: SessionRecord, method: 'card', locale?: string): Promise<PaymentResponse> {
    if (session.status === 'expired') throw new ApiError(410, 'session_expired', 'This checkout session has expired');
    if (session.status === 'complete') throw new ApiError(409, 'session_completed', 'This checkout session is already paid');
    const adapter = this.cardProvider(session.currency);
    if (!session.methods.includes(method) || !adapter) {
      throw new ApiError(400, 'method_not_available', `The ${method} method is not available for this session`);
    }
    const createdAt = this.now().toISOString();
    const payment: PaymentRecord = {
      id: randomId('pay'),
      sessionId: session.id,
      method,
      provider: adapter.id,
      amount: session.amount,
      currency: session.currency,
      state: 'processing',
      providerState: null,
      providerOrderId: null,
      providerRef: null,
      redirectUrl: null,
      failure: null,
      createdAt,
      updatedAt: createdAt,
      checkedAt: null,
    };
    const started = await this.store.startPayment(payment);
    if (!started.started) return this.continueActivePayment(session, started.activePaymentId, method, locale);
    this.logger.info('payment.started', { paymentId: payment.id, sessionId: session.id, provider: adapter.id });

    try {
      const created = await adapter.createPayment({
        payment,
        session,
        returnUrls: {
          success: `${this.config.publicUrl}${paths.providerReturn(payment.id)}?outcome=success`,
          error: `${this.config.publicUrl}${paths.providerReturn(payment.id)}?outcome=error`,
        },
        callbackUrl: `${this.config.publicUrl}${paths.providerCallback(adapter.id)}`,
        locale,
      });
      if (!adapter.redirectOrigins.includes(new URL(created.redirectUrl).origin)) {
        throw new ProviderError('provider sent a payment page outside its allowlist', 'rejected');
      }
      const next: PaymentRecord = {
        ...payment,
        state: created.state === 'processing' ? 'requires_action' : created.state,
        providerState: created.providerState,
        providerOrderId: created.providerOrderId,
        providerRef: created.providerRef,
        redirectUrl: created.redirectUrl,
        updatedAt: this.now().toISOString(),
      };
      await this.store.updatePayment(next, payment.state);
      this.logger.info('payment.created', { paymentId: payment.id, providerOrderId: created.providerOrderId });
      return { status: 201, body: paymentView(next) };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // The shopper never received a payment page, so even if the provider did create an order,
      // nobody can pay it: failing this attempt cannot lose or double money.
      const failed: PaymentRecord = {
        ...payment,
        state: 'failed',
        failure: { code: 'provider_error', reason: error.providerMessage },
        updatedAt: this.now().toISOString(),
      };
      await this.store.updatePayment(failed, payment.state);
      this.logger.warn('payment.provider_error', { paymentId: payment.id, kind: error.kind, status: error.status, message: error.message });
      throw error.kind === 'rejected'
        ? new ApiError(502, 'provider_error', 'The payment provider refused the payment', { paymentId: payment.id })
        : new ApiError(503, 'provider_unavailable', 'The payment provider is not reachable; try again', { paymentId: payment.id });
    }
  }

  /** Another attempt is in flight: answer with it instead of opening a second provider order. */
  private async continueActivePayment(session: SessionRecord, activeId: string, method: 'card', locale?: string): Promise<PaymentResponse> {
    const active = activeId ? await this.store.getPayment(activeId) : null;
    if (active) {
      const synced = await this.syncPayment(active, true);
      if (!isFinal(synced.state) && synced.state !== 'authorized') return { status: 200, body: paymentView(synced) };
    }
    const current = await this.getSession(session.id);
    if (current.activePaymentId === null && current.status === 'open') return this.startPayment(current, method, locale);
    if (current.status === 'complete') throw new ApiError(409, 'session_completed', 'This checkout session is already paid');
    if (current.status === 'expired') throw new ApiError(410, 'session_expired', 'This checkout session has expired');
    throw new ApiError(409, 'idempotency_key_in_use', 'Another payment attempt for this session is still being processed');
  }

  /** Re-reads the provider and records what it says. Safe to call from any number of places at once. */
  async syncPayment(payment: PaymentRecord, force = false): Promise<PaymentRecord> {
    if (isFinal(payment.state)) return payment;
    const now = this.now();
    if (!payment.providerRef) return this.failIfCreationInterrupted(payment, now);
    if (!force && payment.checkedAt && now.getTime() - Date.parse(payment.checkedAt) < MIN_CHECK_INTERVAL_MS) return payment;
    const adapter = this.providers.get(payment.provider);
    if (!adapter) return payment;
    let status;
    try {
      status = await adapter.fetchStatus(payment);
    } catch (error) {
      this.logger.warn('payment.status_unavailable', { paymentId: payment.id, message: (error as Error).message });
      return payment;
    }
    const { next, amountMismatch } = applyProviderStatus(payment, status, now.toISOString());
    if (amountMismatch) {
      this.logger.error('payment.amount_mismatch', {
        paymentId: payment.id,
        expected: { amount: payment.amount, currency: payment.currency },
        provider: { amount: status.amount, currency: status.currency, state: status.providerState },
      });
    }
    if (!(await this.store.updatePayment(next, payment.state))) {
      return (await this.store.getPayment(payment.id)) ?? payment;
    }
    if (next.state !== payment.state) {
      this.logger.info('payment.state_changed', { paymentId: payment.id, from: payment.state, to: next.state, providerState: status.providerState });
    }
    return next;
  }

  private async failIfCreationInterrupted(payment: PaymentRecord, now: Date): Promise<PaymentRecord> {
    if (now.getTime() - Date.parse(payment.createdAt) < CREATION_GRACE_MS) return payment;
    const failed: PaymentRecord = {
      ...payment,
      state: 'failed',
      failure: { code: 'provider_error', reason: null },
      updatedAt: now.toISOString(),
    };
    return (await this.store.updatePayment(failed, payment.state)) ? failed : ((await this.store.getPayment(payment.id)) ?? payment);
  }

  /** The shopper is back from a hosted page: re-read the provider, then send them to the merchant. */
  async handleReturn(paymentId: string): Promise<string> {
    const payment = await this.store.getPayment(paymentId);
    if (!payment) throw new ApiError(404, 'payment_not_found', 'No such payment');
    await this.syncPayment(payment, true);
    const session = await this.getSession(payment.sessionId);
    const target = new URL(session.returnUrl);
    target.searchParams.set('pay_checkout_session', session.id);
    return target.toString();
  }

  /** A provider notification: for unsigned providers only a trigger to re-read the state. */
  async handleCallback(provider: string, body: unknown): Promise<void> {
    const adapter = this.providers.get(provider as ProviderId);
    if (!adapter) throw new ApiError(404, 'not_found', 'No such provider');
    const trigger = adapter.parseCallback(body);
    if (!trigger) throw new ApiError(400, 'invalid_request', 'The callback does not name a payment');
    let payment = trigger.providerOrderId
      ? await this.store.findPaymentByProviderOrder(adapter.id, trigger.providerOrderId)
      : null;
    if (!payment && trigger.merchantReference) {
      const candidate = await this.store.getPayment(trigger.merchantReference);
      if (candidate?.provider === adapter.id) payment = candidate;
    }
    if (!payment) throw new ApiError(404, 'payment_not_found', 'No payment matches this callback');
    this.logger.info('callback.received', { provider: adapter.id, paymentId: payment.id });
    await this.syncPayment(payment, true);
  }

  private async expireIfDue(session: SessionRecord): Promise<SessionRecord> {
    if (session.status !== 'open' || session.activePaymentId) return session;
    if (this.now().getTime() < Date.parse(session.expiresAt)) return session;
    await this.store.updateSessionStatus(session.id, 'expired');
    return { ...session, status: 'expired' };
  }
}
