// Live updates: the session's event stream over fetch, its parser, and the fallback to polling.
import { expect, waitUntil } from '@open-wc/testing';
import { eventStreamParser } from '../src/controllers/event-stream.js';
import {
  $,
  API,
  HttpResponse,
  SECRET,
  calls,
  createHandler,
  eventStream,
  http,
  kzPayment,
  kzSession,
  mount,
  paymentHandler,
  sessionHandler,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

const awaiting = () => kzPayment({ nextAction: { type: 'await', pollAfterMs: 20 } });
const paymentReads = () => calls.filter((call) => call.method === 'GET' && call.path.endsWith('/payments/pay_1'));
const eventReads = () => calls.filter((call) => call.path.endsWith('/events'));

async function pay(...handlers: Parameters<typeof use>) {
  use(sessionHandler(kzSession({ prefill: { phone: '+77012345678' } })), createHandler(() => HttpResponse.json(awaiting(), { status: 201 })), ...handlers);
  const mounted = mount();
  await waitForState(mounted.el, 'choosing');
  $(mounted.el, '[part~="pay-button"]').click();
  return mounted;
}

describe('event stream parser', () => {
  it('dispatches at blank lines, joins data lines, skips comments, in any chunking', () => {
    const events: [string, string][] = [];
    const push = eventStreamParser((type, data) => events.push([type, data]));
    for (const chunk of [': ping\n\n', 'event: pay', 'ment\ndata: {"a":', '1}\r', '\n\r\n', 'data: x\ndata:y\n\n', 'event: only\n\n', 'data', '\n\n']) {
      push(chunk);
    }
    expect(events).to.deep.equal([
      ['payment', '{"a":1}'],
      ['message', 'x\ny'],
      ['message', ''],
    ]);
  });
});

describe('live updates', () => {
  useMockApi();

  it('opens the stream with the Bearer secret and shows what it delivers, without polling', async () => {
    const stream = eventStream();
    const { el, events } = await pay(stream.handler, paymentHandler(() => HttpResponse.json(awaiting())));
    await waitUntil(() => stream.connections === 1, 'stream opened');
    expect(eventReads()[0]).to.include({ authorization: `Bearer ${SECRET}`, accept: 'text/event-stream' });
    expect(eventReads()[0]!.path).to.equal('/api/pay/v1/sessions/cs_test_1/events');

    stream.write(': ping\n\n');
    stream.send(kzPayment());
    await waitForState(el, 'otp');
    stream.send(kzPayment({ state: 'processing', nextAction: { type: 'await', pollAfterMs: 20 } }));
    await waitUntil(() => text($(el, '[part~="otp"] [role="status"]')) === 'Checking the code…', 'checking');
    stream.send(kzPayment({ state: 'succeeded', nextAction: null }));
    await waitForState(el, 'succeeded');
    expect(events.filter((event) => event.type === 'pay-checkout-success')).to.have.length(1);
    expect(paymentReads(), 'no polling while the stream works').to.have.length(0);
  });

  it('ignores an older payment that arrives after a newer one', async () => {
    const stream = eventStream();
    const { el } = await pay(stream.handler);
    await waitUntil(() => stream.connections === 1);
    const older = kzPayment({ state: 'processing', nextAction: { type: 'await', pollAfterMs: 20 } });
    const newer = kzPayment();
    stream.send(newer);
    await waitForState(el, 'otp');
    stream.send(older);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text($(el, '[part~="otp"] [role="status"]'))).to.equal('');
  });

  it('falls back to polling when the stream answers 500, and reaches the final state', async () => {
    const { el } = await pay(
      http.get(`${API}/v1/sessions/:id/events`, () => new HttpResponse('oops', { status: 500 })),
      paymentHandler((n) => HttpResponse.json(n < 3 ? awaiting() : kzPayment({ state: 'succeeded', nextAction: null }))),
    );
    await waitForState(el, 'succeeded');
    expect(paymentReads()).to.have.length(3);
  });

  it('falls back to polling when the answer is not an event stream', async () => {
    const { el } = await pay(
      http.get(`${API}/v1/sessions/:id/events`, () => HttpResponse.json({ not: 'a stream' })),
      paymentHandler((n) => HttpResponse.json(n < 8 ? kzPayment() : kzPayment({ state: 'failed', nextAction: null, failure: { code: 'payment_declined', reason: null } }))),
    );
    await waitForState(el, 'otp'); // polling also brings the code step
    await waitForState(el, 'failed');
    expect(text($(el, '.reason'))).to.equal('The operator declined the payment.');
  });

  it('falls back to polling on a network error', async () => {
    const { el } = await pay(
      http.get(`${API}/v1/sessions/:id/events`, () => HttpResponse.error()),
      paymentHandler(() => HttpResponse.json(kzPayment({ state: 'succeeded', nextAction: null }))),
    );
    await waitForState(el, 'succeeded');
  });

  it('polls when the server ends the stream before the payment is final', async () => {
    const stream = eventStream();
    const { el } = await pay(
      stream.handler,
      paymentHandler((n) => HttpResponse.json(n < 2 ? kzPayment() : kzPayment({ state: 'succeeded', nextAction: null }))),
    );
    await waitUntil(() => stream.connections === 1);
    stream.send(kzPayment());
    await waitForState(el, 'otp');
    expect(paymentReads()).to.have.length(0);
    stream.close();
    await waitForState(el, 'succeeded');
    expect(paymentReads()).to.have.length(2);
  });

  it('aborts the stream when the element leaves the page', async () => {
    // msw does not pass the page's abort on to the handler, so watch the fetch itself.
    let signal: AbortSignal | null | undefined;
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/events')) signal = init?.signal;
      return fetch(input, init);
    };
    try {
      const stream = eventStream();
      const { el } = await pay(stream.handler);
      await waitUntil(() => stream.connections === 1);
      expect(signal!.aborted).to.equal(false);
      el.remove();
      expect(signal!.aborted).to.equal(true);
    } finally {
      window.fetch = fetch;
    }
  });
});
