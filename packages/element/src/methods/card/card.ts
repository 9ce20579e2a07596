// Card handoff: the shopper picks "Card", the server creates an order at the acquirer and answers
// with a redirect to its hosted payment page. No card data ever touches this element.
import { html } from 'lit';
import type { PaymentMethod } from '../types.js';

export const cardMethod: PaymentMethod<'card'> = {
  type: 'card',
  renderOption: ({ option, t }) => html`
    <span class="method-label">${t('method.card')}</span>
    <span class="method-provider">${option.providerName}</span>
  `,
  renderDetails: ({ option, t }) => html`<p class="hint">${t('method.card.hint', { provider: option.providerName })}</p>`,
  createRequest: ({ locale }) => (locale ? { method: 'card', locale } : { method: 'card' }),
};
