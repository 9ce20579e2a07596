// Card handoff: the shopper picks "Card", the server creates an order at the acquirer and answers
// with a redirect to its hosted payment page. No card data ever touches this element.
import { html, nothing } from 'lit';
import type { PaymentMethod } from '../types.js';

/** Whether the shopper asked to keep the card for next time (offered when the session can save it). */
export interface CardState {
  save: boolean;
}

export const cardMethod: PaymentMethod<'card', CardState> = {
  type: 'card',
  createState: () => ({ save: false }),
  renderOption: ({ option, t }) => html`
    <span class="method-label">${t('method.card')}</span>
    <span class="method-provider">${option.providerName}</span>
  `,
  renderDetails: ({ option, session, state, t, busy }) => html`
    <p class="hint">${t('method.card.hint', { provider: option.providerName })}</p>
    ${session.canSaveCard
      ? html`<label class="check">
          <input type="checkbox" .checked=${state.save} ?disabled=${busy} @change=${(e: Event) => (state.save = (e.target as HTMLInputElement).checked)} />
          ${t('card.save')}
        </label>`
      : nothing}
  `,
  createRequest: ({ locale, state }) => ({ method: 'card', ...(state.save ? { saveCard: true } : {}), ...(locale ? { locale } : {}) }),
};
