// <pay-checkout> inside React 19 and Vue 3: the element's import in plain Node, server rendering of
// both examples, and (when Chromium is at hand) hydration of that markup with events reaching the callbacks.
// Everything past node:test is imported inside the tests, so the first test sees a Node without a DOM.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';

const DOM_GLOBALS = ['window', 'document', 'HTMLElement', 'customElements'] as const;
const domBefore = DOM_GLOBALS.filter((name) => name in globalThis);

const props = { endpoint: '/api/pay', clientSecret: 'cs_4f2a_secret_9b1c', lang: 'kk' } as const;
const expectedAttributes = { endpoint: '/api/pay', 'client-secret': 'cs_4f2a_secret_9b1c', lang: 'kk' };

/** The attributes of the first <pay-checkout> opening tag in server markup. */
function payCheckoutAttributes(html: string): Record<string, string> {
  const tag = html.match(/<pay-checkout\b([^>]*)>/);
  assert.ok(tag, `no <pay-checkout> in ${html}`);
  const attributes: Record<string, string> = {};
  for (const [, name, value] of (tag[1] ?? '').matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
    attributes[name!] = value ?? '';
  }
  return attributes;
}

async function renderReact(extra: { theme?: 'light' | 'dark' } = {}): Promise<{ html: string; staticHtml: string }> {
  const { createElement } = await import('react');
  const { renderToStaticMarkup, renderToString } = await import('react-dom/server');
  const { OrderCheckout } = await import('../../demo/react/OrderCheckout.js');
  const element = createElement(OrderCheckout, { ...props, ...extra, onPaid: () => {}, onFailed: () => {} });
  return { html: renderToString(element), staticHtml: renderToStaticMarkup(element) };
}

/** Vue's markup and warnings, from the example app or (declared: false) the bare component. */
async function renderVue(declared = true): Promise<{ html: string; warnings: string[] }> {
  const { createSSRApp } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  const { OrderCheckout } = await import('../../demo/vue/OrderCheckout.js');
  const { createOrderCheckoutApp } = await import('../../demo/vue/app.js');
  const app = declared ? createOrderCheckoutApp(props) : createSSRApp(OrderCheckout, { ...props });
  const warnings: string[] = [];
  app.config.warnHandler = (message) => void warnings.push(message);
  return { html: await renderToString(app), warnings };
}

describe('@pay-checkout/element in Node', () => {
  it('imports without a DOM and creates none', async () => {
    assert.deepEqual(domBefore, [], 'this process started with DOM globals');
    const { PayCheckout } = await import('@pay-checkout/element');
    assert.equal(typeof PayCheckout, 'function');
    for (const name of ['window', 'document', 'HTMLElement']) assert.ok(!(name in globalThis), `${name} appeared`);
    // Lit's Node build installs its own SSR registry (a Map, no DOM) as customElements, so index.ts
    // registers the element there; that is what lets Lit SSR find it. Anything else would be a real DOM.
    if ('customElements' in globalThis) {
      const { customElements: litRegistry } = await import('@lit-labs/ssr-dom-shim');
      assert.equal(globalThis.customElements, litRegistry, "customElements is not Lit's SSR registry");
      assert.equal(globalThis.customElements.get('pay-checkout'), PayCheckout);
    }
  });

  it('can be evaluated twice', async () => {
    const { PayCheckout } = await import('@pay-checkout/element');
    // A query string makes Node evaluate index.ts again; it must skip the define it already did.
    const again = new URL('../../packages/element/src/index.ts?again', import.meta.url).href;
    const second = (await import(again)) as typeof import('@pay-checkout/element');
    assert.equal(second.PayCheckout, PayCheckout);
  });
});

describe('React 19 server rendering', () => {
  it('renders <pay-checkout> with its attributes and no handlers', async () => {
    const { html, staticHtml } = await renderReact();
    for (const markup of [html, staticHtml]) {
      assert.deepEqual(payCheckoutAttributes(markup), expectedAttributes);
      assert.doesNotMatch(markup, /onpay-|=>|function/);
    }
  });

  it('adds theme only when given', async () => {
    const { staticHtml } = await renderReact({ theme: 'dark' });
    assert.deepEqual(payCheckoutAttributes(staticHtml), { ...expectedAttributes, theme: 'dark' });
  });
});

describe('Vue 3 server rendering', () => {
  it('renders <pay-checkout> with its attributes and no handlers, without warnings', async () => {
    const { html, warnings } = await renderVue();
    assert.deepEqual(warnings, []);
    assert.deepEqual(payCheckoutAttributes(html), expectedAttributes);
    assert.doesNotMatch(html, /pay-checkout-success|pay-checkout-failure|\$emit/);
  });

  // Proves the warning check above can fail: without isCustomElement Vue warns and drops the tag.
  it('warns about <pay-checkout> when the app does not declare it', async () => {
    const { html, warnings } = await renderVue(false);
    assert.ok(warnings.some((w) => w.includes('Failed to resolve component: pay-checkout')), warnings.join('\n'));
    assert.doesNotMatch(html, /<pay-checkout/);
  });
});

const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

describe('hydration in Chromium', { skip: existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath}` }, () => {
  /** The browser entry bundled in development mode, so both frameworks report hydration mismatches. */
  async function bundle(): Promise<string> {
    const { build } = await import('vite');
    const output = await build({
      configFile: false,
      root: new URL('../..', import.meta.url).pathname,
      publicDir: false,
      logLevel: 'silent',
      mode: 'development',
      // The full Vue build: the example's template is compiled in the browser.
      resolve: { alias: [{ find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' }] },
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'true',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
      },
      build: {
        write: false,
        minify: false,
        lib: { entry: new URL('./hydrate.browser.ts', import.meta.url).pathname, formats: ['iife'], name: 'hydrate' },
      },
    });
    const result = Array.isArray(output) ? output[0] : output;
    assert.ok(result && 'output' in result, 'vite build returned no bundle');
    return result.output[0].code;
  }

  it('hydrates both examples (and renders React client-only) with element events reaching the callbacks', async () => {
    const [script, react, vue] = await Promise.all([bundle(), renderReact(), renderVue()]);
    const { chromium } = await import('playwright-core');
    const { CHROMIUM_ARGS } = await import('../../scripts/chromium.mjs');
    const page$ = `<!doctype html><html lang="en"><body>
<script type="application/json" id="props">${JSON.stringify(props)}</script>
<div id="react">${react.html}</div><div id="vue">${vue.html}</div><div id="react-client"></div>
<script src="/hydrate.js"></script></body></html>`;
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const messages: string[] = [];
      page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
      // One origin serves the page and the bundle; the element's own API calls get a 404, which is fine here.
      await page.route('http://shop.test/**', (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') return route.fulfill({ contentType: 'text/html', body: page$ });
        if (path === '/hydrate.js') return route.fulfill({ contentType: 'text/javascript', body: script });
        return route.fulfill({ status: 404, contentType: 'application/json', body: '{}' });
      });
      await page.goto('http://shop.test/');
      await page.waitForFunction(() => {
        const { ready } = window as unknown as { ready?: Record<string, boolean> };
        return ready !== undefined && Object.values(ready).every(Boolean);
      });

      // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
      const seen = await page.evaluate(() =>
        ['#react', '#react-client', '#vue'].map((root) => {
          const element = document.querySelector(`${root} pay-checkout`) as HTMLElement & { endpoint: string; clientSecret: string };
          for (const [type, id] of [['pay-checkout-success', 'pay_ok'], ['pay-checkout-failure', 'pay_no']] as const) {
            element.dispatchEvent(new CustomEvent(type, { detail: { payment: { id } }, bubbles: true, composed: true }));
          }
          return { upgraded: customElements.get('pay-checkout') === element.constructor, endpoint: element.endpoint, clientSecret: element.clientSecret, lang: element.lang };
        }),
      );
      const outcomes = await page.evaluate(() => (window as unknown as { outcomes: unknown }).outcomes);

      const element = { upgraded: true, endpoint: props.endpoint, clientSecret: props.clientSecret, lang: props.lang };
      assert.deepEqual(seen, [element, element, element]);
      // Exactly once each: hydrated React, client-rendered React and hydrated Vue alike.
      const once = ['paid:pay_ok', 'failed:pay_no'];
      assert.deepEqual(outcomes, { react: once, 'react-client': once, vue: once });
      // Nothing else on the console: no hydration mismatch, no unresolved component, no page error.
      const expected = /Failed to load resource: .* 404|Download the React DevTools/;
      assert.deepEqual(messages.filter((m) => !expected.test(m)), []);
    } finally {
      await browser.close();
    }
  });
});
