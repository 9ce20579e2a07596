// Light and dark by prefers-color-scheme or the theme attribute, custom properties and parts for
// merchants, and reduced motion.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/index.js';
import { $, makeSession, mount, sessionHandler, use, useMockApi, waitForState } from './helpers.js';

const background = (el: PayCheckout) => getComputedStyle($(el, '[part~="base"]')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(23, 25, 31)'; // #17191f

describe('theming', () => {
  useMockApi();
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  async function choosing(): Promise<PayCheckout> {
    use(sessionHandler(makeSession()));
    const { el } = mount();
    await waitForState(el, 'choosing');
    return el;
  }

  it('follows prefers-color-scheme unless the theme attribute fixes it', async () => {
    const el = await choosing();
    expect(background(el)).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.equal(DARK);
    el.setAttribute('theme', 'light');
    expect(background(el)).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'light' });
    el.setAttribute('theme', 'dark');
    expect(background(el)).to.equal(DARK);
  });

  it('takes the merchant colours, radius and font from custom properties, in either theme', async () => {
    const el = await choosing();
    el.style.setProperty('--pay-checkout-color-primary', 'rgb(0, 117, 74)');
    el.style.setProperty('--pay-checkout-radius', '2px');
    el.style.setProperty('--pay-checkout-font-family', 'monospace');
    el.setAttribute('theme', 'dark');
    const pay = getComputedStyle($(el, '[part~="pay-button"]'));
    expect(pay.backgroundColor).to.equal('rgb(0, 117, 74)');
    expect(pay.borderTopLeftRadius).to.equal('2px');
    expect(getComputedStyle($(el, '[part~="base"]')).fontFamily).to.equal('monospace');
  });

  it('exposes its main pieces as parts', async () => {
    const el = await choosing();
    for (const part of ['base', 'header', 'amount', 'methods', 'method', 'pay-button']) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
    }
  });

  it('stops the skeleton pulse and slows the spinner under prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    use(sessionHandler(() => new Promise(() => undefined))); // the session never arrives
    const { el } = mount();
    await el.updateComplete;
    expect(getComputedStyle($(el, '.bone')).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle($(el, '.bone')).animationName).to.equal('pulse');
  });
});
