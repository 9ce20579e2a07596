// A returning customer's saved cards: listed first, one click pays, removal after a confirmation,
// and the choice to save a new card on the hosted page.
import { expect, waitUntil } from '@open-wc/testing';
import type { SavedCard } from '@pay-checkout/protocol';
import type { PayCheckout } from '../src/index.js';
import {
  $,
  API,
  HttpResponse,
  apiError,
  calls,
  createHandler,
  http,
  makePayment,
  makeSession,
  mount,
  posts,
  sessionHandler,
  shadowActive,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

const VISA: SavedCard = { id: 'card_v1', provider: 'pitech', brand: 'visa', maskedPan: '440564******6150', last4: '6150', holder: 'AIGERIM SULTANOVA', expiry: '12/30' };
const MC: SavedCard = { id: 'card_m1', provider: 'pitech', brand: 'mastercard', maskedPan: '516949******8024', last4: '8024', holder: null, expiry: null };
const payButton = (el: PayCheckout) => $<HTMLButtonElement>(el, '[part~="pay-button"]');
const options = (el: PayCheckout) => [...el.shadowRoot!.querySelectorAll('[part~="method"]')].map((o) => text(o));
const deletes = () => calls.filter((c) => c.method === 'DELETE');

async function choosing(session = makeSession({ savedCards: [VISA, MC] })): Promise<PayCheckout> {
  use(sessionHandler(session));
  const { el } = mount();
  await waitForState(el, 'choosing');
  return el;
}

describe('saved cards', () => {
  useMockApi();

  it('lists the saved cards first, the first one selected, then a new card', async () => {
    const el = await choosing();
    expect(options(el)).to.deep.equal(['Visa •••• 6150 AIGERIM SULTANOVA 12/30', 'Mastercard •••• 8024', 'Card PITECH']);
    expect($<HTMLInputElement>(el, 'form input:checked').closest('label')!.textContent).to.contain('6150');
  });

  it('pays with a saved card in one click: no hosted page, the verified result at once', async () => {
    use(createHandler(() => HttpResponse.json(makePayment({ state: 'succeeded', nextAction: null }), { status: 201 })));
    const el = await choosing();
    const { navigations } = { navigations: [] as string[] };
    el.navigate = (url) => navigations.push(url);
    payButton(el).click();
    await waitForState(el, 'succeeded');
    expect(posts()[0]!.body).to.deep.equal({ method: 'card', savedCardId: 'card_v1', locale: 'en' });
    expect(navigations).to.deep.equal([]);
  });

  it('uses another key for another card, so switching cards is a new request', async () => {
    use(createHandler(() => HttpResponse.json(makePayment({ state: 'succeeded', nextAction: null }), { status: 201 })));
    const el = await choosing();
    $<HTMLInputElement>(el, 'form input[value="1"]').click();
    await el.updateComplete;
    payButton(el).click();
    await waitForState(el, 'succeeded');
    expect(posts()[0]!.body).to.deep.include({ savedCardId: 'card_m1' });
  });

  it('removes a card after a confirmation, and keeps it when the shopper says keep', async () => {
    use(http.delete(`${API}/v1/sessions/:id/saved-cards/:cardId`, ({ request }) => {
      calls.push({ method: 'DELETE', path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), idempotencyKey: null, accept: null, body: null });
      return new HttpResponse(null, { status: 204 });
    }));
    const el = await choosing();
    $<HTMLButtonElement>(el, '.link').click();
    await el.updateComplete;
    expect(text($(el, '.confirm p'))).to.equal('Remove this card from your saved cards?');
    expect($(el, '.confirm').getAttribute('role')).to.equal('group');
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => text(b) === 'Keep')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.confirm')).to.equal(null);
    expect(deletes()).to.have.length(0);

    $<HTMLButtonElement>(el, '.link').click();
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => text(b) === 'Remove card')!.click();
    await waitUntil(() => options(el).length === 2, 'the card leaves the list');
    expect(deletes().map((d) => d.path)).to.deep.equal(['/api/pay/v1/sessions/cs_test_1/saved-cards/card_v1']);
    expect(options(el)[0]).to.contain('8024');
    await waitUntil(() => shadowActive(el) === $(el, 'form input:checked'), 'focus back on the selected method');
  });

  it('says why a card could not be removed, and keeps it', async () => {
    use(http.delete(`${API}/v1/sessions/:id/saved-cards/:cardId`, () => apiError(404, 'saved_card_not_found')));
    const el = await choosing();
    $<HTMLButtonElement>(el, '.link').click();
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => text(b) === 'Remove card')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'an error');
    expect(text($(el, '[role="alert"]'))).to.equal('The payment server could not accept this request. Please try again.');
    expect(options(el)).to.have.length(3);
  });

  it('offers to save a new card when the session can, and sends the choice', async () => {
    use(createHandler(() => HttpResponse.json(makePayment(), { status: 201 })));
    const el = await choosing(makeSession({ canSaveCard: true }));
    el.navigate = () => undefined;
    const box = $<HTMLInputElement>(el, '.check input[type="checkbox"]');
    expect(text($(el, '.check'))).to.equal('Save this card for next time');
    box.click();
    payButton(el).click();
    await waitForState(el, 'redirecting');
    expect(posts()[0]!.body).to.deep.equal({ method: 'card', saveCard: true, locale: 'en' });
  });

  it('does not offer saving where the session cannot save cards', async () => {
    const el = await choosing(makeSession());
    expect(el.shadowRoot!.querySelector('.check')).to.equal(null);
  });

  it('speaks the shopper language', async () => {
    use(sessionHandler(makeSession({ savedCards: [VISA], canSaveCard: true })));
    const { el } = mount({ lang: 'ru' });
    await waitForState(el, 'choosing');
    $<HTMLButtonElement>(el, '.link').click();
    await el.updateComplete;
    expect(text($(el, '.confirm p'))).to.equal('Удалить эту карту из сохранённых?');
  });
});
