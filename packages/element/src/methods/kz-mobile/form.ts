// The kz_mobile inputs: the national number as typed, the operator (suggested from the number's
// prefix, or the shopper's own pick in a native select: the platform's picker on phones, and screen
// readers and keyboards know it) and which errors to show. The state outlives the picker's DOM,
// so "Change number" and "Try again" come back to the number as the shopper left it.
import { html, type TemplateResult } from 'lit';
import type { MobileOperator, PaymentMethodOption, SessionView } from '@pay-checkout/protocol';
import type { Translate } from '../../locales/msg.js';
import type { MethodHost } from '../types.js';
import { caretAfterDigits, formatNational, isValidNational, nationalDigits, operatorForPrefix } from './phone.js';

const PHONE_ID = 'pc-phone';
const OPERATOR_ID = 'pc-operator';
const digitCount = (text: string) => text.replace(/\D/g, '').length;

export class KzMobileForm {
  national: string;
  readonly #operators: readonly MobileOperator[];
  readonly #host: MethodHost;
  #phoneError = false;
  #operatorError = false;
  /** The shopper's own pick and the prefix it was made for (null: picked before there was one). */
  #manual: { operator: MobileOperator; prefix: string | null } | null = null;

  constructor(host: MethodHost, option: PaymentMethodOption, session: SessionView) {
    this.#host = host;
    this.#operators = option.operators ?? [];
    this.national = nationalDigits(session.prefill.phone ?? '');
  }

  /** The shopper's pick, else the suggestion for the prefix, among the offered operators only. */
  get operator(): MobileOperator | undefined {
    const id = operatorForPrefix(this.national);
    return this.#manual?.operator ?? this.#operators.find((operator) => operator.id === id);
  }

  /** On Pay: shows what is missing and moves focus there. */
  validate(): boolean {
    this.#phoneError = !isValidNational(this.national);
    this.#operatorError = !this.#phoneError && !this.operator;
    this.#host.requestUpdate();
    const target = this.#phoneError ? PHONE_ID : this.#operatorError && OPERATOR_ID;
    if (target) void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`#${target}`)?.focus());
    return !target;
  }

  render(t: Translate, busy: boolean): TemplateResult {
    const phoneError = this.#phoneError && (this.national ? 'phone.error.invalid' : 'phone.error.empty');
    const operator = this.operator;
    return html`
      <p class="hint">${t('method.kz_mobile.hint')}</p>
      <div class="field">
        <label for=${PHONE_ID}>${t('phone.label')}</label>
        <div class="phone">
          <span id="pc-phone-prefix" aria-hidden="true">+7</span>
          <input
            id=${PHONE_ID}
            part="input"
            type="tel"
            autocomplete="tel"
            inputmode="tel"
            .value=${formatNational(this.national)}
            ?readonly=${busy}
            aria-invalid=${!!phoneError}
            aria-describedby="pc-phone-prefix pc-phone-error"
            @input=${this.#onInput}
            @paste=${this.#onPaste}
            @blur=${this.#onBlur}
          />
        </div>
        <p id="pc-phone-error" part="field-error" class="field-error" aria-live="polite">${phoneError ? t(phoneError) : ''}</p>
      </div>
      <div class="field">
        <label for=${OPERATOR_ID}>${t('operator.label')}</label>
        <select
          id=${OPERATOR_ID}
          part="input operator"
          ?disabled=${busy}
          aria-invalid=${this.#operatorError}
          aria-describedby="pc-operator-error"
          @change=${this.#onOperator}
        >
          <option value="" disabled .selected=${!operator}>${t('operator.choose')}</option>
          ${this.#operators.map((o) => html`<option value=${o.id} .selected=${o === operator}>${o.name}</option>`)}
        </select>
        <p id="pc-operator-error" part="field-error" class="field-error" aria-live="polite">
          ${this.#operatorError ? t('operator.error') : ''}
        </p>
      </div>
    `;
  }

  #onOperator = (event: Event): void => {
    const id = (event.target as HTMLSelectElement).value;
    const operator = this.#operators.find((o) => o.id === id);
    if (!operator) return;
    this.#manual = { operator, prefix: this.#prefix() };
    this.#operatorError = false;
    this.#host.requestUpdate();
  };

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const { inputType: type = '', data } = event as InputEvent;
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    let next = nationalDigits(raw);
    let before = caret >= raw.trimEnd().length ? next.length : Math.min(next.length, digitCount(raw.slice(0, caret)));
    if (next === this.national && type.startsWith('delete')) {
      // Only a space went: delete the digit next to it, as the shopper meant.
      const at = type === 'deleteContentBackward' ? before - 1 : before;
      if (at >= 0 && at < next.length) next = next.slice(0, at) + next.slice(at + 1);
      before = Math.max(at, 0);
    } else if (data?.length === 1 && this.national.length === 10 && digitCount(raw) > 10) {
      next = this.national; // a complete number takes no more typed digits (rather than shifting them)
      before = 10;
    }
    this.#setNational(next);
    // "+" and "+7" stay until national digits follow, so "+7 701…" typed by habit reads 7 as the country.
    const formatted = formatNational(next) || (/^\+7?$/.test(raw.trim()) ? raw.trim() : '');
    input.value = formatted;
    const at = before < next.length ? caretAfterDigits(formatted, before) : formatted.length;
    input.setSelectionRange(at, at);
  };

  #onPaste = (event: ClipboardEvent): void => {
    const digits = nationalDigits(event.clipboardData?.getData('text') ?? '');
    if (digits.length < 10) return; // part of a number: the browser inserts it at the caret
    event.preventDefault(); // a whole number replaces whatever was there
    this.#setNational(digits);
    (event.target as HTMLInputElement).value = formatNational(digits);
  };

  /** A half-typed number is pointed out when the shopper leaves the field, not while typing. */
  #onBlur = (): void => {
    if (this.national && !isValidNational(this.national)) {
      this.#phoneError = true;
      this.#host.requestUpdate();
    }
  };

  #prefix(): string | null {
    return this.national.length > 2 ? this.national.slice(0, 3) : null;
  }

  #setNational(next: string): void {
    this.national = next;
    const prefix = this.#prefix();
    if (this.#manual && prefix) {
      // A pick sticks to its prefix; another prefix means another number, so suggest again.
      if (this.#manual.prefix === null) this.#manual.prefix = prefix;
      else if (this.#manual.prefix !== prefix) this.#manual = null;
    }
    if (isValidNational(next)) this.#phoneError = false;
    if (this.operator) this.#operatorError = false;
    this.#host.requestUpdate();
  }
}
