// axe-core (WCAG 2.0-2.2 A and AA rules, contrast included) on every state of the element, in the
// light and the dark theme. Any violation fails with its rule, target and help text.
import { expect, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import {
  HttpResponse,
  apiError,
  createHandler,
  delay,
  http,
  kzPayment,
  kzSession,
  makeOtp,
  makePayment,
  makeSession,
  paymentHandler,
  mount,
  sessionHandler,
  use,
  useMockApi,
  waitForState,
  $,
} from './helpers.js';

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
  passes: unknown[];
}
interface Axe {
  run(context: Element, options: object): Promise<AxeResult>;
}

async function axe(): Promise<Axe> {
  await import('axe-core/axe.min.js');
  return (window as unknown as { axe: Axe }).axe;
}

const RULES = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };

/** Runs axe on the element in both themes; returns a line for the report. */
async function audit(el: PayCheckout, label: string): Promise<void> {
  const runner = await axe();
  const lines: string[] = [];
  for (const theme of ['light', 'dark']) {
    el.setAttribute('theme', theme);
    await el.updateComplete;
    const { violations, passes } = await runner.run(el, RULES);
    const detail = violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    expect(detail, `${label} (${theme})`).to.deep.equal([]);
    lines.push(`${theme}: ${violations.length} violations, ${passes.length} rules passed`);
  }
  console.log(`axe ${label.padEnd(12)} ${lines.join('; ')}`);
}

describe('accessibility (axe-core)', () => {
  useMockApi();

  it('loading: the skeleton', async () => {
    use(http.get('/api/pay/v1/sessions/:id', async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const { el } = mount();
    await el.updateComplete;
    await audit(el, 'loading');
  });

  it('choosing: the card method', async () => {
    use(sessionHandler(makeSession()));
    const { el } = mount();
    await waitForState(el, 'choosing');
    await audit(el, 'choosing');
  });

  it('saved cards: the list, the save choice and the removal question', async () => {
    const card = { id: 'card_v1', provider: 'pitech' as const, brand: 'visa', maskedPan: '440564******6150', last4: '6150', holder: 'AIGERIM SULTANOVA', expiry: '12/30' };
    use(sessionHandler(makeSession({ savedCards: [card], canSaveCard: true })));
    const { el } = mount();
    await waitForState(el, 'choosing');
    $<HTMLButtonElement>(el, '.link').click();
    await el.updateComplete;
    await audit(el, 'saved cards');
    $<HTMLInputElement>(el, 'form input[value="1"]').click();
    await el.updateComplete;
    await audit(el, 'save choice');
  });

  it('phone: the number, the operator and their errors', async () => {
    use(sessionHandler(kzSession()));
    const { el } = mount();
    await waitForState(el, 'choosing');
    $<HTMLButtonElement>(el, '[part~="pay-button"]').click(); // shows the missing-number error
    await el.updateComplete;
    await audit(el, 'phone');
  });

  it('code: the SMS code step with a wrong-code message', async () => {
    const step = kzPayment({ nextAction: makeOtp({ lastCode: 'wrong', attemptsLeft: 2 }) });
    use(
      sessionHandler(kzSession({ prefill: { phone: '+77012345678' } })),
      createHandler(() => HttpResponse.json(step, { status: 201 })),
      paymentHandler(() => HttpResponse.json(step)), // the element polls while it waits for the code
    );
    const { el } = mount();
    await waitForState(el, 'choosing');
    $<HTMLButtonElement>(el, '[part~="pay-button"]').click();
    await waitForState(el, 'otp');
    await audit(el, 'code');
  });

  it('redirecting', async () => {
    use(sessionHandler(makeSession()), createHandler(() => HttpResponse.json(makePayment(), { status: 201 })));
    const { el } = mount();
    el.navigate = () => undefined;
    await waitForState(el, 'choosing');
    $<HTMLButtonElement>(el, '[part~="pay-button"]').click();
    await waitForState(el, 'redirecting');
    await audit(el, 'redirecting');
  });

  it('processing', async () => {
    const waiting = makePayment({ state: 'processing', nextAction: null });
    use(sessionHandler(makeSession({ payment: waiting })), paymentHandler(() => HttpResponse.json(waiting)));
    const { el } = mount();
    await waitForState(el, 'processing');
    await audit(el, 'processing');
  });

  it('success', async () => {
    use(sessionHandler(makeSession({ status: 'complete', payment: makePayment({ state: 'succeeded', nextAction: null }) })));
    const { el } = mount();
    await waitForState(el, 'succeeded');
    await audit(el, 'success');
  });

  it('failure, with the provider reason', async () => {
    const failed = makePayment({ state: 'failed', nextAction: null, failure: { code: 'card_declined', reason: 'Do not honour' } });
    use(sessionHandler(makeSession({ payment: failed })));
    const { el } = mount();
    await waitForState(el, 'failed');
    await audit(el, 'failure');
  });

  it('expired, with the return link', async () => {
    use(sessionHandler(makeSession({ status: 'expired' })));
    const { el } = mount();
    await waitForState(el, 'expired');
    await audit(el, 'expired');
  });

  it('error: the server cannot be reached', async () => {
    use(sessionHandler(() => HttpResponse.error()));
    const { el } = mount();
    await waitForState(el, 'error');
    await audit(el, 'error');
  });

  it('error: an API error', async () => {
    use(sessionHandler(() => apiError(404, 'session_not_found')));
    const { el } = mount();
    await waitForState(el, 'error');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'));
    await audit(el, 'api error');
  });
});
