// Sessions and payments: the server's judgement of what is true about a payment. Every provider
// answer passes through applyProviderStatus; nothing the browser says about a result is believed.
import { createHash } from 'node:crypto';
import {
  CreatePaymentRequest,
  CreateSessionRequest,
  type CreateSessionResponse,
  type MethodType,
  type PaymentView,
  type ProviderId,
  type SessionView,
} from '@pay-checkout/protocol';
import { toDecimalString } from '@pay-checkout/protocol/money';
import { CLIENT_SECRET_SEPARATOR, paths } from '@pay-checkout/protocol/paths';
import type { ResolvedConfig } from '../config.js';
import { ApiError } from '../http/errors.js';
import { randomId, secretMatches, sha256 } from '../http/secrets.js';
import type { Logger } from '../log.js';
import { ProviderError } from '../providers/http.js';
import type { PaymentDetails, ProviderAdapter, ProviderCard, ProviderStatus } from '../providers/types.js';
import { type KeyCompletion, newPayment, type OutboxEvent, type PaymentRecord, type SessionRecord, type Store } from '../store/types.js';
import { changed, paymentEvent } from '../notifications/events.js';
import type { NotificationDelivery } from '../notifications/delivery.js';
import type { PaymentEvents } from './events.js';
import { operationLimits } from './operation-limits.js';
import { canSaveCard, cardOfSession, keepCard, savedCardsFor, savedCardView } from './saved-cards.js';
import { newOtpState, type OtpRules } from './otp.js';
import { applyProviderStatus, isFinal, isSettled } from './transitions.js';
import { merchantPaymentSummary, type MerchantPaymentSummary, methodOption, type OfferedMethod, paymentView, sessionView } from './views.js';

/** Reads of the provider for one payment are at most this frequent unless forced (return, callback). */
const MIN_CHECK_INTERVAL_MS = 1000;
/** A duplicate request waits this long for the first one with its idempotency key to finish. */
const IDEMPOTENCY_WAIT_MS = 10_000;
/**
 * A payment with no provider reference this long after it started lost its creation: the process that
 * started it has answered or died by then (creation makes at most three provider calls in a row, each
 * bounded by the provider timeout), and no shopper ever got its page or code.
 */
const creationGraceMs = (providerTimeoutMs: number) => 4 * providerTimeoutMs + 5_000;

export interface PaymentResponse {
  status: number;
  body: unknown;
}

/** An answer to a payment creation; `recorded`: already stored under its idempotency key. */
interface CreationAnswer extends PaymentResponse {
  recorded?: boolean;
}

export interface RequestContext {
  clientIp: string;
}

/** Card payments: a saved card to pay with, or the wish to keep the card entered on the hosted page. */
interface CardChoice {
  savedCardId?: string | undefined;
  saveCard?: boolean | undefined;
}

export class CheckoutService {
  constructor(
    readonly config: ResolvedConfig,
    readonly store: Store,
    private readonly providers: Map<ProviderId, ProviderAdapter>,
    readonly logger: Logger,
    readonly events: PaymentEvents,
    readonly notifications: NotificationDelivery,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** SMS-code rules, when mobile commerce is configured. */
  get otpRules(): OtpRules | null {
    return this.config.providers.monetix ?? null;
  }

  adapter(provider: ProviderId): ProviderAdapter | undefined {
    return this.providers.get(provider);
  }

  /** The merchant's route for the method and currency, else the first configured provider that serves it. */
  providerFor(method: MethodType, currency: string): ProviderAdapter | null {
    const routes = this.config.routing[method];
    const routed = routes?.[currency] ?? routes?.['*'];
    if (routed) {
      const adapter = this.providers.get(routed);
      return adapter?.methods.includes(method) && adapter.currencies.includes(currency) ? adapter : null;
    }
    for (const adapter of this.providers.values()) {
      if (adapter.methods.includes(method) && adapter.currencies.includes(currency)) return adapter;
    }
    return null;
  }

  /** Why a method cannot serve a session, or null when it can. */
  private methodUnavailable(method: MethodType, amount: number, currency: string, customer: SessionRecord['customer']): string | null {
    const adapter = this.providerFor(method, currency);
    if (!adapter) return `The ${method} method is not available for ${currency}`;
    // Refused here, not by the provider when the shopper pays: no attempt could ever go through.
    const max = adapter.maxAmount?.(currency);
    if (max !== undefined && amount > max) return `${adapter.displayName} takes at most ${toDecimalString(max, currency)} ${currency}`;
    // Monetix requires the customer's names and email on every mobile sale.
    if (method === 'kz_mobile' && (!customer.name || !customer.email)) return 'kz_mobile needs customer.name and customer.email';
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
    const customer = request.customer ?? {};
    const currency = request.amount.currency;
    let methods: MethodType[];
    if (request.methods) {
      methods = [...new Set(request.methods)];
      const refused = methods.map((m) => this.methodUnavailable(m, request.amount.value, currency, customer)).find(Boolean);
      if (refused) throw new ApiError(400, 'method_not_available', refused);
    } else {
      methods = (['card', 'kz_mobile'] as const).filter((m) => !this.methodUnavailable(m, request.amount.value, currency, customer));
      if (methods.length === 0) throw new ApiError(400, 'method_not_available', `No payment method is available for ${currency}`);
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
      currency,
      description: request.description,
      customer,
      returnUrl: request.returnUrl,
      methods,
      captureMethod: request.captureMethod ?? null,
      status: 'open',
      activePaymentId: null,
      latestPaymentId: null,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + ttl).toISOString(),
    };
    await this.store.insertSession(session);
    this.logger.info('session.created', { sessionId: id, orderId: session.orderId, amount: session.amount, currency });
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
    // Saved cards are offered only while the shopper can still pay.
    const open = fresh.status === 'open' && !fresh.activePaymentId;
    const cards = open ? { saved: (await savedCardsFor(this, fresh)).map(savedCardView), canSave: canSaveCard(this, fresh) } : undefined;
    return sessionView(fresh, payment, this.config.merchantName, await this.offeredMethods(session), this.otpRules, cards);
  }

  private async offeredMethods(session: SessionRecord): Promise<OfferedMethod[]> {
    const offered: OfferedMethod[] = [];
    for (const type of session.methods) {
      const adapter = this.providerFor(type, session.currency);
      if (!adapter) continue;
      const operators = type === 'kz_mobile' && adapter.operators ? await adapter.operators() : undefined;
      offered.push({ adapter, option: methodOption(type, adapter, operators) });
    }
    return offered;
  }

  view(payment: PaymentRecord): PaymentView {
    return paymentView(payment, this.otpRules);
  }

  async getPaymentRecord(paymentId: string, sessionId?: string): Promise<PaymentRecord> {
    const payment = await this.store.getPayment(paymentId);
    if (!payment || (sessionId !== undefined && payment.sessionId !== sessionId)) {
      throw new ApiError(404, 'payment_not_found', 'No such payment');
    }
    return payment;
  }

  async getPaymentView(paymentId: string, sessionId?: string): Promise<PaymentView> {
    return this.view(await this.syncPayment(await this.getPaymentRecord(paymentId, sessionId)));
  }

  /**
   * Writes a payment (compare-and-set) with the merchant notifications its change produces, in one
   * transaction, and tells live listeners; null when someone else wrote it first.
   */
  async save(next: PaymentRecord, completes?: KeyCompletion): Promise<PaymentRecord | null> {
    const events = this.notifications.enabled ? await this.eventsFor(next) : [];
    if (events === null) return null;
    const saved = await this.store.updatePayment(next, events, completes);
    if (saved) {
      this.events.emit(saved);
      if (events.length) this.notifications.kick();
    }
    return saved;
  }

  /**
   * The notification a write produces, read against the stored version it replaces (null: that version
   * is gone, the write would lose its compare-and-set anyway). Only read when someone listens: the
   * compare-and-set alone keeps writes safe, so without notifications a write costs no extra read.
   */
  private async eventsFor(next: PaymentRecord): Promise<OutboxEvent[] | null> {
    const before = await this.store.getPayment(next.id);
    if (!before || before.version !== next.version) return null;
    return changed(before, next) ? [paymentEvent(await this.merchantSummary(next), this.now())] : [];
  }

  /** Automatic or manual capture, as the payment was made: the session's choice, else the provider's default. */
  captureMethodOf(session: SessionRecord, provider: ProviderId): 'automatic' | 'manual' {
    if (session.captureMethod) return session.captureMethod;
    const settings = this.config.providers[provider] as { twoPhase?: boolean } | undefined;
    return settings?.twoPhase ? 'manual' : 'automatic';
  }

  /** The payment as the merchant sees it, without its operation list (lists and notifications). */
  async merchantSummary(payment: PaymentRecord, session?: SessionRecord): Promise<MerchantPaymentSummary> {
    const owner = session ?? (await this.store.getSession(payment.sessionId));
    if (!owner) throw new Error(`payment ${payment.id} has no session`);
    const adapter = this.providers.get(payment.provider);
    return merchantPaymentSummary(payment, owner, this.captureMethodOf(owner, payment.provider), operationLimits(payment, adapter), this.otpRules);
  }

  /** Creates a payment once per idempotency key; a repeated key replays the first answer. */
  async createPayment(session: SessionRecord, body: unknown, idempotencyKey: string | undefined, context: RequestContext): Promise<PaymentResponse> {
    if (!idempotencyKey) throw new ApiError(400, 'idempotency_key_required', 'The Idempotency-Key header is required');
    if (!/^[\x21-\x7e]{8,255}$/.test(idempotencyKey)) {
      throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8 to 255 printable characters');
    }
    const parsed = CreatePaymentRequest.safeParse(body);
    if (!parsed.success) throw ApiError.invalid(parsed.error);
    const { locale: _locale, ...identity } = parsed.data;
    const requestHash = createHash('sha256').update(JSON.stringify(identity)).digest('hex');

    const claim = await this.store.claimIdempotencyKey(session.id, idempotencyKey, requestHash);
    if (!claim.claimed) {
      if (claim.existing.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      }
      return this.awaitFirstResponse(session.id, idempotencyKey);
    }
    let response: CreationAnswer;
    try {
      const request = parsed.data;
      const details: PaymentDetails = request.method === 'kz_mobile' ? { phone: request.phone, operator: request.operator } : {};
      const card = request.method === 'card' ? { savedCardId: request.savedCardId, saveCard: request.saveCard === true } : {};
      const key = { sessionId: session.id, key: idempotencyKey };
      response = await this.startPayment(session, request.method, details, context, request.locale, card, key);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = { status: error.status, body: error.toBody() };
    }
    if (!response.recorded) await this.store.completeIdempotencyKey(session.id, idempotencyKey, response);
    return { status: response.status, body: response.body };
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

  private async startPayment(
    session: SessionRecord,
    method: MethodType,
    details: PaymentDetails,
    context: RequestContext,
    locale?: string,
    card: CardChoice = {},
    key?: Omit<KeyCompletion, 'response'>,
  ): Promise<CreationAnswer> {
    if (session.status === 'expired') throw new ApiError(410, 'session_expired', 'This checkout session has expired');
    if (session.status === 'complete') throw new ApiError(409, 'session_completed', 'This checkout session is already paid');
    const adapter = this.providerFor(method, session.currency);
    if (!session.methods.includes(method) || !adapter) {
      throw new ApiError(400, 'method_not_available', `The ${method} method is not available for this session`);
    }
    const savedCard = card.savedCardId ? (await cardOfSession(this, session, card.savedCardId)).card : null;
    // Saving is a choice on the hosted page's card; a saved card is already kept.
    const saveCard = !savedCard && card.saveCard === true && canSaveCard(this, session);
    if (method === 'kz_mobile' && details.phone) await this.takeMobileLimits(details.phone, context.clientIp);

    const createdAt = this.now().toISOString();
    const payment = newPayment({
      id: randomId('pay'),
      sessionId: session.id,
      method,
      provider: adapter.id,
      amount: session.amount,
      currency: session.currency,
      createdAt,
      otp: details.phone ? newOtpState(details.phone) : null,
      saveCard,
      savedCardId: savedCard?.id ?? null,
    });
    const started = await this.store.startPayment(payment);
    if (!started.started) return this.continueActivePayment(session, started.activePaymentId, method, details, context, locale, card, key);
    this.logger.info('payment.started', { paymentId: payment.id, sessionId: session.id, provider: adapter.id, method });

    try {
      const created = await adapter.createPayment({
        payment,
        session,
        details,
        clientIp: context.clientIp,
        returnUrls: {
          success: `${this.config.publicUrl}${paths.providerReturn(payment.id)}?outcome=success`,
          error: `${this.config.publicUrl}${paths.providerReturn(payment.id)}?outcome=error`,
        },
        callbackUrl: `${this.config.publicUrl}${paths.providerCallback(adapter.id)}`,
        locale,
        savedCard: savedCard ?? undefined,
        saveCard,
      });
      if (created.redirectUrl && !adapter.redirectOrigins.includes(new URL(created.redirectUrl).origin)) {
        throw new ProviderError('provider sent a payment page outside its allowlist', 'rejected');
      }
      // A fast callback may already have moved the payment on; only fill in what creation learned.
      const filled = (current: PaymentRecord): PaymentRecord => {
        const fresh = current.version === payment.version;
        return {
          ...current,
          state: fresh ? created.state : current.state,
          providerState: fresh ? created.providerState : current.providerState,
          providerOrderId: created.providerOrderId,
          providerRef: created.providerRef,
          redirectUrl: created.redirectUrl,
          failure: fresh ? (created.failure ?? null) : current.failure,
          updatedAt: this.now().toISOString(),
        };
      };
      // Usually nothing has: the compare-and-set write says so without a read first, and records the
      // answer under the idempotency key in the same transaction (the store returns the record it wrote).
      const written = filled(payment);
      const answer = { status: 201, body: this.view({ ...written, version: written.version + 1 }) };
      const first = await this.save(written, key && { ...key, response: answer });
      this.logger.info('payment.created', { paymentId: payment.id, providerOrderId: created.providerOrderId });
      if (first) return { ...answer, recorded: key !== undefined };
      const current = await this.store.getPayment(payment.id);
      const next = current && (await this.save(filled(current)));
      return { status: 201, body: this.view(next ?? (await this.getPaymentRecord(payment.id))) };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      if (savedCard && error.kind === 'unavailable') return this.keepUnresolved(payment, error);
      // The shopper never received a payment page or code, so even if the provider did create an
      // order, nobody can pay it: failing this attempt cannot lose or double money.
      await this.save({ ...payment, state: 'failed', failure: { code: 'provider_error', reason: error.providerMessage }, updatedAt: this.now().toISOString() });
      this.logger.warn('payment.provider_error', { paymentId: payment.id, kind: error.kind, status: error.status, message: error.message });
      throw error.kind === 'rejected'
        ? new ApiError(502, 'provider_error', 'The payment provider refused the payment', { paymentId: payment.id })
        : new ApiError(503, 'provider_unavailable', 'The payment provider is not reachable; try again', { paymentId: payment.id });
    }
  }

  /**
   * A saved-card charge whose answer never came: the provider may have taken the money without the
   * shopper doing anything more, so this attempt must not fail (a new one would charge again). It
   * stays processing and keeps the session's slot, so no second charge can start, until the provider's
   * record settles it (callback, or the merchant's reconciliation).
   */
  private async keepUnresolved(payment: PaymentRecord, error: ProviderError): Promise<PaymentResponse> {
    const saved = await this.save({ ...payment, providerState: 'UNKNOWN', updatedAt: this.now().toISOString() });
    this.logger.error('payment.outcome_unknown', { paymentId: payment.id, provider: payment.provider, message: error.message });
    return { status: 201, body: this.view(saved ?? (await this.getPaymentRecord(payment.id))) };
  }

  /** Per-phone and per-IP limits on starting mobile payments; past them, no call to the provider. */
  private async takeMobileLimits(phone: string, clientIp: string): Promise<void> {
    const { mobilePerPhone, mobilePerIp } = this.config.limits;
    const now = this.now().getTime();
    const checks = [
      { bucket: `mobile:phone:${sha256(phone)}`, limit: mobilePerPhone, what: 'this phone number' },
      { bucket: `mobile:ip:${clientIp}`, limit: mobilePerIp, what: 'this network address' },
    ];
    for (const { bucket, limit, what } of checks) {
      if (!(await this.store.takeRateLimit(bucket, limit.max, limit.windowSeconds * 1000, now))) {
        this.logger.warn('rate_limited', { bucket: bucket.split(':').slice(0, 2).join(':') });
        throw new ApiError(429, 'rate_limited', `Too many mobile payments from ${what}; try again later`, { retryAfterSeconds: limit.windowSeconds });
      }
    }
  }

  /** Another attempt is in flight: answer with it instead of opening a second provider order. */
  private async continueActivePayment(
    session: SessionRecord,
    activeId: string,
    method: MethodType,
    details: PaymentDetails,
    context: RequestContext,
    locale?: string,
    card: CardChoice = {},
    key?: Omit<KeyCompletion, 'response'>,
  ): Promise<CreationAnswer> {
    const active = activeId ? await this.store.getPayment(activeId) : null;
    if (active) {
      const synced = await this.syncPayment(active, true);
      if (!isSettled(synced.state)) return { status: 200, body: this.view(synced) };
    }
    const current = await this.getSession(session.id);
    if (current.activePaymentId === null && current.status === 'open') return this.startPayment(current, method, details, context, locale, card, key);
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
    let status: ProviderStatus;
    try {
      status = await adapter.fetchStatus(payment);
    } catch (error) {
      this.logger.warn('payment.status_unavailable', { paymentId: payment.id, message: (error as Error).message });
      return payment;
    }
    return this.applyStatus(payment, status);
  }

  /** The card a payment saved, kept for its session's customer. */
  private async keepSavedCard(payment: PaymentRecord, card: ProviderCard): Promise<void> {
    const session = await this.store.getSession(payment.sessionId);
    if (!session?.customer.id) return;
    const kept = await keepCard(this, session.customer.id, payment.provider, card);
    this.logger.info('saved_card.kept', { paymentId: payment.id, cardId: kept.id, provider: payment.provider });
  }

  /** Reads the provider even for a final payment: refunds and reversals come after the payment is final. */
  async reread(payment: PaymentRecord): Promise<PaymentRecord> {
    const adapter = this.providers.get(payment.provider);
    if (!adapter || !payment.providerRef) return payment;
    try {
      return await this.applyStatus(payment, await adapter.fetchStatus(payment));
    } catch (error) {
      this.logger.warn('payment.status_unavailable', { paymentId: payment.id, message: (error as Error).message });
      return payment;
    }
  }

  /** Records a provider status; on a lost compare-and-set, re-reads and tries once more. */
  async applyStatus(payment: PaymentRecord, status: ProviderStatus): Promise<PaymentRecord> {
    let current = payment;
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.now().toISOString();
      const { next, amountMismatch } = applyProviderStatus(current, status, now, this.otpRules);
      if (status.state === 'succeeded' && isFinal(current.state) && current.state !== 'succeeded' && !current.state.includes('refunded')) {
        this.logger.error('payment.success_after_close', { paymentId: payment.id, state: current.state, providerState: status.providerState });
      }
      if (amountMismatch) {
        this.logger.error('payment.amount_mismatch', {
          paymentId: payment.id,
          expected: { amount: current.amount, currency: current.currency },
          provider: { amount: status.amount, currency: status.currency, state: status.providerState },
        });
      }
      const saved = await this.save(next);
      if (saved) {
        if (status.savedCard && saved.saveCard && (saved.state === 'succeeded' || saved.state === 'authorized')) await this.keepSavedCard(saved, status.savedCard);
        if (saved.state !== current.state) {
          this.logger.info('payment.state_changed', { paymentId: payment.id, from: current.state, to: saved.state, providerState: status.providerState });
        }
        return saved;
      }
      current = await this.getPaymentRecord(payment.id);
    }
    return current;
  }

  private async failIfCreationInterrupted(payment: PaymentRecord, now: Date): Promise<PaymentRecord> {
    if (now.getTime() - Date.parse(payment.createdAt) < creationGraceMs(this.config.providerTimeoutMs)) return payment;
    // A saved-card charge may have moved money without an answer: only the provider's record ends it.
    if (payment.savedCardId) return payment;
    const failed = await this.save({ ...payment, state: 'failed', failure: { code: 'provider_error', reason: null }, updatedAt: now.toISOString() });
    return failed ?? (await this.getPaymentRecord(payment.id));
  }

  /** The shopper is back from a hosted page: re-read the provider, then send them to the merchant. */
  async handleReturn(paymentId: string): Promise<string> {
    const payment = await this.getPaymentRecord(paymentId);
    await this.syncPayment(payment, true);
    const session = await this.getSession(payment.sessionId);
    const target = new URL(session.returnUrl);
    target.searchParams.set('pay_checkout_session', session.id);
    return target.toString();
  }

  private async expireIfDue(session: SessionRecord): Promise<SessionRecord> {
    if (session.status !== 'open' || session.activePaymentId) return session;
    if (this.now().getTime() < Date.parse(session.expiresAt)) return session;
    await this.store.updateSessionStatus(session.id, 'expired');
    return { ...session, status: 'expired' };
  }
}
