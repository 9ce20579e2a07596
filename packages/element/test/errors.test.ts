import { expect, waitUntil } from '@open-wc/testing';
import {
  $,
  HttpResponse,
  SECRET,
  apiError,
  calls,
  delay,
  eventsNamed,
  makeSession,
  mount,
  sessionHandler,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

describe('errors', () => {
  useMockApi();

  it('shows an error with a Retry that works when the server is unreachable', async () => {
    let up = false;
    use(sessionHandler(() => (up ? HttpResponse.json(makeSession()) : HttpResponse.error())));
    const { el, events } = mount();
    await waitForState(el, 'error');
    expect(text($(el, '[part~="error"] h2'))).to.equal('Something went wrong');
    expect(text($(el, '[part~="error"] .message'))).to.equal(
      'We could not reach the payment server. Check your connection and try again.',
    );
    expect(eventsNamed(events, 'pay-checkout-error')[0]!.detail).to.deep.equal({
      code: 'network_error',
      message: 'We could not reach the payment server. Check your connection and try again.',
    });

    up = true;
    const retry = $(el, '[part~="error"] button');
    expect(text(retry)).to.equal('Retry');
    retry.click();
    await waitForState(el, 'choosing');
    expect(calls.filter((call) => call.method === 'GET')).to.have.length(2);
  });

  it('shows the localized message for a 4xx error body, not the server text', async () => {
    use(sessionHandler(() => apiError(404, 'session_not_found', 'No session cs_test_1 in store')));
    const { el, events } = mount();
    await waitForState(el, 'error');
    expect(text($(el, '[part~="error"] .message'))).to.equal(
      'We could not find this checkout. Return to the shop and start again.',
    );
    expect(eventsNamed(events, 'pay-checkout-error')[0]!.detail.code).to.equal('session_not_found');
  });

  it('gives up on a request that takes longer than requestTimeoutMs', async () => {
    use(sessionHandler(async () => {
      await delay(1000);
      return HttpResponse.json(makeSession());
    }));
    const { el, events } = mount();
    el.requestTimeoutMs = 50;
    await waitForState(el, 'error');
    expect(eventsNamed(events, 'pay-checkout-error')[0]!.detail.code).to.equal('timeout');
  });

  it('maps an error response without a JSON body by status', async () => {
    use(sessionHandler(() => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));
    const { el } = mount();
    await waitForState(el, 'error');
    expect(text($(el, '[part~="error"] .message'))).to.equal('Something went wrong on our side. Please try again.');
  });

  it('uses a generic message for an error code newer than the element', async () => {
    use(sessionHandler(() => apiError(400, 'some_future_code')));
    const { el } = mount();
    await waitForState(el, 'error');
    expect(text($(el, '[part~="error"] .message'))).to.equal('Something went wrong on our side. Please try again.');
  });

  it('rejects a malformed client secret without calling the server', async () => {
    use(sessionHandler(makeSession()));
    const { el } = mount({ secret: 'not-a-secret' });
    await waitForState(el, 'error');
    expect(text($(el, '[part~="error"] .message'))).to.equal('This checkout link is not valid. Return to the shop and start again.');
    expect(calls).to.have.length(0);
  });

  it('reloads when the client secret changes and sends the new one', async () => {
    use(sessionHandler((info) => HttpResponse.json(makeSession({ id: info.params['id'] as string }))));
    const { el } = mount();
    await waitForState(el, 'choosing');
    el.setAttribute('client-secret', 'cs_test_2_secret_xyz');
    await waitUntil(() => calls.length === 2 && el.session?.id === 'cs_test_2', 'second session loaded');
    await waitForState(el, 'choosing');
    expect(calls.map((call) => [call.path, call.authorization])).to.deep.equal([
      ['/api/pay/v1/sessions/cs_test_1', `Bearer ${SECRET}`],
      ['/api/pay/v1/sessions/cs_test_2', 'Bearer cs_test_2_secret_xyz'],
    ]);
  });
});
