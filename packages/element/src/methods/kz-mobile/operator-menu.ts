// The operator list: a button with aria-haspopup="listbox" that opens a listbox positioned by
// @floating-ui/dom. Focus moves into the listbox (aria-activedescendant marks the active option) and
// returns to the button when the shopper picks one or presses Escape.
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { MobileOperator } from '@pay-checkout/protocol';
import type { MethodHost } from '../types.js';

export const BUTTON_ID = 'pc-operator-button';
const LIST_ID = 'pc-operators';
const optionId = (operator: MobileOperator) => `pc-operator-${operator.id}`;

export class OperatorMenu implements ReactiveController {
  open = false;
  #active = 0;
  #operators: readonly MobileOperator[] = [];
  #stopPositioning: (() => void) | undefined;
  #host: MethodHost;
  #onPick: (operator: MobileOperator) => void;

  constructor(host: MethodHost, onPick: (operator: MobileOperator) => void) {
    this.#host = host;
    this.#onPick = onPick;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  hostUpdated(): void {
    if (!this.open) return;
    const list = this.#find(LIST_ID);
    const button = this.#find(BUTTON_ID);
    if (!list || !button) return this.close(false); // the step changed under an open list
    if (this.#stopPositioning) return;
    // computePosition again on resize and on any scroll (capture phase reaches every scrolling
    // ancestor): what autoUpdate does for a short-lived list, without its 0.7 KB in the bundle.
    // CSSOM writes are allowed under a strict CSP (style attributes in markup are not).
    const place = () =>
      void computePosition(button, list, {
        placement: 'bottom-start',
        strategy: 'fixed', // escapes overflow: hidden containers on the merchant's page
        middleware: [offset(4), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        list.style.left = `${x}px`;
        list.style.top = `${y}px`;
      });
    place();
    addEventListener('scroll', place, true);
    addEventListener('resize', place);
    this.#stopPositioning = () => {
      removeEventListener('scroll', place, true);
      removeEventListener('resize', place);
    };
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    list.focus();
  }

  close(focusButton: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.#stopPositioning?.();
    this.#stopPositioning = undefined;
    document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    this.#host.requestUpdate();
    if (focusButton) this.#find(BUTTON_ID)?.focus();
  }

  render(operators: readonly MobileOperator[], current: MobileOperator | undefined, disabled: boolean, buttonText: string): TemplateResult {
    this.#operators = operators;
    const selected = operators.findIndex((operator) => operator.id === current?.id);
    const show = (active: number) => {
      this.#active = active;
      this.open = true;
      this.#host.requestUpdate();
    };
    const active = this.open ? operators[this.#active] : undefined;
    return html`
      <button
        id=${BUTTON_ID}
        class="link"
        type="button"
        aria-haspopup="listbox"
        aria-expanded=${this.open}
        aria-controls=${LIST_ID}
        aria-labelledby="${BUTTON_ID} pc-operator-label pc-operator-value"
        aria-describedby="pc-operator-error"
        ?disabled=${disabled}
        @click=${() => (this.open ? this.close(true) : show(Math.max(selected, 0)))}
        @keydown=${(event: KeyboardEvent) => {
          const down = event.key === 'ArrowDown';
          if (!down && event.key !== 'ArrowUp') return;
          event.preventDefault();
          show(selected >= 0 ? selected : down ? 0 : operators.length - 1);
        }}
      >
        ${buttonText}
      </button>
      <ul
        id=${LIST_ID}
        part="operator-list"
        class="listbox"
        role="listbox"
        tabindex="-1"
        aria-labelledby="pc-operator-label"
        aria-activedescendant=${active ? optionId(active) : nothing}
        ?hidden=${!this.open}
        @keydown=${this.#onListKey}
        @click=${(event: Event) => {
          const option = (event.target as Element).closest('[role="option"]');
          if (option) this.#pick(Number(option.getAttribute('data-index')));
        }}
      >
        ${operators.map(
          (operator, index) => html`
            <li
              id=${optionId(operator)}
              class="option ${index === this.#active ? 'active' : ''}"
              role="option"
              aria-selected=${index === selected}
              data-index=${index}
            >
              ${operator.name}
            </li>
          `,
        )}
      </ul>
    `;
  }

  #find(id: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`#${id}`);
  }

  #pick(index: number): void {
    this.#onPick(this.#operators[index]!);
    this.close(true);
  }

  #onListKey = (event: KeyboardEvent): void => {
    const key = event.key;
    const last = this.#operators.length - 1;
    if (key === 'Tab') return this.close(false); // let focus move on
    if (key === 'Enter' || key === ' ') this.#pick(this.#active);
    else if (key === 'Escape') this.close(true);
    else if (key === 'Home' || key === 'End') this.#active = key === 'Home' ? 0 : last;
    else if (key === 'ArrowDown' || key === 'ArrowUp') {
      this.#active = Math.max(0, Math.min(last, this.#active + (key === 'ArrowDown' ? 1 : -1)));
    } else return;
    event.preventDefault();
    event.stopPropagation(); // Escape must not also close a dialog the merchant put us in
    this.#host.requestUpdate();
  };

  #onOutsidePointer = (event: Event): void => {
    const path = event.composedPath();
    if (!path.includes(this.#find(LIST_ID)!) && !path.includes(this.#find(BUTTON_ID)!)) this.close(false);
  };
}
