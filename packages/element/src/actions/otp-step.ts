// State and behaviour of the SMS code step: the code as typed, submit and resend with the countdown,
// WebOTP, and the verdicts on wrong or expired codes. The element owns the requests and feeds every
// otp action it receives into show(); this class decides what the shopper sees.
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { OtpAction } from '@pay-checkout/protocol';
import { ApiError } from '../controllers/api-client.js';
import { Countdown, formatSeconds, type Clock } from '../controllers/countdown.js';
import { errorText, type Translate } from '../locales/msg.js';
import type { MethodHost } from '../methods/types.js';

const CODE_INPUT_ID = 'pc-otp-code';

export interface OtpStepDeps {
  t(): Translate;
  clock(): Clock;
  /** Server clock minus ours: resendAvailableAt is server time. */
  serverOffsetMs(): number;
  /** The requests; their answers go through the element's state machine. They reject with ApiError. */
  submit(code: string): Promise<void>;
  resend(): Promise<void>;
  changeNumber(): void;
}

// A code inside pasted text ("Your code: 123456. Valid 90 s"); else all its digits ("123-456").
const codeIn = (text: string) => /(?<!\d)\d{4,8}(?!\d)/.exec(text)?.[0] ?? text.replace(/\D/g, '').slice(0, 8);

export class OtpStep implements ReactiveController {
  action: OtpAction | null = null;
  /** A code went to the operator and its verdict has not come back yet. */
  checking = false;
  #code = '';
  #error = '';
  #note = '';
  #sending = false;
  #resending = false;
  #noMoreResends = false;
  #shown = '';
  #resendAt = 0;
  #webOtp: AbortController | undefined;
  #host: MethodHost;
  #deps: OtpStepDeps;
  #countdown: Countdown;

  constructor(host: MethodHost, deps: OtpStepDeps) {
    this.#host = host;
    this.#deps = deps;
    host.addController(this);
    // Announced once, when the wait ends; not every second.
    this.#countdown = new Countdown(host, deps.clock, () => (this.#note = deps.t()('otp.resendReady')));
  }

  get #busy(): boolean {
    return this.#sending || this.#resending || this.checking;
  }

  hostDisconnected(): void {
    this.#webOtp?.abort();
  }

  /** Every otp action the element receives: the first one, re-reads, and verdicts on a code. */
  show(action: OtpAction): void {
    this.#listenForSms();
    const key = JSON.stringify(action);
    if (key === this.#shown && !this.#sending && !this.checking) return; // read again: keep what is typed
    const first = !this.action;
    this.#shown = key;
    this.action = action;
    this.checking = false;
    if (action.lastCode !== 'none') {
      const t = this.#deps.t();
      this.#error =
        action.lastCode === 'wrong' ? t('otp.wrong', { n: action.attemptsLeft }) : t('otp.expired');
      this.#code = '';
      if (!first) this.#focusInput(); // not on a page load: nobody asked for that focus
    }
    this.#countTo(action.resendAvailableAt);
    this.#host.requestUpdate();
  }

  /** Leaving the step: forget it, stop the countdown and WebOTP. */
  stop(): void {
    this.#webOtp?.abort();
    this.#countdown.start(0);
    this.action = null;
    this.checking = this.#sending = this.#resending = this.#noMoreResends = false;
    this.#code = this.#error = this.#note = this.#shown = '';
    this.#resendAt = 0;
  }

  render(): TemplateResult {
    const t = this.#deps.t();
    const { phone, resendsLeft, resendAvailableAt } = this.action!;
    const busy = this.#busy;
    const seconds = this.#countdown.seconds;
    // aria-disabled rather than disabled: the buttons stay focusable and say why they wait.
    return html`
      <section part="otp" class="otp">
        <h2 class="heading" tabindex="-1">${t('otp.heading')}</h2>
        <p id="pc-otp-sent">${t('otp.sent', { phone })}</p>
        <form novalidate @submit=${this.#onSubmit}>
          <div class="field">
            <label for=${CODE_INPUT_ID}>${t('otp.label')}</label>
            <input
              id=${CODE_INPUT_ID}
              part="input"
              type="text"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="8"
              .value=${this.#code}
              ?readonly=${busy}
              aria-invalid=${!!this.#error}
              aria-describedby="pc-otp-sent pc-otp-error"
              @input=${this.#onInput}
              @paste=${this.#onPaste}
            />
            <p id="pc-otp-error" part="field-error" class="field-error" aria-live="polite">${this.#error}</p>
          </div>
          <button part="confirm-button" class="pay" type="submit" aria-disabled=${busy}>${t('otp.confirm')}</button>
        </form>
        <p class="status" role="status">
          ${this.#sending || this.checking ? html`<span class="spinner" aria-hidden="true"></span>${t('otp.checking')}` : ''}
        </p>
        <div class="resend">
          ${resendsLeft && resendAvailableAt && !this.#noMoreResends
            ? html`<button
                  part="button"
                  class="secondary"
                  type="button"
                  aria-disabled=${busy || !!seconds}
                  aria-describedby="pc-otp-wait"
                  @click=${this.#resend}
                >
                  ${t('otp.resend')}
                </button>
                <span id="pc-otp-wait" class="wait">${seconds ? t('otp.resendIn', { time: formatSeconds(seconds) }) : ''}</span>`
            : html`<p class="no-resends">${t('otp.noResends')}</p>`}
          <p class="note" aria-live="polite">${this.#note}</p>
        </div>
        <button part="button" class="link" type="button" aria-disabled=${busy} @click=${this.#changeNumber}>
          ${t('otp.changeNumber')}
        </button>
      </section>
    `;
  }

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#submit();
  };

  #changeNumber = (): void => {
    if (!this.#busy) this.#deps.changeNumber();
  };

  #countTo(serverTime: string | null | undefined): void {
    // The server clock is known to the second (the Date header): wait one more, so the button never
    // opens before the server would accept the resend.
    const at = serverTime ? Date.parse(serverTime) - this.#deps.serverOffsetMs() + 1000 : 0;
    if (at !== this.#resendAt) this.#countdown.start((this.#resendAt = at));
  }

  #onInput = (event: Event): void => {
    // Typed (and keyboard-autofilled) codes wait for Enter or Confirm: the code length is not known,
    // and a premature submit would burn an attempt. Paste and WebOTP bring a whole code and submit.
    const input = event.target as HTMLInputElement;
    this.#code = input.value = input.value.replace(/\D/g, '').slice(0, 8);
    this.#host.requestUpdate(); // keeps Lit's idea of the value in step with the input, for later clears
  };

  #onPaste = (event: ClipboardEvent): void => {
    event.preventDefault();
    const digits = codeIn(event.clipboardData?.getData('text') ?? '');
    if (digits.length > 3) return this.#fill(digits); // a whole code replaces what was typed
    this.#code = (this.#code + digits).slice(0, 8);
    this.#host.requestUpdate();
  };

  #fill(code: string): void {
    this.#code = code;
    void this.#submit();
  }

  async #submit(): Promise<void> {
    if (this.#busy || !this.action) return;
    const code = this.#code;
    this.#error = code.length > 3 ? '' : this.#deps.t()(code ? 'otp.error.short' : 'otp.error.empty');
    if (!this.#error) {
      this.#sending = true;
      this.#host.requestUpdate();
      // A verdict in the reply has been shown by then (show()); only a failed request adds a message.
      const failure = await this.#deps.submit(code).then(() => '', (error) => this.#message(error));
      this.#sending = false;
      if (failure) this.#error = failure;
    }
    if (this.#error) this.#focusInput();
    this.#host.requestUpdate();
  }

  #resend = async (): Promise<void> => {
    if (this.#busy || !this.action || this.#countdown.seconds) return;
    this.#resending = true;
    this.#note = '';
    this.#host.requestUpdate();
    const error = await this.#deps.resend().then(() => null, (error: unknown) => error);
    this.#resending = false;
    const code = error instanceof ApiError && error.code;
    if (!error && this.action) {
      this.#code = this.#error = '';
      this.#note = this.#deps.t()('otp.resent', { phone: this.action.phone });
      this.#focusInput();
    } else if (code === 'resend_limit_reached') this.#noMoreResends = true;
    else {
      this.#note = this.#message(error);
      // Too early by the server's clock: count down to its time instead.
      if (code === 'resend_not_available') this.#countTo(((error as ApiError).details as { resendAvailableAt?: string })?.resendAvailableAt);
    }
    this.#host.requestUpdate();
  };

  /** What to show for a failed request; nothing when we aborted it or the step is over. */
  #message(error: unknown): string {
    const code = error instanceof ApiError ? error.code : 'internal_error';
    return code === 'aborted' || !this.action ? '' : errorText(this.#deps.t(), code);
  }

  #focusInput(): void {
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`#${CODE_INPUT_ID}`)?.focus());
  }

  /** WebOTP (Chrome on Android): the browser reads the SMS, we fill the code in and submit it. */
  #listenForSms(): void {
    if (this.#webOtp || !('OTPCredential' in window)) return;
    const controller = (this.#webOtp = new AbortController());
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: controller.signal } as CredentialRequestOptions)
      .then(
        (credential) => {
          const code = (credential as { code?: string } | null)?.code;
          if (code && !controller.signal.aborted && this.action) this.#fill(code.replace(/\D/g, '').slice(0, 8));
        },
        () => {}, // aborted, or no SMS came: the shopper types the code
      )
      .finally(() => {
        if (this.#webOtp === controller) this.#webOtp = undefined;
      });
  }
}
