import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { PaymentMethodOption } from '@pay-checkout/protocol';
import { methodRegistry } from '../src/methods/registry.js';
import type { PaymentMethod } from '../src/methods/types.js';
import { $, SECRET, calls, eventsNamed, makeSession, mount, sessionHandler, text, use, useMockApi, waitForState } from './helpers.js';

describe('choosing', () => {
  useMockApi();

  it('goes from loading to choosing and shows merchant, description, amount and methods', async () => {
    use(sessionHandler(makeSession()));
    const { el, events } = mount();
    expect(el.state).to.equal('loading');
    await el.updateComplete;
    expect(text($(el, '[part~="skeleton"]'))).to.equal('Loading checkout…');
    expect($(el, '[part~="skeleton"]').getAttribute('role')).to.equal('status');

    await waitForState(el, 'choosing');
    expect(text($(el, '.merchant'))).to.equal('Alma Coffee');
    expect(text($(el, '.description'))).to.equal('Two flat whites');
    expect(text($(el, '[part~="amount"]'))).to.equal('₸1,500.00');
    const method = $(el, '[part~="method"]');
    expect(text(method)).to.contain('Card').and.contain('PITECH');
    expect(text($(el, '[part~="methods"] legend'))).to.equal('Payment method');
    expect(text($(el, '[part~="pay-button"]'))).to.equal('Pay ₸1,500.00');

    const ready = eventsNamed(events, 'pay-checkout-ready');
    expect(ready).to.have.length(1);
    expect(ready[0]!.detail.session.id).to.equal('cs_test_1');
    expect(ready[0]!.bubbles && ready[0]!.composed).to.equal(true);
    expect(calls[0]).to.include({ method: 'GET', path: '/api/pay/v1/sessions/cs_test_1', authorization: `Bearer ${SECRET}` });
  });

  it('formats KZT for Russian and Kazakh shoppers', async () => {
    use(sessionHandler(makeSession()));
    const { el } = mount({ lang: 'ru' });
    await waitForState(el, 'choosing');
    expect(text($(el, '[part~="amount"]'))).to.equal('1 500,00 ₸');
    expect(text($(el, '[part~="pay-button"]'))).to.equal('Оплатить 1 500,00 ₸');

    el.lang = 'kk';
    await el.updateComplete;
    expect(text($(el, '[part~="amount"]'))).to.equal('1 500,00 ₸');
  });

  it('formats AZN with its minor units', async () => {
    use(sessionHandler(makeSession({ amount: { value: 1234567, currency: 'AZN' } })));
    const { el } = mount({ lang: 'az' });
    await waitForState(el, 'choosing');
    expect(text($(el, '[part~="amount"]'))).to.equal('12.345,67 ₼');

    el.lang = 'en';
    await el.updateComplete;
    expect(text($(el, '[part~="amount"]'))).to.equal('₼12,345.67');
  });

  describe('method radio group', () => {
    // A second method, registered the way a new method folder would be, to exercise the group.
    const wallet: PaymentMethod = {
      type: 'wallet' as 'card',
      renderOption: ({ option }) => html`<span class="method-label">Wallet</span><span>${option.providerName}</span>`,
      createRequest: () => ({ method: 'wallet' as 'card' }),
    };
    const registry = methodRegistry as unknown as Record<string, PaymentMethod>;
    before(() => void (registry['wallet'] = wallet));
    after(() => void delete registry['wallet']);

    it('is a fieldset of radios operable with the keyboard', async () => {
      const methods = [
        { type: 'card', provider: 'pitech', providerName: 'PITECH' },
        { type: 'wallet', provider: 'kapital', providerName: 'Kapital Bank' },
        { type: 'unknown_future_method', provider: 'paytech', providerName: 'pay.tech' },
      ] as unknown as PaymentMethodOption[];
      use(sessionHandler(makeSession({ methods })));
      const { el, events } = mount();
      await waitForState(el, 'choosing');

      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset input[type="radio"]')];
      expect(radios, 'unknown methods are skipped').to.have.length(2);
      expect(radios.map((radio) => radio.checked)).to.deep.equal([true, false]);

      radios[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(radios[1]!.checked).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(radios[1]);
      expect(eventsNamed(events, 'pay-checkout-method-change').at(-1)!.detail).to.deep.equal({
        method: 'wallet',
        provider: 'kapital',
      });
      // The card hint belongs to the card; it goes away with the selection.
      expect(el.shadowRoot!.querySelector('.hint')).to.equal(null);

      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(radios[0]!.checked).to.equal(true);
      expect(eventsNamed(events, 'pay-checkout-method-change').at(-1)!.detail.method).to.equal('card');
      expect(text($(el, '.hint'))).to.contain('PITECH');

      // Tab leaves the group for the Pay button.
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~="pay-button"]'));
    });
  });
});
