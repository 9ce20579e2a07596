// Two checkouts on one page (say, a cart and a "buy now" box): each keeps its own session, inputs,
// state, language and events.
import { expect } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import {
  $,
  HttpResponse,
  createHandler,
  eventsNamed,
  kzSession,
  makePayment,
  makeSession,
  mount,
  posts,
  sessionHandler,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

describe('two checkouts on one page', () => {
  useMockApi();

  it('do not share state, inputs, element ids or events', async () => {
    use(
      sessionHandler(({ params }) =>
        HttpResponse.json(params['id'] === 'cs_card' ? makeSession({ id: 'cs_card' }) : kzSession({ id: 'cs_phone' })),
      ),
      createHandler(() => HttpResponse.json(makePayment(), { status: 201 })),
    );
    const card = mount({ secret: 'cs_card_secret_a', lang: 'ru' });
    const phone = mount({ secret: 'cs_phone_secret_b', lang: 'kk' });
    await waitForState(card.el, 'choosing');
    await waitForState(phone.el, 'choosing');

    const legend = (el: PayCheckout) => text($(el, '[part~="methods"] legend'));
    expect(legend(card.el), 'each in its own language').to.not.equal(legend(phone.el));

    // The same ids live in both shadow roots without clashing: each label still names its own input.
    const input = $<HTMLInputElement>(phone.el, '#pc-phone');
    input.value = '7012345678';
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await phone.el.updateComplete;

    $<HTMLButtonElement>(card.el, '[part~="pay-button"]').click();
    await waitForState(card.el, 'redirecting');
    expect(card.navigations).to.have.length(1);

    expect(phone.el.state, 'the other checkout stays where it was').to.equal('choosing');
    expect($<HTMLInputElement>(phone.el, '#pc-phone').value).to.equal('701 234 56 78');
    expect(posts().map((p) => p.path)).to.deep.equal(['/api/pay/v1/sessions/cs_card/payments']);
    expect(eventsNamed(phone.events, 'pay-checkout-method-change')).to.have.length(0);
    expect(eventsNamed(card.events, 'pay-checkout-ready').map((e) => (e.detail as { session: { id: string } }).session.id)).to.deep.equal(['cs_card']);
    expect(eventsNamed(phone.events, 'pay-checkout-ready').map((e) => (e.detail as { session: { id: string } }).session.id)).to.deep.equal(['cs_phone']);
  });
});
