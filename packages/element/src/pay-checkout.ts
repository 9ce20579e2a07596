import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CreatePaymentRequest, PaymentMethodOption, PaymentView, SessionView } from '@pay-checkout/protocol';
import { sessionIdFromClientSecret } from '@pay-checkout/protocol/paths';
import { styles } from './pay-checkout.styles.js';
import { ApiClient, ApiError, type CheckoutErrorCode } from './controllers/api-client.js';
import { DEFAULT_POLL_OPTIONS, Poller, type PollOptions, type PollResult } from './controllers/poller.js';
import { keyFor, nextAttempt } from './controllers/attempt-keys.js';
import { hasMessage, translator, type Translate } from './locales/msg.js';
import { methodFor } from './methods/registry.js';
import type { MethodContext } from './methods/types.js';
import { runAction } from './actions/registry.js';
import type { ActionHost } from './actions/types.js';
import { formatAmount } from './format-amount.js';
import { renderMethodPicker, type PickerEntry } from './views/method-picker.js';
import {
  renderError,
  renderExpired,
  renderFailed,
  renderProcessing,
  renderStatus,
  renderSucceeded,
} from './views/states.js';
import type { PayCheckoutEventDetails, PayCheckoutEventName } from './events.js';

export type CheckoutState =
  | 'loading'
  | 'choosing'
  | 'redirecting'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'error';

type View =
  | { state: 'loading' | 'choosing' | 'succeeded' | 'failed' | 'expired' }
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
 * @attr lang - Locale for text and amounts; defaults to the nearest `lang` ancestor, then the browser.
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
 * @csspart status - Loading and redirecting messages.
 * @csspart result - Processing, succeeded, failed and expired views.
 * @csspart error - The error view.
 * @csspart button - Secondary buttons (Try again, Retry, Check again, Continue).
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

  @property() endpoint = '';
  @property({ attribute: 'client-secret' }) clientSecret = '';
  @property() override lang = '';

  /** Leaves the page for a hosted payment page. Replace it to intercept navigation (tests, SPAs). */
  @property({ attribute: false }) navigate: (url: string) => void = (url) => window.location.assign(url);
  /** Polling cadence while a payment is processing. */
  @property({ attribute: false }) pollOptions: PollOptions = DEFAULT_POLL_OPTIONS;
  /** Pauses before automatic retries of a payment creation that hit a network error (same key). */
  @property({ attribute: false }) retryDelaysMs: readonly number[] = [500, 1500];
  /** Per-request timeout. */
  @property({ attribute: false }) requestTimeoutMs = 30_000;

  @state() private view: View = { state: 'loading' };
  @state() private _session: SessionView | null = null;
  @state() private _payment: PaymentView | null = null;
  @state() private selected = 0;
  @state() private paying = false;

  private readonly api = new ApiClient(this);
  private readonly poller = new Poller(this);
  /** Bumped by every load; answers from an older generation are dropped. */
  private generation = 0;
  private announced = '';
  private previousState: CheckoutState = 'loading';

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
    this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Controllers stopped work when the element was detached; pick it up again after a move.
    if (!this.hasUpdated) return;
    if (this.view.state === 'loading') this.load();
    else if (this.view.state === 'processing' && !this.view.gaveUp) this.poll(0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestTimeoutMs')) this.api.timeoutMs = this.requestTimeoutMs;
    if (changed.has('endpoint') || changed.has('clientSecret')) this.load();
  }

  protected override updated(): void {
    // Move focus to a new result only when the shopper's action led there, not on first load.
    const current = this.view.state;
    if (current !== this.previousState && this.previousState !== 'loading' && current !== 'choosing') {
      this.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
    }
    this.previousState = current;
  }

  // ---- state machine -------------------------------------------------------------------------

  private load(): void {
    const generation = ++this.generation;
    this.api.abortAll();
    this.poller.stop();
    this.paying = false;
    this.view = { state: 'loading' };
    if (!this.endpoint || !this.clientSecret) return; // wait for both attributes
    const sessionId = sessionIdFromClientSecret(this.clientSecret);
    if (!sessionId) {
      this.showError(new ApiError('invalid_client_secret', 'Malformed client secret'), () => this.load());
      return;
    }
    this.api.endpoint = this.endpoint;
    this.api.clientSecret = this.clientSecret;
    this.api.getSession(sessionId).then(
      (session) => {
        if (generation !== this.generation) return;
        this._session = session;
        this._payment = session.payment;
        this.selected = 0;
        this.emit('pay-checkout-ready', { session });
        this.applySession(session);
      },
      (error: unknown) => {
        if (generation === this.generation) this.showError(error, () => this.load());
      },
    );
  }

  private applySession(session: SessionView): void {
    const payment = session.payment;
    if (payment && SUCCESS_STATES.has(payment.state)) return this.showSucceeded(payment);
    if (session.status === 'expired') return void (this.view = { state: 'expired' });
    if (payment && FAILURE_STATES.has(payment.state)) return this.showFailed(payment);
    // The shopper is back from the hosted page (or reloaded): the server reads the provider for us.
    if (payment) return this.poll(0);
    if (session.status === 'complete') return this.showError(new ApiError('session_completed', ''), () => this.load());
    this.view = { state: 'choosing' };
  }

  /** Final payment states end here; returns whether the payment is final. */
  private applyPayment(payment: PaymentView): boolean {
    this._payment = payment;
    if (SUCCESS_STATES.has(payment.state)) this.showSucceeded(payment);
    else if (FAILURE_STATES.has(payment.state)) this.showFailed(payment);
    else return false;
    return true;
  }

  private async pay(): Promise<void> {
    const session = this._session;
    const entry = this.entries()[this.selected];
    if (this.paying || !session || !entry) return; // the flag blocks double clicks before Lit re-renders
    this.paying = true;
    const generation = this.generation;
    const body = entry.method.createRequest(entry.context);
    try {
      const payment = await this.createPayment(session.id, body, keyFor(session.id, body.method));
      if (generation !== this.generation) return;
      if (this.applyPayment(payment)) return;
      if (payment.nextAction) await runAction(payment.nextAction, this.actionHost(session, payment));
      else this.poll();
    } catch (error) {
      if (generation !== this.generation) return;
      // The server holds a different request under this key: only a new attempt can go on.
      if (error instanceof ApiError && error.code === 'idempotency_key_reused') nextAttempt(session.id);
      this.showError(error, () => {
        this.view = { state: 'choosing' };
        void this.pay();
      });
    } finally {
      this.paying = false;
    }
  }

  /** POST with automatic retries on network trouble, always with the same idempotency key. */
  private async createPayment(sessionId: string, body: CreatePaymentRequest, key: string): Promise<PaymentView> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.api.createPayment(sessionId, body, key);
      } catch (error) {
        const pause = this.retryDelaysMs[attempt];
        if (!(error instanceof ApiError && error.transient) || pause === undefined || !this.isConnected) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private actionHost(session: SessionView, payment: PaymentView): ActionHost {
    return {
      session,
      payment,
      redirect: (url, providerName) => this.redirect(url, providerName),
      poll: (firstDelayMs) => this.poll(firstDelayMs),
      fail: (code) => this.showError(new ApiError(code, code), () => this.load()),
    };
  }

  private async redirect(url: string, providerName: string): Promise<void> {
    this.view = { state: 'redirecting', providerName };
    await this.updateComplete; // let the shopper see where they are going
    this.navigate(url);
  }

  private poll(firstDelayMs?: number): void {
    const session = this._session;
    const payment = this._payment;
    if (!session || !payment) return;
    const generation = this.generation;
    this.view = { state: 'processing', gaveUp: false };
    const tick = async (): Promise<PollResult> => {
      try {
        const latest = await this.api.getPayment(session.id, payment.id);
        if (generation !== this.generation) return 'done';
        return this.applyPayment(latest) ? 'done' : 'continue';
      } catch (error) {
        if (generation !== this.generation || (error instanceof ApiError && error.code === 'aborted')) return 'done';
        if (error instanceof ApiError && error.transient) return 'continue';
        this.showError(error, () => this.poll(0));
        return 'done';
      }
    };
    const giveUp = (): void => {
      if (generation === this.generation) this.view = { state: 'processing', gaveUp: true };
    };
    this.poller.start(tick, giveUp, this.pollOptions, firstDelayMs);
  }

  private tryAgain(): void {
    if (!this._session) return;
    nextAttempt(this._session.id); // a new attempt gets a new idempotency key
    this._payment = null;
    this.view = { state: 'choosing' };
  }

  private showSucceeded(payment: PaymentView): void {
    this.view = { state: 'succeeded' };
    this.announce('pay-checkout-success', payment);
  }

  private showFailed(payment: PaymentView): void {
    this.view = { state: 'failed' };
    this.announce('pay-checkout-failure', payment);
  }

  private announce(name: 'pay-checkout-success' | 'pay-checkout-failure', payment: PaymentView): void {
    const id = `${payment.id}:${payment.state}`;
    if (this.announced === id) return; // once per outcome, however often we re-read it
    this.announced = id;
    this.emit(name, { payment });
  }

  private showError(error: unknown, retry: () => void): void {
    const code: CheckoutErrorCode = error instanceof ApiError ? error.code : 'internal_error';
    if (code === 'aborted') return; // we cancelled it ourselves (reload or detach)
    if (code === 'session_expired') return void (this.view = { state: 'expired' });
    if (code === 'session_completed' && this.view.state !== 'loading') return this.load(); // show its payment
    if (!(error instanceof ApiError)) console.error(error); // a bug, not a server answer
    this.view = { state: 'error', code, retry };
    this.emit('pay-checkout-error', { code, message: this.errorMessage(code) });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private emit<K extends PayCheckoutEventName>(name: K, detail: PayCheckoutEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private get locale(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || globalThis.navigator?.language || 'en';
  }

  private get t(): Translate {
    return translator(this.locale);
  }

  private errorMessage(code: string): string {
    const key = `error.${code}`;
    return this.t(hasMessage(key) ? key : 'error.internal_error');
  }

  /** Offered methods this bundle knows, with what each needs to render and build its request. */
  private entries(): PickerEntry[] {
    const t = this.t;
    const locale = LOCALE_PATTERN.test(this.locale) && this.locale.length <= 35 ? this.locale : undefined;
    return (this._session?.methods ?? []).flatMap((option) => {
      const method = methodFor(option.type);
      const context: MethodContext = { option, t, locale };
      return method ? [{ method, context }] : [];
    });
  }

  private providerName(): string {
    const provider = this._payment?.provider;
    const option = this._session?.methods.find((m: PaymentMethodOption) => m.provider === provider);
    return option?.providerName ?? provider ?? '';
  }

  private select(index: number): void {
    this.selected = index;
    const option = this.entries()[index]?.context.option;
    if (option) this.emit('pay-checkout-method-change', { method: option.type, provider: option.provider });
  }

  // ---- rendering -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const session = this._session;
    const amount = session ? formatAmount(session.amount, this.locale) : '';
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
        ${this.renderBody(amount)}
      </div>
    `;
  }

  private renderBody(amount: string): TemplateResult | typeof nothing {
    const t = this.t;
    const view = this.view;
    switch (view.state) {
      case 'loading':
        return renderStatus(t('loading'));
      case 'choosing':
        return this.renderChoosing(amount);
      case 'redirecting':
        return renderStatus(t('redirecting', { provider: view.providerName }));
      case 'processing':
        return renderProcessing({
          t,
          providerName: this.providerName(),
          gaveUp: view.gaveUp,
          onCheckAgain: () => this.poll(0),
          onContinue: this.continueAction(),
        });
      case 'succeeded':
        return renderSucceeded(t, amount, this._session?.merchantName ?? '');
      case 'failed':
        return renderFailed(t, this._payment, this.providerName(), () => this.tryAgain());
      case 'expired':
        return renderExpired(t);
      case 'error':
        return renderError(t, this.errorMessage(view.code), view.retry);
    }
  }

  private renderChoosing(amount: string): TemplateResult {
    const t = this.t;
    const entries = this.entries();
    const current = entries[this.selected];
    if (!current) return html`<p part="error" class="error">${t('error.method_not_available')}</p>`;
    const ready = current.method.isReady?.(current.context) ?? true;
    return html`
      <form @submit=${this.onSubmit}>
        ${renderMethodPicker(entries, this.selected, this.paying, t, (index) => this.select(index))}
        <button part="pay-button" class="pay" type="submit" ?disabled=${this.paying || !ready}>
          ${t('pay', { amount })}
        </button>
      </form>
    `;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.pay();
  }

  /** The shopper came back before finishing on the hosted page: let them return to it. */
  private continueAction(): (() => void) | undefined {
    const session = this._session;
    const payment = this._payment;
    const action = payment?.nextAction;
    if (!session || !payment || payment.state !== 'requires_action' || action?.type !== 'redirect') return undefined;
    return () => {
      this.poller.stop();
      void runAction(action, this.actionHost(session, payment));
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pay-checkout': PayCheckout;
  }
}
