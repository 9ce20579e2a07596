// The SMS code step (otp next action): code input, verdicts, resend countdown, WebOTP, errors.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PaymentView } from '@pay-checkout/protocol';
import type { PayCheckout } from '../src/index.js';
import {
  $,
  FakeClock,
  HttpResponse,
  apiError,
  cancelHandler,
  at,
  checking,
  createHandler,
  eventStream,
  kzPayment,
  kzSession,
  makeOtp,
  mount,
  paymentHandler,
  posts,
  resendHandler,
  otpHandler,
  sessionHandler,
  shadowActive,
  text,
  use,
  useMockApi,
  waitForState,
} from './helpers.js';

const codeInput = (el: PayCheckout) => $<HTMLInputElement>(el, '#pc-otp-code');
const confirm = (el: PayCheckout) => $<HTMLButtonElement>(el, '[part~="confirm-button"]');
const codeError = (el: PayCheckout) => text($(el, '#pc-otp-error'));
const resendButton = (el: PayCheckout) => el.shadowRoot!.querySelector<HTMLButtonElement>('.resend button');
const otpPosts = () => posts().filter((post) => post.path.endsWith('/otp'));

/** Pays with a valid number; the server answers with the code step (directly or over the stream). */
async function codeStep(first: PaymentView = kzPayment(), lang = 'en') {
  const stream = eventStream();
  use(sessionHandler(kzSession({ prefill: { phone: '+77012345678' } })), createHandler(() => HttpResponse.json(first, { status: 201 })), stream.handler);
  const mounted = mount({ lang });
  const clock = new FakeClock();
  mounted.el.clock = clock;
  await waitForState(mounted.el, 'choosing');
  $(mounted.el, '[part~="pay-button"]').click();
  if (first.nextAction?.type === 'await') {
    await waitUntil(() => stream.connections === 1, 'the stream opens');
    stream.send(kzPayment());
  }
  await waitForState(mounted.el, 'otp');
  return { ...mounted, clock, stream };
}

async function typeCode(el: PayCheckout, keys: string) {
  codeInput(el).focus();
  await sendKeys({ type: keys });
  await el.updateComplete;
}

async function pasteCode(el: PayCheckout, value: string) {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', value);
  codeInput(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true }));
  await el.updateComplete;
}

describe('otp step', () => {
  useMockApi();

  it('asks for the code sent to the masked number, with an accessible one-time-code input', async () => {
    const { el } = await codeStep(kzPayment(checking()));
    expect(text($(el, '[part~="otp"] h2'))).to.equal('Enter the code from SMS');
    expect(text($(el, '#pc-otp-sent'))).to.equal('We sent a code to +7 701 ***-**-78.');
    const input = codeInput(el);
    expect(text($(el, `label[for="${input.id}"]`))).to.equal('SMS code');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.maxLength).to.equal(8);
    expect(input.getAttribute('aria-describedby')!.split(' ')).to.include.members(['pc-otp-sent', 'pc-otp-error']);
    expect($(el, '#pc-otp-error').getAttribute('aria-live')).to.equal('polite');
    expect($(el, '[part~="otp"] [role="status"]')).to.exist;
    expect($(el, '.resend .note').getAttribute('aria-live')).to.equal('polite');
    expect(text(confirm(el))).to.equal('Confirm');
    expect(text($(el, '[part~="otp"] .link'))).to.equal('Change number');
    const heading = $(el, '[part~="otp"] h2');
    await waitUntil(() => shadowActive(el) === heading, 'focus moves to the step heading');
    await sendKeys({ press: 'Tab' });
    expect(shadowActive(el), 'Tab goes on to the code input').to.equal(input);
  });

  it('shows "sending a code" while the operator has not asked for it yet', async () => {
    const stream = eventStream();
    use(
      sessionHandler(kzSession({ prefill: { phone: '+77012345678' } })),
      createHandler(() => HttpResponse.json(kzPayment({ nextAction: { type: 'await', pollAfterMs: 20 } }), { status: 201 })),
      stream.handler,
    );
    const { el } = mount();
    await waitForState(el, 'choosing');
    $(el, '[part~="pay-button"]').click();
    await waitForState(el, 'processing');
    expect(text($(el, '[part~="result"]'))).to.contain('We are sending a code to your phone.');
  });

  it('takes digits only, and a pasted code (even inside the SMS text) is submitted at once', async () => {
    use(otpHandler(() => HttpResponse.json(kzPayment(checking()))));
    const { el } = await codeStep();
    await typeCode(el, '12a-3');
    expect(codeInput(el).value).to.equal('123');
    expect(otpPosts(), 'typed codes wait for Enter or Confirm').to.have.length(0);

    await pasteCode(el, 'Your code: 654321. Do not share it.');
    expect(codeInput(el).value).to.equal('654321');
    await waitUntil(() => otpPosts().length === 1, 'the pasted code is sent');
    expect(otpPosts()[0]!.body).to.deep.equal({ code: '654321' });
    expect(otpPosts()[0]!.path).to.equal('/api/pay/v1/sessions/cs_test_1/payments/pay_1/otp');
  });

  it('strips the separators of a pasted "123-456"', async () => {
    use(otpHandler(() => HttpResponse.json(kzPayment(checking()))));
    const { el } = await codeStep();
    await pasteCode(el, '123-456');
    await waitUntil(() => otpPosts().length === 1);
    expect(otpPosts()[0]!.body).to.deep.equal({ code: '123456' });
  });

  it('asks for a code before sending an empty or short one', async () => {
    const { el } = await codeStep();
    confirm(el).click();
    await el.updateComplete;
    expect(codeError(el)).to.equal('Enter the code from the SMS.');
    await typeCode(el, '12');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(codeError(el)).to.equal('The code has 4 to 8 digits.');
    expect(codeInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(otpPosts()).to.have.length(0);
  });

  it('shows "Checking the code…" after Enter and the result the stream delivers', async () => {
    use(otpHandler(() => HttpResponse.json(kzPayment(checking()))));
    const { el, stream, events } = await codeStep();
    await typeCode(el, '1234');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text($(el, '[part~="otp"] [role="status"]')) === 'Checking the code…', 'checking status');
    expect(el.state).to.equal('otp');
    expect(codeInput(el).readOnly).to.equal(true);
    expect(confirm(el).getAttribute('aria-disabled')).to.equal('true');

    stream.send(kzPayment({ state: 'succeeded', nextAction: null }));
    await waitForState(el, 'succeeded');
    expect(text($(el, '[part~="result"] h2'))).to.equal('Payment successful');
    expect(events.filter((event) => event.type === 'pay-checkout-success')).to.have.length(1);
  });

  it('says how many tries are left after a wrong code, clears the input and focuses it', async () => {
    use(otpHandler(() => HttpResponse.json(kzPayment(checking()))));
    const { el, stream } = await codeStep();
    await typeCode(el, '1111');
    confirm(el).click();
    await waitUntil(() => otpPosts().length === 1);
    await el.updateComplete;

    stream.send(kzPayment({ nextAction: makeOtp({ lastCode: 'wrong', attemptsLeft: 2 }) }));
    await waitUntil(() => codeError(el) === 'The code is wrong. Tries left: 2.', 'wrong code message');
    expect(codeInput(el).value).to.equal('');
    expect(codeInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(codeInput(el).readOnly).to.equal(false);
    await waitUntil(() => shadowActive(el) === codeInput(el), 'focus back on the input');
    expect(text($(el, '[part~="otp"] [role="status"]'))).to.equal('');

    // The same step read again (a reconnect) leaves what the shopper is typing alone.
    await typeCode(el, '22');
    stream.send(kzPayment({ nextAction: makeOtp({ lastCode: 'wrong', attemptsLeft: 2 }) }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(codeInput(el).value).to.equal('22');

    await typeCode(el, '22');
    confirm(el).click();
    await waitUntil(() => otpPosts().length === 2);
    stream.send(kzPayment({ nextAction: makeOtp({ lastCode: 'wrong', attemptsLeft: 1 }) }));
    await waitUntil(() => codeError(el) === 'The code is wrong. Tries left: 1.', 'last try');
  });

  it('says when the code has expired', async () => {
    // This server answers the code synchronously, with the verdict in the POST's reply.
    use(otpHandler(() => HttpResponse.json(kzPayment({ nextAction: makeOtp({ lastCode: 'expired' }) }))));
    const { el } = await codeStep();
    await typeCode(el, '123456');
    confirm(el).click();
    await waitUntil(() => codeError(el) === 'The code has expired. Ask for a new one.', 'expired message');
    expect(codeInput(el).value).to.equal('');
  });

  it('shows a 429 from the code request inside the step', async () => {
    use(otpHandler(() => apiError(429, 'too_many_attempts')), paymentHandler(() => HttpResponse.json(kzPayment())));
    const { el } = await codeStep();
    await typeCode(el, '123456');
    confirm(el).click();
    await waitUntil(() => codeError(el) === 'Too many wrong codes. The payment was canceled.', 'inline error');
    expect(el.state).to.equal('otp');
    expect(codeInput(el).value, 'the code stays for another try').to.equal('123456');
  });

  it('counts down to the resend, announces it once, and starts a new countdown after a resend', async () => {
    use(resendHandler(() => HttpResponse.json(kzPayment({ nextAction: makeOtp({ resendAvailableAt: at(42_000 + 60_000), resendsLeft: 2 }) }))));
    const { el, clock } = await codeStep();
    const button = resendButton(el)!;
    expect(text(button)).to.equal('Send a new code');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-describedby')).to.equal('pc-otp-wait');
    // One second of margin over the server's time, known only to the second.
    expect(text($(el, '#pc-otp-wait'))).to.equal('New code in 0:43');

    button.click(); // too early: nothing is sent
    clock.tick(1000);
    await el.updateComplete;
    expect(text($(el, '#pc-otp-wait'))).to.equal('New code in 0:42');
    expect(text($(el, '.resend .note')), 'no announcement every second').to.equal('');

    clock.tick(42_000);
    await el.updateComplete;
    expect(text($(el, '#pc-otp-wait'))).to.equal('');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(text($(el, '.resend .note'))).to.equal('You can ask for a new code now.');
    expect(posts().filter((post) => post.path.endsWith('/resend'))).to.have.length(0);

    button.click();
    await waitUntil(() => text($(el, '.resend .note')) === 'We sent a new code to +7 701 ***-**-78.', 'resent');
    const [resend] = posts().filter((post) => post.path.endsWith('/otp/resend'));
    expect(resend!.body).to.deep.equal({});
    expect(text($(el, '#pc-otp-wait'))).to.equal('New code in 1:00');
    expect(resendButton(el)!.getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => shadowActive(el) === codeInput(el), 'focus on the input for the new code');
  });

  it("counts down to the server's time when a resend comes too early", async () => {
    use(resendHandler(() => HttpResponse.json(
      { error: { code: 'resend_not_available', message: 'later', details: { resendAvailableAt: at(42_000 + 15_000) } } },
      { status: 429 },
    )));
    const { el, clock } = await codeStep();
    clock.tick(43_000); // our clock says it is time; the server's does not agree yet
    await el.updateComplete;
    resendButton(el)!.click();
    await waitUntil(() => text($(el, '.resend .note')) === 'A new code cannot be sent yet. Please wait a little.', 'inline');
    expect(text($(el, '#pc-otp-wait'))).to.equal('New code in 0:15');
  });

  it("reads resendAvailableAt on the server's clock (Date header)", async () => {
    // The server's clock is 20 s ahead of ours: its resendAvailableAt, 62 s ahead by our clock, is
    // 42 s away (it would say 1:02 without the correction).
    const ahead = () => ({ date: new Date(Date.now() + 20_000).toUTCString() });
    const stream = eventStream();
    use(
      sessionHandler(() => HttpResponse.json(kzSession({ prefill: { phone: '+77012345678' } }), { headers: ahead() })),
      createHandler(() => HttpResponse.json(kzPayment({ nextAction: makeOtp({ resendAvailableAt: new Date(Date.now() + 20_000 + 42_000).toISOString() }) }), { status: 201, headers: ahead() })),
      stream.handler,
    );
    const { el } = mount();
    await waitForState(el, 'choosing');
    $(el, '[part~="pay-button"]').click();
    await waitForState(el, 'otp');
    expect(text($(el, '#pc-otp-wait'))).to.match(/^New code in 0:4[234]$/);
  });

  it('explains when no more codes can be sent', async () => {
    const { el } = await codeStep(kzPayment({ nextAction: makeOtp({ resendsLeft: 0, resendAvailableAt: null }) }));
    expect(resendButton(el)).to.equal(null);
    expect(text($(el, '.no-resends'))).to.equal('No more codes can be sent. Check the number or choose another way to pay.');
  });

  it('hides the resend when the server says the limit is reached, and shows other resend errors', async () => {
    use(resendHandler((n) => (n === 1 ? apiError(429, 'rate_limited') : apiError(429, 'resend_limit_reached'))));
    const { el, clock } = await codeStep();
    clock.tick(43_000);
    await el.updateComplete;
    resendButton(el)!.click();
    await waitUntil(() => text($(el, '.resend .note')) === 'Please wait a moment and try again.', 'rate limited');
    resendButton(el)!.click();
    await waitUntil(() => resendButton(el) === null, 'button hidden');
    expect(text($(el, '.no-resends'))).to.contain('No more codes can be sent.');
  });

  it('Change number goes back to the phone input and starts a new attempt', async () => {
    use(cancelHandler(() => HttpResponse.json(kzPayment({ state: 'canceled', nextAction: null }))));
    const { el } = await codeStep();
    $(el, '[part~="otp"] .link').click();
    await waitForState(el, 'choosing');
    // The waiting attempt is dropped on the server, so the new number gets a new attempt.
    await waitUntil(() => posts().some((post) => post.path.endsWith('/cancel')), 'cancel sent');
    const phone = $<HTMLInputElement>(el, '#pc-phone');
    expect(phone.value, 'the number is kept to be corrected').to.equal('701 234 56 78');
    await waitUntil(() => shadowActive(el) === phone, 'focus on the phone input');

    phone.select();
    await sendKeys({ type: '7051234567' });
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'otp');
    const [first, second] = posts().filter((post) => post.path.endsWith('/payments'));
    expect(second!.body).to.deep.include({ phone: '+77051234567', operator: 'BEELINE' });
    expect(second!.idempotencyKey).to.be.a('string').and.not.equal(first!.idempotencyKey);
  });

  /** Pretends the browser has WebOTP; `answer` plays navigator.credentials.get. */
  async function withWebOtp(answer: (signal: AbortSignal) => Promise<unknown>, body: () => Promise<void>) {
    const win = window as unknown as Record<string, unknown>;
    const native = 'OTPCredential' in window;
    if (!native) win['OTPCredential'] = class {};
    navigator.credentials.get = ((options?: CredentialRequestOptions) => answer(options!.signal!)) as typeof navigator.credentials.get;
    try {
      await body();
    } finally {
      delete (navigator.credentials as unknown as Record<string, unknown>)['get'];
      if (!native) delete win['OTPCredential'];
    }
  }

  it('fills and submits the code WebOTP reads from the SMS', async () => {
    // The SMS arrives once the step is on screen (were it quicker, the step would pass unseen).
    let arrive: (credential: unknown) => void = () => undefined;
    const sms = () => new Promise((resolve) => (arrive = resolve));
    await withWebOtp(sms, async () => {
      use(otpHandler(() => HttpResponse.json(kzPayment({ state: 'succeeded', nextAction: null }))));
      const { el } = await codeStep();
      arrive({ type: 'otp', code: '482913' });
      await waitForState(el, 'succeeded');
      expect(otpPosts()[0]!.body).to.deep.equal({ code: '482913' });
    });
  });

  it('stops waiting for the SMS when the step ends', async () => {
    let signal: AbortSignal | undefined;
    const never = (s: AbortSignal) => {
      signal = s;
      return new Promise((_, reject) => s.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
    await withWebOtp(never, async () => {
      const { el } = await codeStep();
      await waitUntil(() => signal !== undefined, 'WebOTP asked');
      expect(signal!.aborted).to.equal(false);
      $(el, '[part~="otp"] .link').click();
      await waitForState(el, 'choosing');
      expect(signal!.aborted).to.equal(true);
    });
  });

  it('shows the mobile failure messages with the provider reason', async () => {
    use(otpHandler(() => HttpResponse.json(kzPayment(checking()))));
    const { el, stream } = await codeStep();
    await typeCode(el, '1234');
    confirm(el).click();
    await waitUntil(() => otpPosts().length === 1);
    stream.send(
      kzPayment({ state: 'failed', nextAction: null, failure: { code: 'insufficient_balance', reason: 'Not enough balance' } }),
    );
    await waitForState(el, 'failed');
    expect(text($(el, '.reason'))).to.equal('There is not enough money on your phone balance.');
    expect(text($(el, '.provider-reason'))).to.equal('Reason given by Monetix: Not enough balance');
  });

  for (const [code, message] of [
    ['payment_declined', 'The operator declined the payment.'],
    ['too_many_attempts', 'Too many wrong codes. The payment was canceled.'],
  ] as const) {
    it(`explains ${code}`, async () => {
      const failed = kzPayment({ state: 'failed', nextAction: null, failure: { code, reason: null } });
      use(sessionHandler(kzSession({ payment: failed })));
      const { el } = mount();
      await waitForState(el, 'failed');
      expect(text($(el, '.reason'))).to.equal(message);
    });
  }

  it('comes back to the code step after a reload, without taking focus', async () => {
    const payment = kzPayment({ nextAction: makeOtp({ lastCode: 'wrong', attemptsLeft: 2 }) });
    use(sessionHandler(kzSession({ payment })), paymentHandler(() => HttpResponse.json(payment)));
    const { el } = mount();
    await waitForState(el, 'otp');
    expect(codeError(el)).to.equal('The code is wrong. Tries left: 2.');
    expect(shadowActive(el)).to.equal(null);
  });
});
