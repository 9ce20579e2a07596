import {
  LitElement,
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { CreatePaymentRequest, OtpAction, PaymentMethodOption, PaymentView, SavedCard, SessionView } from '@pay-checkout/protocol';
import { sessionIdFromClientSecret } from '@pay-checkout/protocol/paths';
import { styles } from './pay-checkout.styles.js';
import { ApiClient, ApiError, type CheckoutErrorCode } from './controllers/api-client.js';
import { DEFAULT_POLL_OPTIONS, Poller, type PollOptions, type PollResult } from './controllers/poller.js';
import { keyFor, nextAttempt, rememberChoice, rememberedChoice } from './controllers/attempt-keys.js';
import { LiveUpdates } from './controllers/live-updates.js';
import { systemClock, type Clock } from './controllers/countdown.js';
import { errorText, resolveLocale, translator, type Locale, type Translate } from './locales/msg.js';
import { methodFor } from './methods/registry.js';
import type { MethodContext, PaymentMethod } from './methods/types.js';
import { savedCardMethod } from './methods/saved-card/saved-card.js';
import { runAction } from './actions/registry.js';
import type { ActionHost } from './actions/types.js';
import { OtpStep } from './actions/otp-step.js';
import { formatAmount } from './format-amount.js';
import { renderMethodPicker, type PickerEntry } from './views/method-picker.js';
import {
  renderError,
  renderExpired,
  renderFailed,
  renderProcessing,
  renderSkeleton,
  renderStatus,
  renderSucceeded,
} from './views/states.js';
import type { PayCheckoutEventDetails, PayCheckoutEventName } from './events.js';

/** A method, or one saved card: what the shopper picked. */
const choiceOf = (body: CreatePaymentRequest): string => (body.method === 'card' && body.savedCardId ? `card:${body.savedCardId}` : body.method);

export type CheckoutState =
  | 'loading'
  | 'choosing'
  | 'otp'
  | 'redirecting'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'error';

type View =
  | { state: 'loading' | 'choosing' | 'otp' | 'succeeded' | 'failed' | 'expired' }
  | { state: 'redirecting'; providerName: string }
  | { state: 'processing'; gaveUp: boolean }
  | { state: 'error'; code: CheckoutErrorCode; retry: () => void };

const SUCCESS_STATES = new Set(['succeeded', 'authorized', 'refunded', 'partially_refunded']);
const FAILURE_STATES = new Set(['failed', 'canceled', 'expired']);
// Same rule as the protocol's CreatePaymentRequest.locale, so a bad lang attribute is dropped, not rejected.
const LOCALE_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * @summary Drop-in checkout: shows what is being paid, lets the shopper pick a method, hands off to the
 * provider's hosted page and shows the result the companion server verified.
 *
 * @tag pay-checkout
 *
 * @attr endpoint - Base URL where the merchant mounted the companion router, e.g. `/api/pay`.
 * @attr client-secret - The session's client secret; the session id is its prefix before `_secret_`.
 * @attr lang - Locale for text and amounts (kk, ru, en, az; regions fall back to their language, e.g. kk-KZ -> kk);
 *   defaults to the nearest `lang` ancestor, then the page, then the browser's languages, then English.
 * @attr theme - `light` or `dark`; without it the element follows `prefers-color-scheme`.
 *
 * @event {CustomEvent<{ session: SessionView }>} pay-checkout-ready - The session loaded.
 * @event {CustomEvent<{ method: MethodType; provider: ProviderId }>} pay-checkout-method-change - The shopper picked another method.
 * @event {CustomEvent<{ payment: PaymentView }>} pay-checkout-success - The server verified the payment (succeeded or authorized).
 * @event {CustomEvent<{ payment: PaymentView }>} pay-checkout-failure - The payment failed, was canceled or expired.
 * @event {CustomEvent<{ code: string; message: string }>} pay-checkout-error - The element entered its error state.
 *
 * @csspart base - The wrapper; carries `data-state` with the current state.
 * @csspart header - Merchant name, description and amount.
 * @csspart amount - The formatted amount.
 * @csspart methods - The method radio group (fieldset).
 * @csspart method - One method option (label).
 * @csspart pay-button - The Pay button.
 * @csspart input - Text inputs (phone number, SMS code).
 * @csspart field-error - The message under an input that needs fixing.
 * @csspart operator - The mobile operator select (also carries `input`).
 * @csspart skeleton - The placeholder shown while the session loads.
 * @csspart otp - The SMS code step.
 * @csspart confirm-button - The SMS code step's Confirm button.
 * @csspart status - Loading and redirecting messages.
 * @csspart result - Processing, succeeded, failed and expired views.
 * @csspart error - The error view.
 * @csspart button - Secondary buttons (Try again, Retry, Check again, Continue, Send a new code, Change number).
 *
 * @cssproperty --pay-checkout-color-primary - Pay button, selection and focus colour.
 * @cssproperty --pay-checkout-color-on-primary - Text on the Pay button.
 * @cssproperty --pay-checkout-color-text - Text colour.
 * @cssproperty --pay-checkout-color-muted - Secondary text colour.
 * @cssproperty --pay-checkout-color-background - Background.
 * @cssproperty --pay-checkout-color-border - Borders.
 * @cssproperty --pay-checkout-color-success - Success heading.
 * @cssproperty --pay-checkout-color-error - Failure and error headings.
 * @cssproperty --pay-checkout-radius - Corner radius.
 * @cssproperty --pay-checkout-font-family - Font.
 * @cssproperty --pay-checkout-font-size - Base font size.
 * @cssproperty --pay-checkout-spacing - Base spacing unit.
 */
export class PayCheckout extends LitElement {
  static override styles = styles;
  // Declared here rather than with decorators: the decorator helpers cost bytes in the script-tag bundle.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    clientSecret: { attribute: 'client-secret' },
    lang: {},
    requestTimeoutMs: { attribute: false },
    view: { state: true },
    _session: { state: true },
    _payment: { state: true },
    selected: { state: true },
    paying: { state: true },
  };

  endpoint = '';
  clientSecret = '';
  override lang = '';

  /** Leaves the page for a hosted payment page. Replace it to intercept navigation (tests, SPAs). */
  navigate: (url: string) => void = (url) => window.location.assign(url);
  /** Polling cadence while a payment is processing. */
  pollOptions: PollOptions = DEFAULT_POLL_OPTIONS;
  /** Pauses before automatic retries of a payment creation that hit a network error (same key). */
  retryDelaysMs: readonly number[] = [500, 1500];
  /** Per-request timeout. */
  requestTimeoutMs = 30_000;
  /** Time source of countdowns (the SMS code resend). Replace it to drive time in tests. */
  clock: Clock = systemClock;

  private view: View = { state: 'loading' };
  private _session: SessionView | null = null;
  private _payment: PaymentView | null = null;
  private selected = 0;
  private paying = false;

  readonly #api = new ApiClient(this);
  readonly #poller = new Poller(this);
  readonly #live = new LiveUpdates(this);
  readonly #otp = new OtpStep(this, {
    t: () => this.#t,
    clock: () => this.clock,
    serverOffsetMs: () => this.#api.serverOffsetMs,
    submit: (code) => this.#otpRequest((session, payment) => this.#api.submitOtp(session.id, payment.id, code)),
    resend: () => this.#otpRequest((session, payment) => this.#api.resendOtp(session.id, payment.id)),
    changeNumber: () => this.#changeNumber(),
  });
  /** The session's event stream failed here once: poll for the rest of this load. */
  #streamUnavailable = false;
  /** Per-method input state (PaymentMethod.createState), by offered option. */
  readonly #methodStates = new Map<object, unknown>();
  /** Bumped by every load; answers from an older generation are dropped. */
  #generation = 0;
  #announced = '';
  #previousState: CheckoutState = 'loading';

  get state(): CheckoutState {
    return this.view.state;
  }

  get session(): SessionView | null {
    return this._session;
  }

  get payment(): PaymentView | null {
    return this._payment;
  }

  /** Loads the session again (what the error state's Retry does after a failed load). */
  reload(): void {
    this.#load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Controllers stopped work when the element was detached; pick it up again after a move.
    if (!this.hasUpdated) return;
    if (this.view.state === 'loading') this.#load();
    else if (this.view.state === 'processing' && !this.view.gaveUp) this.#poll(0);
    else if (this.view.state === 'otp') this.#follow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestTimeoutMs')) this.#api.timeoutMs = this.requestTimeoutMs;
    if (changed.has('endpoint') || changed.has('clientSecret')) this.#load();
  }

  protected override updated(): void {
    // Move focus to a new step's heading when the shopper's action led there (not on first load):
    // screen readers read where the shopper is, and Tab goes on to the step's field from there.
    const current = this.view.state;
    if (current !== this.#previousState && this.#previousState !== 'loading' && current !== 'choosing') {
      this.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
    }
    this.#previousState = current;
  }

  // ---- state machine -------------------------------------------------------------------------

  #load(): void {
    const generation = ++this.#generation;
    this.#api.abortAll();
    this.#stopSteps();
    this.#streamUnavailable = false;
    this.#methodStates.clear();
    this.paying = false;
    this.view = { state: 'loading' };
    if (!this.endpoint || !this.clientSecret) return; // wait for both attributes
    const sessionId = sessionIdFromClientSecret(this.clientSecret);
    if (!sessionId) {
      this.#showError(new ApiError('invalid_client_secret', 'Malformed client secret'), () => this.#load());
      return;
    }
    this.#api.endpoint = this.endpoint;
    this.#api.clientSecret = this.clientSecret;
    this.#api.getSession(sessionId).then(
      (session) => {
        if (generation !== this.#generation) return;
        this._session = session;
        this._payment = session.payment;
        // Back from a hosted page (or reloaded): the method the shopper chose is chosen again.
        const choice = rememberedChoice(session.id);
        this.selected = Math.max(0, this.#entries().findIndex((e) => choiceOf(e.method.createRequest(e.context)) === choice));
        this.#emit('pay-checkout-ready', { session });
        this.#applySession(session);
      },
      (error: unknown) => {
        if (generation === this.#generation) this.#showError(error, () => this.#load());
      },
    );
  }

  #applySession(session: SessionView): void {
    const payment = session.payment;
    if (payment && SUCCESS_STATES.has(payment.state)) return this.#showSucceeded(payment);
    if (session.status === 'expired') return void (this.view = { state: 'expired' });
    if (payment && FAILURE_STATES.has(payment.state)) return this.#showFailed(payment);
    // Back from the hosted page, or reloaded mid-payment: the code step or waiting goes on where it was.
    // A redirect is never followed by itself; polling has the server read the provider for us.
    const action = payment?.nextAction;
    if (payment && action && action.type !== 'redirect') return void runAction(action, this.#actionHost(session, payment));
    if (payment) return this.#poll(0);
    if (session.status === 'complete') return this.#showError(new ApiError('session_completed', ''), () => this.#load());
    this.view = { state: 'choosing' };
  }

  /** Final payment states end here; returns whether the payment is final. */
  #applyPayment(payment: PaymentView): boolean {
    this._payment = payment;
    if (SUCCESS_STATES.has(payment.state)) this.#showSucceeded(payment);
    else if (FAILURE_STATES.has(payment.state)) this.#showFailed(payment);
    else return false;
    return true;
  }

  /** Every later read of the payment (stream, poll, code step answers) goes through here. */
  #receive(latest: PaymentView): PollResult {
    const current = this._payment;
    // Answers can cross (a POST's reply after a newer stream event): never step back in time.
    if (current?.id === latest.id && Date.parse(latest.updatedAt) < Date.parse(current.updatedAt)) return 'continue';
    if (this.#applyPayment(latest)) return 'done';
    const action = latest.nextAction;
    if (action?.type === 'otp') this.#showOtp(action);
    else if (this.view.state === 'otp' && latest.state === 'processing') {
      this.#otp.checking = true; // the operator is checking the code
      this.requestUpdate();
    }
    return 'continue';
  }

  async #pay(): Promise<void> {
    const session = this._session;
    const entry = this.#entries()[this.selected];
    if (this.paying || !session || !entry) return; // the flag blocks double clicks before Lit re-renders
    if (entry.method.validate && !entry.method.validate(entry.context)) return;
    this.paying = true;
    const generation = this.#generation;
    const body = entry.method.createRequest(entry.context);
    try {
      // One key per choice: another saved card, or saving the card, is another request.
      const variant = `${choiceOf(body)}:${body.method === 'card' && body.saveCard ? 1 : 0}`;
      rememberChoice(session.id, choiceOf(body));
      const payment = await this.#createPayment(session.id, body, keyFor(session.id, variant));
      if (generation !== this.#generation) return;
      if (this.#applyPayment(payment)) return;
      if (payment.nextAction) await runAction(payment.nextAction, this.#actionHost(session, payment));
      else this.#poll();
    } catch (error) {
      if (generation !== this.#generation) return;
      // The server holds a different request under this key: only a new attempt can go on.
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') nextAttempt(session.id);
      this.#showError(error, () => {
        this.view = { state: 'choosing' };
        void this.#pay();
      });
    } finally {
      this.paying = false;
    }
  }

  /** POST with automatic retries on network trouble, always with the same idempotency key. */
  async #createPayment(sessionId: string, body: CreatePaymentRequest, key: string): Promise<PaymentView> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#api.createPayment(sessionId, body, key);
      } catch (error) {
        const pause = this.retryDelaysMs[attempt];
        if (!(error instanceof ApiError && error.transient) || pause === undefined || !this.isConnected) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  #actionHost(session: SessionView, payment: PaymentView): ActionHost {
    return {
      session,
      payment,
      redirect: (url, providerName) => this.#redirect(url, providerName),
      poll: (firstDelayMs) => this.#poll(firstDelayMs),
      await: (firstPollDelayMs) => {
        this.view = { state: 'processing', gaveUp: false };
        this.#follow(firstPollDelayMs);
      },
      otp: (action) => {
        this.#showOtp(action);
        this.#follow();
      },
      fail: (code) => this.#showError(new ApiError(code, code), () => this.#load()),
    };
  }

  async #redirect(url: string, providerName: string): Promise<void> {
    this.view = { state: 'redirecting', providerName };
    await this.updateComplete; // let the shopper see where they are going
    this.navigate(url);
  }

  #showOtp(action: OtpAction): void {
    this.view = { state: 'otp' };
    this.#otp.show(action);
  }

  /** A code step request: its answer goes through the state machine; errors stay in the step. */
  async #otpRequest(send: (session: SessionView, payment: PaymentView) => Promise<PaymentView>): Promise<void> {
    const session = this._session;
    const payment = this._payment;
    if (!session || !payment) return;
    const generation = this.#generation;
    try {
      const latest = await send(session, payment);
      if (generation !== this.#generation) return;
      this.#receive(latest);
      if (this.view.state === 'otp') this.#follow(); // the verdict comes later, from the operator
    } catch (error) {
      if (generation !== this.#generation) return;
      const code = error instanceof ApiError ? error.code : '';
      if (code === 'session_expired' || code === 'session_completed') return this.#showError(error, () => this.#load());
      // The step is over (a final state, most likely): read the payment and show where it went.
      if (code === 'otp_not_expected' || code === 'too_many_attempts') this.#follow(0);
      throw error;
    }
  }

  /** Processing with polling only: the card flow, where each read makes the server ask the provider. */
  #poll(firstDelayMs?: number): void {
    if (!this._session || !this._payment) return;
    this.view = { state: 'processing', gaveUp: false };
    this.#live.stop();
    this.#startPolling(firstDelayMs);
  }

  /**
   * Follows the payment until it is final: the session's event stream, or polling where the stream is
   * not available. Keeps a stream that is already open.
   */
  #follow(firstPollDelayMs?: number): void {
    const session = this._session;
    if (!session || this.#live.active) return;
    if (this.#streamUnavailable) return this.#startPolling(firstPollDelayMs);
    this.#poller.stop();
    const generation = this.#generation;
    this.#live.start({
      open: (signal) => this.#api.openEvents(session.id, signal),
      onPayment: (latest) => (generation === this.#generation ? this.#receive(latest) : 'done'),
      onUnavailable: () => {
        if (generation !== this.#generation) return;
        this.#streamUnavailable = true;
        this.#startPolling(firstPollDelayMs);
      },
    });
  }

  #startPolling(firstDelayMs?: number): void {
    const session = this._session;
    const payment = this._payment;
    if (!session || !payment) return;
    const generation = this.#generation;
    const tick = async (): Promise<PollResult> => {
      try {
        const latest = await this.#api.getPayment(session.id, payment.id);
        if (generation !== this.#generation) return 'done';
        return this.#receive(latest);
      } catch (error) {
        if (generation !== this.#generation || (error instanceof ApiError && error.code === 'aborted')) return 'done';
        if (error instanceof ApiError && error.transient) return 'continue';
        this.#showError(error, () => this.#poll(0));
        return 'done';
      }
    };
    const giveUp = (): void => {
      if (generation !== this.#generation) return;
      // While the shopper reads the SMS there is nothing to give up; while a code is checked there is.
      if (this.view.state === 'otp' && !this.#otp.checking) return;
      this.#otp.stop();
      this.view = { state: 'processing', gaveUp: true };
    };
    this.#poller.start(tick, giveUp, this.pollOptions, firstDelayMs);
  }

  /** Leaves the code step and stops following the payment. */
  #stopSteps(): void {
    this.#poller.stop();
    this.#live.stop();
    this.#otp.stop();
  }

  /**
   * Change number in the code step: the server drops the waiting attempt (no code was relayed, so no
   * money can move), then a new attempt starts. Should the server refuse, the next Pay simply
   * continues the waiting attempt, so nothing is lost either way.
   */
  #changeNumber(): void {
    const session = this._session;
    const payment = this._payment;
    if (session && payment) void this.#api.cancelPayment(session.id, payment.id).catch(() => undefined);
    this.#tryAgain();
  }

  /** Try again after a failure: a new attempt, same inputs. */
  #tryAgain(): void {
    if (!this._session) return;
    this.#stopSteps();
    nextAttempt(this._session.id); // a new attempt gets a new idempotency key
    this._payment = null;
    this.view = { state: 'choosing' };
    // Back to the inputs the shopper came to change (the phone number), else the method list.
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      (root.querySelector<HTMLElement>('form input:not([type="radio"])') ?? root.querySelector<HTMLElement>('form input:checked'))?.focus();
    });
  }

  #showSucceeded(payment: PaymentView): void {
    this.#stopSteps();
    this.view = { state: 'succeeded' };
    this.#announce('pay-checkout-success', payment);
  }

  #showFailed(payment: PaymentView): void {
    this.#stopSteps();
    this.view = { state: 'failed' };
    this.#announce('pay-checkout-failure', payment);
  }

  #announce(name: 'pay-checkout-success' | 'pay-checkout-failure', payment: PaymentView): void {
    const id = `${payment.id}:${payment.state}`;
    if (this.#announced === id) return; // once per outcome, however often we re-read it
    this.#announced = id;
    this.#emit(name, { payment });
  }

  #showError(error: unknown, retry: () => void): void {
    const code: CheckoutErrorCode = error instanceof ApiError ? error.code : 'internal_error';
    if (code === 'aborted') return; // we cancelled it ourselves (reload or detach)
    if (code === 'session_expired') return void (this.view = { state: 'expired' });
    if (code === 'session_completed' && this.view.state !== 'loading') return this.#load(); // show its payment
    if (!(error instanceof ApiError)) console.error(error); // a bug, not a server answer
    this.view = { state: 'error', code, retry };
    this.#emit('pay-checkout-error', { code, message: this.#errorMessage(code) });
  }

  // ---- helpers -------------------------------------------------------------------------------

  #emit<K extends PayCheckoutEventName>(name: K, detail: PayCheckoutEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** The element's lang, then the page's, then the browser's languages. */
  get #locale(): Locale {
    return resolveLocale([
      this.lang,
      this.closest('[lang]')?.getAttribute('lang'),
      document.documentElement.lang,
      ...navigator.languages,
    ]);
  }

  get #t(): Translate {
    return translator(this.#locale.language);
  }

  #errorMessage(code: string): string {
    return errorText(this.#t, code);
  }

  /** Offered methods this bundle knows, with what each needs to render and build its request. */
  #entries(): PickerEntry[] {
    const session = this._session;
    if (!session) return [];
    const t = this.#t;
    const tag = this.#locale.tag;
    const locale = LOCALE_PATTERN.test(tag) && tag.length <= 35 ? tag : undefined;
    const entry = (method: PaymentMethod, option: PaymentMethodOption, key: object, create: () => unknown): PickerEntry => {
      if (!this.#methodStates.has(key)) this.#methodStates.set(key, create());
      const context: MethodContext = { host: this, option, session, t, locale, busy: this.paying, state: this.#methodStates.get(key) };
      return { method, context };
    };
    return session.methods.flatMap((option) => {
      const method = methodFor(option.type);
      if (!method) return [];
      // A returning customer's cards come first, each one click away.
      const saved = option.type === 'card' ? session.savedCards.map((card) =>
        entry(savedCardMethod as PaymentMethod, option, card, () => ({ card, confirming: false, error: '', remove: (c: SavedCard) => this.#removeSavedCard(c) })),
      ) : [];
      return [...saved, entry(method, option, option, () => method.createState?.(this, option, session))];
    });
  }

  /** Forgets a saved card at the server, then takes it off the list and selects the first method. */
  async #removeSavedCard(card: SavedCard): Promise<void> {
    const session = this._session;
    if (!session) return;
    try {
      await this.#api.removeSavedCard(session.id, card.id);
    } catch (error) {
      throw new Error(this.#errorMessage(error instanceof ApiError ? error.code : 'internal_error'));
    }
    this.#methodStates.delete(card);
    this._session = { ...session, savedCards: session.savedCards.filter((c) => c.id !== card.id) };
    this.selected = 0;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('form input:checked')?.focus();
  }

  #providerName(): string {
    const provider = this._payment?.provider;
    const option = this._session?.methods.find((m: PaymentMethodOption) => m.provider === provider);
    return option?.providerName ?? provider ?? '';
  }

  #select(index: number): void {
    this.selected = index;
    const option = this.#entries()[index]?.context.option;
    if (option) this.#emit('pay-checkout-method-change', { method: option.type, provider: option.provider });
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const session = this._session;
    const amount = session ? formatAmount(session.amount, this.#locale.tag) : '';
    const showHeader = session && this.view.state !== 'loading';
    return html`
      <div part="base" class="base" data-state=${this.view.state} aria-busy=${this.view.state === 'loading' || this.paying}>
        ${showHeader
          ? html`<div part="header" class="header">
              <p class="merchant">${session.merchantName}</p>
              <p class="description">${session.description}</p>
              <p part="amount" class="amount">${amount}</p>
            </div>`
          : nothing}
        ${this.#renderBody(amount)}
      </div>
    `;
  }

  #renderBody(amount: string): TemplateResult | typeof nothing {
    const t = this.#t;
    const view = this.view;
    switch (view.state) {
      case 'loading':
        return renderSkeleton(t('loading'));
      case 'choosing':
        return this.#renderChoosing(amount);
      case 'redirecting':
        return renderStatus(t('redirecting', { provider: view.providerName }), true);
      case 'otp':
        return this.#otp.action ? this.#otp.render() : nothing;
      case 'processing':
        return renderProcessing({
          t,
          body: this.#processingText(),
          providerName: this.#providerName(),
          gaveUp: view.gaveUp,
          onCheckAgain: () => this.#poll(0),
          onContinue: this.#continueAction(),
        });
      case 'succeeded':
        return renderSucceeded(t, amount, this._session?.merchantName ?? '');
      case 'failed':
        return renderFailed(t, this._payment, this.#providerName(), () => this.#tryAgain());
      case 'expired':
        return renderExpired(t, this._session);
      case 'error':
        return renderError(t, this.#errorMessage(view.code), view.retry);
    }
  }

  #renderChoosing(amount: string): TemplateResult {
    const t = this.#t;
    const entries = this.#entries();
    const current = entries[this.selected];
    if (!current) return html`<p part="error" class="error">${t('error.methodUnavailable')}</p>`;
    const ready = current.method.isReady?.(current.context) ?? true;
    return html`
      <form @submit=${this.#onSubmit}>
        ${renderMethodPicker(entries, this.selected, this.paying, t, (index) => this.#select(index))}
        <button part="pay-button" class="pay" type="submit" ?disabled=${this.paying || !ready}>
          ${t('pay', { amount })}
        </button>
      </form>
    `;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#pay();
  }

  /** Mobile payments wait for the SMS first, then for the operator's check of the code. */
  #processingText(): string | undefined {
    const payment = this._payment;
    if (payment?.method !== 'kz_mobile') return undefined;
    return this.#t(payment.state === 'requires_action' ? 'processing.sendingCode' : 'otp.checking');
  }

  /** The shopper came back before finishing on the hosted page: let them return to it. */
  #continueAction(): (() => void) | undefined {
    const session = this._session;
    const payment = this._payment;
    const action = payment?.nextAction;
    if (!session || !payment || payment.state !== 'requires_action' || action?.type !== 'redirect') return undefined;
    return () => {
      this.#poller.stop();
      void runAction(action, this.#actionHost(session, payment));
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-checkout': PayCheckout;
  }
}
