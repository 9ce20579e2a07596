// The element on a strict page: the demo serves `script-src 'self'; style-src 'self'` (no
// unsafe-inline, no unsafe-eval) and pins the script-tag bundle with its SRI hash. Through a whole
// mobile payment and every language and theme: 0 CSP violations, and no request leaves the page's
// origin except to the companion API and the bundle itself.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buy, checkoutState, type E2E, startE2E } from './harness.js';

const bundle = new URL('../../packages/element/dist/pay-checkout.global.js', import.meta.url);

/** Records CSP violations (as the browser reports them to the page) and every request the page makes. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; requests: { url: string; type: string }[]; refused: string[] }> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const requests: { url: string; type: string }[] = [];
  const refused: string[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
  page.on('console', (message) => {
    if (/Content Security Policy|integrity/i.test(message.text())) refused.push(message.text());
  });
  return {
    requests,
    refused,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

describe('strict CSP and SRI, end to end', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e.close());

  it('serves the order page with a strict policy and the bundle pinned by its integrity hash', async () => {
    const page = await e2e.browser.newPage();
    await buy(page, e2e.demo);
    const response = await page.reload();
    const policy = response!.headers()['content-security-policy'] ?? '';
    assert.match(policy, /script-src 'self';/);
    assert.match(policy, /style-src 'self';/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);

    const expected = `sha384-${createHash('sha384').update(readFileSync(bundle)).digest('base64')}`;
    assert.equal(await page.locator('script[src$="pay-checkout.global.js"]').getAttribute('integrity'), expected);
    await page.close();
  });

  it('runs a whole payment, in every language and theme, with 0 violations and only same-origin requests', async () => {
    const page = await e2e.browser.newPage();
    const seen = await watch(page);
    await buy(page, e2e.demo);
    const origin = new URL(e2e.demo.url).origin;
    // The bundle stores its tables compactly (arrays in key order): each language must still read right.
    const legends: Record<string, string> = { kk: 'Төлем тәсілі', ru: 'Способ оплаты', az: 'Ödəniş üsulu', en: 'Payment method' };
    for (const [lang, legend] of Object.entries(legends)) {
      for (const theme of ['dark', 'light']) {
        await page.goto(`${page.url().split('?')[0]}?lang=${lang}&theme=${theme}`);
        await checkoutState(page, 'choosing').waitFor();
        assert.equal(await page.locator('pay-checkout [part~="methods"] legend').innerText(), legend);
      }
    }
    // The mobile method renders the most: phone input, operator select, then the code step.
    await page.getByRole('radio', { name: /Phone balance/ }).check();
    await page.getByLabel('Phone number').fill('701 555 12 34');
    await page.getByRole('button', { name: /^Pay/ }).click();
    await checkoutState(page, 'otp').waitFor();
    const sms = (await (await fetch(`${e2e.demo.url}/sandbox/monetix/sms.json?number=77015551234`)).json()) as { text: string }[];
    await page.getByLabel('SMS code').fill(/\d{6}/.exec(sms[0]!.text)![0]);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await checkoutState(page, 'succeeded').waitFor();

    assert.deepEqual(await seen.violations(), [], 'securitypolicyviolation events');
    assert.deepEqual(seen.refused, [], 'console reports of refused resources');
    const elsewhere = seen.requests.filter(({ url }) => new URL(url).origin !== origin);
    assert.deepEqual(elsewhere, [], 'requests to other origins');
    // Pages, the stylesheet and the two scripts aside, every request is the element's, to the companion API.
    const fetches = seen.requests.filter(({ type }) => !['document', 'stylesheet', 'script'].includes(type));
    assert.ok(fetches.length > 8, `${fetches.length} API requests`);
    for (const { url } of fetches) assert.match(new URL(url).pathname, /^\/api\/pay\/v1\//, url);
    console.log(`csp: ${seen.requests.length} requests, all same-origin; 0 violations in 8 language/theme loads and a paid mobile checkout`);
    await page.close();
  });
});
