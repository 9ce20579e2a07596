// What the shopper sees when the element loads a session that already has a payment, e.g. after
// coming back from the hosted page: always the server's word, read again, never the page URL.
import { expect } from '@open-wc/testing';
import {
  $,
  HttpResponse,
  calls,
  createHandler,
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

describe('results', () => {
  useMockApi();

  it('shows success for a succeeded payment and fires pay-checkout-success', async () => {
    const payment = makePayment({ state: 'succeeded', nextAction: null });
    use(sessionHandler(makeSession({ status: 'complete', payment })));
    const { el, events } = mount();
    await waitForState(el, 'succeeded');
    expect(text($(el, '[part~="result"] h2'))).to.equal('Payment successful');
    expect(text($(el, '[part~="result"]'))).to.contain('₸1,500.00 paid to Alma Coffee.');
    const success = eventsNamed(events, 'pay-checkout-success');
    expect(success).to.have.length(1);
    expect(success[0]!.detail.payment.id).to.equal('pay_1');
    expect(el.shadowRoot!.querySelector('[part~="pay-button"]')).to.equal(null);
  });

  it('treats an authorized (two-phase) payment as success', async () => {
    use(sessionHandler(makeSession({ payment: makePayment({ state: 'authorized', nextAction: null }) })));
    const { el } = mount();
    await waitForState(el, 'succeeded');
  });

  it('shows a failed payment with its reason, and Try again starts a new attempt with a new key', async () => {
    const failed = makePayment({
      state: 'failed',
      nextAction: null,
      failure: { code: 'insufficient_funds', reason: 'Not sufficient funds (51)' },
    });
    use(
      sessionHandler(makeSession()),
      createHandler((n) => HttpResponse.json(n === 1 ? failed : makePayment({ id: 'pay_2' }), { status: 201 })),
    );
    const { el, events, navigations } = mount();
    await waitForState(el, 'choosing');
    $(el, '[part~="pay-button"]').click();
    await waitForState(el, 'failed');

    expect(text($(el, '[part~="result"] h2'))).to.equal('Payment failed');
    expect(text($(el, '.reason'))).to.equal('Your card has insufficient funds.');
    expect(text($(el, '.provider-reason'))).to.contain('Not sufficient funds (51)');
    expect(eventsNamed(events, 'pay-checkout-failure')[0]!.detail.payment.failure?.code).to.equal('insufficient_funds');
    expect(el.shadowRoot!.activeElement, 'focus moves to the result').to.equal($(el, '[part~="result"] h2'));

    const tryAgain = $(el, '[part~="result"] button');
    expect(text(tryAgain)).to.equal('Try again');
    tryAgain.click();
    await waitForState(el, 'choosing');
    $(el, '[part~="pay-button"]').click();
    await waitForState(el, 'redirecting');
    const [first, second] = posts();
    expect(second!.idempotencyKey).to.be.a('string').and.not.equal(first!.idempotencyKey);
    expect(navigations).to.have.length(1);
  });

  it('explains canceled and expired payments', async () => {
    use(sessionHandler(makeSession({ payment: makePayment({ state: 'canceled', nextAction: null }) })));
    const { el } = mount();
    await waitForState(el, 'failed');
    expect(text($(el, '.reason'))).to.equal('The payment was canceled.');
  });

  it('polls a processing payment until it is final', async () => {
    use(
      sessionHandler(makeSession({ payment: makePayment({ state: 'processing', nextAction: null }) })),
      paymentHandler((n) =>
        HttpResponse.json(
          n < 4
            ? makePayment({ state: 'processing', nextAction: null })
            : makePayment({ state: 'failed', nextAction: null, failure: { code: 'authentication_timed_out', reason: null } }),
        ),
      ),
    );
    const { el, events } = mount();
    await waitForState(el, 'processing');
    expect(text($(el, '[part~="result"] h2'))).to.equal('Payment processing');
    await waitForState(el, 'failed');
    expect(calls.filter((call) => call.path === '/api/pay/v1/sessions/cs_test_1/payments/pay_1')).to.have.length(4);
    expect(text($(el, '.reason'))).to.equal('The card verification timed out.');
    expect(el.shadowRoot!.querySelector('.provider-reason')).to.equal(null);
    expect(eventsNamed(events, 'pay-checkout-failure')).to.have.length(1);
  });

  it('keeps polling through network errors', async () => {
    use(
      sessionHandler(makeSession({ payment: makePayment({ state: 'requires_action' }) })),
      paymentHandler((n) => (n < 3 ? HttpResponse.error() : HttpResponse.json(makePayment({ state: 'succeeded', nextAction: null })))),
    );
    const { el, navigations } = mount();
    await waitForState(el, 'succeeded');
    expect(navigations, 'coming back never redirects by itself').to.deep.equal([]);
  });

  it('lets a shopper who came back early continue to the hosted page', async () => {
    use(
      sessionHandler(makeSession({ payment: makePayment({ state: 'requires_action' }) })),
      paymentHandler(() => HttpResponse.json(makePayment())),
    );
    const { el, navigations } = mount();
    await waitForState(el, 'processing');
    expect(navigations, 'no automatic redirect').to.deep.equal([]);
    const button = $(el, '[part~="result"] button');
    expect(text(button)).to.equal('Continue to PITECH');
    button.click();
    await waitForState(el, 'redirecting');
    expect(navigations).to.have.length(1);
  });

  it('stops polling after the time budget; Check again resumes it', async () => {
    let final = false;
    use(
      sessionHandler(makeSession({ payment: makePayment({ state: 'processing', nextAction: null }) })),
      paymentHandler(() => HttpResponse.json(makePayment(final ? { state: 'succeeded', nextAction: null } : { state: 'processing', nextAction: null }))),
    );
    const { el } = mount();
    el.pollOptions = { initialMs: 10, factor: 2, maxMs: 20, timeoutMs: 60 };
    await waitForState(el, 'processing');
    const checkAgain = async () => {
      for (let i = 0; i < 300; i++) {
        const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="result"] button');
        if (button) return button;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('no Check again button');
    };
    const button = await checkAgain();
    expect(text(button)).to.equal('Check again');
    expect(el.state).to.equal('processing');
    expect(text($(el, '[part~="result"]'))).to.contain('no final answer yet');
    const polls = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls.length, 'no polling after giving up').to.equal(polls);
    final = true;
    button.click();
    await waitForState(el, 'succeeded');
  });

  it('shows an expired session', async () => {
    use(sessionHandler(makeSession({ status: 'expired' })));
    const { el, events } = mount();
    await waitForState(el, 'expired');
    expect(text($(el, '[part~="result"] h2'))).to.equal('This checkout has expired');
    expect(el.shadowRoot!.querySelector('[part~="pay-button"]')).to.equal(null);
    expect(eventsNamed(events, 'pay-checkout-ready')).to.have.length(1);
    const back = $<HTMLAnchorElement>(el, '[part~="result"] a');
    expect(text(back)).to.equal('Return to Alma Coffee');
    expect(back.href).to.equal('https://shop.example/return');
  });

  it('offers no return link to a URL that is not http(s)', async () => {
    use(sessionHandler(makeSession({ status: 'expired', returnUrl: 'javascript:alert(1)' })));
    const { el } = mount({ lang: 'kk' });
    await waitForState(el, 'expired');
    expect(el.shadowRoot!.querySelector('[part~="result"] a')).to.equal(null);
  });
});
