// Languages: complete tables, the choice of language per element, and amounts by Intl.
import { expect } from '@open-wc/testing';
import type { FailureCode } from '@pay-checkout/protocol';
import type { PayCheckout } from '../src/index.js';
import { en } from '../src/locales/en.js';
import { TABLES, errorText, resolveLocale, translator, type Language } from '../src/locales/msg.js';
import { $, makeSession, mount, sessionHandler, text, use, useMockApi, waitForState } from './helpers.js';

const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const LANGUAGES = Object.keys(TABLES) as Language[];

describe('locales', () => {
  useMockApi();

  it('has kk, ru, en and az, each with every key and the same placeholders as English', () => {
    expect(LANGUAGES.sort()).to.deep.equal(['az', 'en', 'kk', 'ru']);
    for (const language of LANGUAGES) {
      const table = TABLES[language] as Record<string, string>;
      expect(Object.keys(table), language).to.deep.equal(Object.keys(en));
      for (const [key, english] of Object.entries(en)) {
        expect(table[key]!.trim(), `${language} ${key}`).not.to.equal('');
        expect(placeholders(table[key]!), `${language} ${key}`).to.deep.equal(placeholders(english));
      }
    }
  });

  it('gives every failure code and every error code a message of its own language', () => {
    const failures: FailureCode[] = ['card_declined', 'insufficient_balance', 'payment_declined', 'too_many_attempts', 'insufficient_funds', 'authentication_timed_out', 'payment_expired', 'amount_mismatch', 'provider_error'];
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const code of failures) expect(t(`failure.${code}`), `${language} ${code}`).to.equal(TABLES[language][`failure.${code}`]);
      // An unknown code (a newer server) still says something in the shopper's language.
      expect(errorText(t, 'from_the_future')).to.equal(TABLES[language]['error.internal']);
      expect(errorText(t, 'network_error')).to.equal(TABLES[language]['error.network']);
    }
  });

  it('resolves the element lang, then the page, then the browser, by language, else English', () => {
    expect(resolveLocale(['kk-KZ'])).to.deep.equal({ tag: 'kk-KZ', language: 'kk' });
    expect(resolveLocale(['RU_kz'])).to.deep.equal({ tag: 'RU-kz', language: 'ru' });
    expect(resolveLocale(['', null, 'az-Latn-AZ'])).to.deep.equal({ tag: 'az-Latn-AZ', language: 'az' });
    expect(resolveLocale(['de-DE', 'fr', 'ru'])).to.deep.equal({ tag: 'ru', language: 'ru' });
    expect(resolveLocale(['de-DE', undefined])).to.deep.equal({ tag: 'en', language: 'en' });
    expect(resolveLocale([])).to.deep.equal({ tag: 'en', language: 'en' });
  });

  for (const language of ['kk', 'ru', 'az'] as const) {
    it(`shows the checkout in ${language}`, async () => {
      use(sessionHandler(makeSession()));
      const { el } = mount({ lang: language });
      await waitForState(el, 'choosing');
      const t = TABLES[language];
      expect(text($(el, '[part~="methods"] legend'))).to.equal(t['methods.legend']);
      expect(text($(el, '[part~="method"]'))).to.contain(t['method.card']);
      expect(text($(el, '[part~="pay-button"]'))).to.contain(t.pay.replace(' {amount}', '').replace('{amount} ', ''));
    });
  }

  it('takes the page language when the element has none, and follows changes of its own', async () => {
    use(sessionHandler(makeSession()));
    const wrapper = document.createElement('div');
    wrapper.lang = 'ru-KZ';
    document.body.append(wrapper);
    const { el } = mount({ lang: '' });
    el.removeAttribute('lang');
    wrapper.append(el);
    try {
      await waitForState(el, 'choosing');
      expect(text($(el, '[part~="methods"] legend'))).to.equal(TABLES.ru['methods.legend']);
      expect(text($(el, '[part~="amount"]'))).to.equal('1 500,00 ₸');
      el.lang = 'az';
      await el.updateComplete;
      expect(text($(el, '[part~="methods"] legend'))).to.equal(TABLES.az['methods.legend']);
    } finally {
      wrapper.remove();
    }
  });

  it('falls back to the browser languages, then English', async () => {
    use(sessionHandler(makeSession()));
    const languages = Object.getOwnPropertyDescriptor(navigator, 'languages');
    const pageLang = document.documentElement.lang;
    document.documentElement.lang = '';
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-AT', 'kk-KZ'] });
    try {
      const { el } = mount({ lang: '' });
      el.removeAttribute('lang');
      await waitForState(el, 'choosing');
      expect(text($(el, '[part~="methods"] legend'))).to.equal(TABLES.kk['methods.legend']);
      Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-AT'] });
      el.requestUpdate();
      await el.updateComplete;
      expect(text($(el, '[part~="methods"] legend'))).to.equal(en['methods.legend']);
    } finally {
      if (languages) Object.defineProperty(navigator, 'languages', languages);
      else delete (navigator as unknown as Record<string, unknown>)['languages'];
      document.documentElement.lang = pageLang;
    }
  });

  it('lets two checkouts in different languages share a page', async () => {
    use(sessionHandler(makeSession({ amount: { value: 1234567, currency: 'AZN' } })));
    const one: PayCheckout = mount({ lang: 'az' }).el;
    const two: PayCheckout = mount({ lang: 'kk' }).el;
    await waitForState(one, 'choosing');
    await waitForState(two, 'choosing');
    expect(text($(one, '[part~="methods"] legend'))).to.equal(TABLES.az['methods.legend']);
    expect(text($(two, '[part~="methods"] legend'))).to.equal(TABLES.kk['methods.legend']);
    expect(text($(one, '[part~="amount"]'))).to.equal('12.345,67 ₼');
    expect(text($(two, '[part~="amount"]'))).to.equal('12 345,67 ₼');
  });
});
