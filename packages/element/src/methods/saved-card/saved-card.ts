// A returning customer's saved card: one click pays with it (no hosted page where the provider
// allows), and it can be removed after a confirmation. The card is the provider's; we show only its
// brand, last digits and holder.
import { html, nothing } from 'lit';
import type { SavedCard } from '@pay-checkout/protocol';
import type { PaymentMethod } from '../types.js';

export interface SavedCardState {
  card: SavedCard;
  /** The shopper pressed Remove and is asked to confirm. */
  confirming: boolean;
  /** Forgets the card (server, then the list); rejects with the reason when it could not. */
  remove(card: SavedCard): Promise<void>;
  /** The removal failed: its message. */
  error: string;
}

const brandName = (brand: string) => (brand.length > 3 ? brand[0]!.toUpperCase() + brand.slice(1) : brand.toUpperCase());

export const savedCardMethod: PaymentMethod<'card', SavedCardState> = {
  type: 'card',
  renderOption: ({ state: { card }, t }) => html`
    <span class="method-label">${t('savedCard.label', { brand: brandName(card.brand), last4: card.last4 })}</span>
    <span class="method-provider">${card.holder ?? ''}${card.expiry ? ` ${card.expiry}` : ''}</span>
  `,
  renderDetails: ({ state, t, busy, host }) => {
    const ask = (confirming: boolean) => () => {
      state.confirming = confirming;
      state.error = '';
      host.requestUpdate();
    };
    const remove = () =>
      void state.remove(state.card).catch((error: Error) => {
        state.error = error.message;
        host.requestUpdate();
      });
    return html`
      <p class="hint">${t('savedCard.hint')}</p>
      ${state.confirming
        ? html`<div class="confirm" role="group" aria-labelledby="pc-remove-q">
            <p id="pc-remove-q">${t('savedCard.confirmRemove')}</p>
            <button part="button" class="secondary" type="button" ?disabled=${busy} @click=${remove}>${t('savedCard.remove')}</button>
            <button part="button" class="secondary" type="button" @click=${ask(false)}>${t('savedCard.keep')}</button>
          </div>`
        : html`<button part="button" class="link" type="button" ?disabled=${busy} @click=${ask(true)}>${t('savedCard.remove')}</button>`}
      ${state.error ? html`<p part="field-error" class="field-error" role="alert">${state.error}</p>` : nothing}
    `;
  },
  createRequest: ({ state, locale }) => ({ method: 'card', savedCardId: state.card.id, ...(locale ? { locale } : {}) }),
};
