// Kazakh mobile commerce (Monetix): the shopper pays from the phone balance and confirms with an SMS
// code. This folder collects the number and the operator; the code step is the `otp` next action.
import { html } from 'lit';
import type { PaymentMethod } from '../types.js';
import { KzMobileForm } from './form.js';

export const kzMobileMethod: PaymentMethod<'kz_mobile', KzMobileForm> = {
  type: 'kz_mobile',
  createState: (host, option, session) => new KzMobileForm(host, option, session),
  renderOption: ({ option, t }) => html`
    <span class="method-label">${t('method.kz_mobile')}</span>
    <span class="method-provider">${option.providerName}</span>
  `,
  renderDetails: ({ state, t, busy }) => state.render(t, busy),
  // Pay stays enabled (a disabled button explains nothing): validation on Pay says what is missing.
  validate: ({ state }) => state.validate(),
  createRequest: ({ state, locale }) => ({
    method: 'kz_mobile',
    phone: `+7${state.national}`,
    operator: state.operator?.id ?? '',
    ...(locale ? { locale } : {}),
  }),
};
