// The demo's payments admin in Chromium: sign in with the merchant API key, find a card payment made
// through PITECH's hosted page, refund part of it, capture a held order; under the strict CSP with 0
// violations, and an action whose answer was lost is retried with the same Idempotency-Key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PITECH_TEST_CARDS } from '@pay-checkout/sandbox';
import type { Page } from 'playwright-core';
import { buyAndHandOff, type E2E, fillCard, startE2E } from './harness.js';

const SAMOVAR = 'Copper samovar, made to order';

describe('payments admin page, end to end', () => {
  let e2e: E2E;
  let paidOrder: string;
  let heldOrder: string;
  before(async () => {
    e2e = await startE2E();
    paidOrder = await payByCard('Kazakh black tea, 250 g');
  });
  after(() => e2e.close());

  async function payByCard(product: string): Promise<string> {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, product);
    await fillCard(page, PITECH_TEST_CARDS.visaSuccess.number);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await page.close();
    return orderId;
  }

  /** The payment as the merchant API reports it (the test's own request, not the page's). */
  async function apiPayment(orderId: string) {
    const res = await fetch(`${e2e.demo.url}/api/pay/v1/payments?orderId=${orderId}`, { headers: { authorization: `Bearer ${e2e.demo.apiKey}` } });
    const list = (await res.json()) as { data: { id: string; state: string; refundedAmount: { value: number }; capturedAmount: { value: number } | null }[] };
    return list.data[0]!;
  }

  /** Opens /admin recording CSP violations as the page sees them. */
  async function openAdmin(path = '/admin'): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = await e2e.browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const response = await page.goto(`${e2e.demo.url}${path}`);
    assert.match(response!.headers()['content-security-policy'] ?? '', /script-src 'self'; style-src 'self'/);
    return { page, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
  }

  async function signIn(page: Page, key = e2e.demo.apiKey): Promise<void> {
    await page.getByLabel('Merchant API key').fill(key);
    await page.getByLabel(/Your name/).fill('Aigerim');
    await page.getByRole('button', { name: 'Show payments' }).click();
  }

  const row = (page: Page, orderId: string) => page.locator('#payment-rows tr').filter({ hasText: orderId });

  it('refuses a wrong key with the API message, and keeps the key out of cookies and the URL', async () => {
    const { page, violations } = await openAdmin();
    assert.equal(await page.getByLabel('Merchant API key').getAttribute('type'), 'password');
    await signIn(page, 'sk_demo_not_the_key');
    await page.getByText('A valid merchant API key is required (unauthorized)').waitFor();
    assert.equal(await page.getByLabel('Merchant API key').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#payments').isHidden(), true);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    await signIn(page);
    await row(page, paidOrder).waitFor();
    assert.equal(await page.evaluate(() => Object.values(sessionStorage).filter((v) => v.startsWith('sk_demo_')).length), 1);
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal(page.url(), `${e2e.demo.url}/admin`);
    assert.equal(await page.getByLabel('Merchant API key').inputValue(), '');
    assert.deepEqual(await violations(), []);
    await page.close();
  });

  it('lists the paid order and refunds part of it after a confirmation', async () => {
    const { page, violations } = await openAdmin();
    await signIn(page);
    const paid = row(page, paidOrder);
    await paid.locator('[data-state="succeeded"]').waitFor();
    assert.match(await paid.innerText(), /KZT\s4,500\.00\s+pitech\s+card\s+succeeded/);

    await page.getByRole('button', { name: paidOrder }).click();
    await page.getByRole('heading', { name: `Order ${paidOrder}` }).waitFor();
    assert.deepEqual(await page.locator('#actions button').allInnerTexts(), ['Reverse…', 'Refund…']);
    await page.getByRole('button', { name: 'Refund…' }).click();
    const amount = page.getByLabel('Refund amount (KZT)');
    assert.equal(await amount.inputValue(), '4500.00');

    // More decimals than tenge has: refused in the page, nothing asked of the server.
    await amount.fill('12.345');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByText('KZT amounts have at most 2 decimal places.').waitFor();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    await amount.fill('5000');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByText(/At most KZT\s4,500\.00 can be taken\./).waitFor();

    await amount.fill('12');
    await page.getByLabel(/Reason/).fill('Dented tin');
    await page.getByRole('button', { name: 'Review refund' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Refund KZT\s12\.00 of order ord-\w+\? Reason: Dented tin\./);
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();

    await page.getByRole('status').filter({ hasText: /Refunded KZT\s12\.00\. Payment state: partially refunded\./ }).waitFor();
    await paid.locator('[data-state="partially_refunded"]').waitFor();
    assert.match(await paid.innerText(), /KZT\s12\.00/);
    const history = page.locator('#operation-rows tr');
    assert.equal(await history.count(), 1);
    assert.match(await history.innerText(), /refund\s+KZT\s12\.00\s+succeeded\s+Aigerim\s+Dented tin/);
    const payment = await apiPayment(paidOrder);
    assert.equal(payment.state, 'partially_refunded');
    assert.equal(payment.refundedAmount.value, 1200);
    assert.deepEqual(await violations(), []);
    await page.close();
  });

  it('retries an action whose answer was lost with the same Idempotency-Key, refunding once', async () => {
    const { page, violations } = await openAdmin();
    const keys: string[] = [];
    // The first refund reaches the server and is done, but its answer never reaches the page.
    await page.route('**/api/pay/v1/payments/*/refund', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await signIn(page);
    await page.getByRole('button', { name: paidOrder }).click();
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByLabel('Refund amount (KZT)').fill('1');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).click();
    await page.getByRole('alert').filter({ hasText: /could not be reached.*will not be done twice/ }).waitFor();

    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).click();
    await page.getByRole('status').filter({ hasText: /Refunded KZT\s1\.00/ }).waitFor();
    assert.equal(keys.length, 2);
    assert.match(keys[0]!, /^adm_[0-9a-f-]{36}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal((await apiPayment(paidOrder)).refundedAmount.value, 1300);
    assert.equal(await page.locator('#operation-rows tr').count(), 2);

    // A new action gets a new key.
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByLabel('Refund amount (KZT)').fill('1');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm refund' }).click();
    await page.locator('#operation-rows tr').nth(2).waitFor();
    assert.equal(keys.length, 3);
    assert.notEqual(keys[2], keys[0]);
    assert.deepEqual(await violations(), []);
    await page.close();
  });

  it('captures part of a held order, and then refunds only what was captured', async () => {
    const orderId = (heldOrder = await payByCard(SAMOVAR));
    assert.equal((await apiPayment(orderId)).state, 'authorized');
    const { page, violations } = await openAdmin();
    await signIn(page);
    await row(page, orderId).locator('[data-state="authorized"]').waitFor();
    await page.getByRole('button', { name: orderId }).click();
    assert.deepEqual(await page.locator('#actions button').allInnerTexts(), ['Capture…', 'Cancel…']);

    await page.getByRole('button', { name: 'Capture…' }).click();
    const amount = page.getByLabel('Capture amount (KZT)');
    assert.equal(await amount.inputValue(), '89000.00');
    await amount.fill('85000,50');
    await page.getByRole('button', { name: 'Review capture' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Back' }).click();
    assert.equal((await apiPayment(orderId)).state, 'authorized', 'Back sends nothing');
    await page.getByRole('button', { name: 'Review capture' }).click();
    assert.match(await page.getByRole('dialog').innerText(), /Capture KZT\s85,000\.50 of order/);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm capture' }).click();
    await page.getByRole('status').filter({ hasText: /Captured KZT\s85,000\.50\. Payment state: succeeded\./ }).waitFor();

    const payment = await apiPayment(orderId);
    assert.equal(payment.state, 'succeeded');
    assert.equal(payment.capturedAmount?.value, 8_500_050);
    await page.getByRole('button', { name: 'Refund…' }).click();
    assert.equal(await page.getByLabel('Refund amount (KZT)').inputValue(), '85000.50');
    assert.deepEqual(await violations(), []);
    await page.close();
  });

  it('shows the newest payments first and more with Load more', async () => {
    const { page, violations } = await openAdmin('/admin?limit=1');
    await signIn(page);
    await page.locator('#payment-rows tr').first().waitFor();
    assert.equal(await page.locator('#payment-rows tr').count(), 1);
    assert.match(await page.locator('#payment-rows tr').first().innerText(), new RegExp(heldOrder));
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.locator('#payment-rows tr').nth(1).waitFor();
    assert.equal(await page.locator('#payment-rows tr').count(), 2);
    // Newest first: the samovar was bought after the tea.
    assert.match(await page.locator('#payment-rows tr').nth(1).innerText(), new RegExp(paidOrder));
    assert.equal(await page.getByRole('button', { name: 'Load more' }).isHidden(), true);

    // The key stays for this tab: a reload signs in again, and Forget key signs out.
    await page.reload();
    await page.locator('#payment-rows tr').first().waitFor();
    await page.getByRole('button', { name: 'Forget key' }).click();
    await page.getByLabel('Merchant API key').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('pay-checkout-admin.key')), null);
    assert.deepEqual(await violations(), []);
    await page.close();
  });
});
