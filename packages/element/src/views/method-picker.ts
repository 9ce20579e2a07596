// The method picker: a native radio group in a fieldset, so arrow keys, Tab and screen readers
// behave as they do everywhere else without extra code.
import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentMethod, MethodContext } from '../methods/types.js';
import type { Translate } from '../locales/msg.js';

export interface PickerEntry {
  method: PaymentMethod;
  context: MethodContext;
}

export function renderMethodPicker(
  entries: readonly PickerEntry[],
  selected: number,
  disabled: boolean,
  t: Translate,
  onSelect: (index: number) => void,
): TemplateResult {
  const current = entries[selected];
  return html`
    <fieldset part="methods" class="methods" ?disabled=${disabled}>
      <legend>${t('methods.legend')}</legend>
      ${entries.map(
        ({ method, context }, index) => html`
          <label part="method" class="method">
            <input
              type="radio"
              name="method"
              .value=${String(index)}
              .checked=${index === selected}
              @change=${() => onSelect(index)}
            />
            <span class="method-text">${method.renderOption(context)}</span>
          </label>
        `,
      )}
    </fieldset>
    ${current?.method.renderDetails?.(current.context) ?? nothing}
  `;
}
