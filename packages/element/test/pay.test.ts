import { aTimeout, expect } from '@open-wc/testing';
import {
  $,
  HOSTED_PAGE,
  HttpResponse,
  SECRET,
  apiError,
  calls,
  createHandler,
  delay,
  eventsNamed,
  makePayment,
  makeSession,
  mount,
  paymentHandler,
  posts,
  sessionHandler,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

const payButton = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!;

describe('pay', () => {
  useMockApi();

  it('posts the method and locale with a Bearer secret and an Idempotency-Key', async () => {
    use(sessionHandler(makeSession()), createHandler(() => HttpResponse.json(makePayment(), { status: 201 })));
    const { el } = mount({ lang: 'ru-KZ' });
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'redirecting');

    const [post] = posts();
    expect(post).to.include({ path: '/api/pay/v1/sessions/cs_test_1/payments', authorization: `Bearer ${SECRET}` });
    expect(post!.body).to.deep.equal({ method: 'card', locale: 'ru-KZ' });
    expect(post!.idempotencyKey).to.match(/^[0-9a-f-]{32,36}$/);
  });

  it('sends a single POST however often Pay is clicked', async () => {
    use(
      sessionHandler(makeSession()),
      createHandler(async () => {
        await delay(150);
        return HttpResponse.json(makePayment(), { status: 201 });
      }),
    );
    const { el, navigations } = mount();
    await waitForState(el, 'choosing');
    const button = payButton(el);
    button.click();
    button.click(); // same task, before Lit re-renders
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    button.click();
    $(el, 'form').dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    await waitForState(el, 'redirecting');
    await aTimeout(50);
    expect(posts()).to.have.length(1);
    expect(navigations).to.deep.equal([HOSTED_PAGE]);
  });

  it('retries a network failure with the same key', async () => {
    use(
      sessionHandler(makeSession()),
      createHandler((n) => (n === 1 ? HttpResponse.error() : HttpResponse.json(makePayment(), { status: 200 }))),
    );
    const { el, navigations } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'redirecting');
    const [first, second] = posts();
    expect(posts()).to.have.length(2);
    expect(second!.idempotencyKey).to.equal(first!.idempotencyKey);
    expect(navigations).to.deep.equal([HOSTED_PAGE]);
  });

  it('keeps the key through the error state Retry and a page reload', async () => {
    let online = false;
    use(
      sessionHandler(makeSession()),
      createHandler(() => (online ? HttpResponse.json(makePayment(), { status: 201 }) : HttpResponse.error())),
    );
    const first = mount();
    await waitForState(first.el, 'choosing');
    payButton(first.el).click();
    await waitForState(first.el, 'error');
    expect(posts(), 'one try and two automatic retries').to.have.length(3);
    expect(text($(first.el, '[part~="error"] .message'))).to.equal(
      'We could not reach the payment server. Check your connection and try again.',
    );
    const key = posts()[0]!.idempotencyKey;

    // "Reload": a fresh element for the same session reuses the attempt's key.
    first.el.remove();
    const second = mount();
    await waitForState(second.el, 'choosing');
    payButton(second.el).click();
    await waitForState(second.el, 'error');

    online = true;
    $(second.el, '[part~="error"] button').click();
    await waitForState(second.el, 'redirecting');
    expect(new Set(posts().map((post) => post.idempotencyKey))).to.deep.equal(new Set([key]));
    expect(second.navigations).to.deep.equal([HOSTED_PAGE]);
  });

  it('redirects to an allowed hosted page through the navigation hook', async () => {
    use(sessionHandler(makeSession()), createHandler(() => HttpResponse.json(makePayment(), { status: 201 })));
    const { el, navigations } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'redirecting');
    expect(text($(el, '[part~="status"]'))).to.equal('Redirecting you to PITECH…');
    await aTimeout(0);
    expect(navigations).to.deep.equal([HOSTED_PAGE]);
  });

  it('blocks a redirect to an origin the session did not allow', async () => {
    const evil = makePayment({ nextAction: { type: 'redirect', url: 'https://pay.pitech.example.evil.test/x', provider: 'pitech' } });
    use(sessionHandler(makeSession()), createHandler(() => HttpResponse.json(evil, { status: 201 })));
    const { el, navigations, events } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'error');
    await aTimeout(20);
    expect(navigations).to.deep.equal([]);
    expect(eventsNamed(events, 'pay-checkout-error')[0]!.detail.code).to.equal('redirect_blocked');
    expect(text($(el, '[part~="error"]'))).to.contain('not on the approved list');
  });

  it('waits on an await action by polling the payment until it is final', async () => {
    use(
      sessionHandler(makeSession()),
      createHandler(() =>
        HttpResponse.json(makePayment({ state: 'processing', nextAction: { type: 'await', pollAfterMs: 30 } }), { status: 201 }),
      ),
      paymentHandler((n) =>
        HttpResponse.json(makePayment({ state: n < 3 ? 'processing' : 'succeeded', nextAction: null })),
      ),
    );
    const { el, events } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'processing');
    expect(text($(el, '[part~="result"] h2'))).to.equal('Payment processing');
    await waitForState(el, 'succeeded');
    expect(calls.filter((call) => call.path.endsWith('/payments/pay_1'))).to.have.length(3);
    expect(eventsNamed(events, 'pay-checkout-success')).to.have.length(1);
  });

  it('shows a payment that is already final', async () => {
    const declined = makePayment({ state: 'failed', nextAction: null, failure: { code: 'card_declined', reason: null } });
    use(sessionHandler(makeSession()), createHandler(() => HttpResponse.json(declined, { status: 201 })));
    const { el, events } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'failed');
    expect(text($(el, '.reason'))).to.equal('Your card was declined.');
    expect(eventsNamed(events, 'pay-checkout-failure')).to.have.length(1);
  });

  it('turns session_expired from the server into the expired state', async () => {
    use(sessionHandler(makeSession()), createHandler(() => apiError(409, 'session_expired')));
    const { el } = mount();
    await waitForState(el, 'choosing');
    payButton(el).click();
    await waitForState(el, 'expired');
    expect(text($(el, '[part~="result"] h2'))).to.equal('This checkout has expired');
  });
});
