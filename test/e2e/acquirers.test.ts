// Cards in manats through Kapital Bank's hosted page and in dollars through pay.tech's, end to end:
// the element shows only what the server read back from the acquirer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KAPITAL_TEST_CARDS, PAYTECH_TEST_CARDS } from '@pay-checkout/sandbox';
import { buyAndHandOff, checkoutState, checkoutText, type E2E, fillCard, startE2E } from './harness.js';

const ARMUDU = 'Armudu tea glasses, set of six';
const GIFT_BOX = 'Steppe gift box';

describe('Kapital Bank and pay.tech hand-offs, end to end', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e.close());

  const sessionOf = (orderId: string) => e2e.demo.checkout.getSession(e2e.demo.orders.get(orderId)!.sessionId);

  it('pays in manats with the documented Kapital test card', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, ARMUDU, 'kapital');
    const card = KAPITAL_TEST_CARDS.documented;
    await fillCard(page, card.number, card.expiry, card.cvc);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await checkoutState(page, 'succeeded').waitFor();
    const session = await sessionOf(orderId);
    assert.equal(session.payment?.provider, 'kapital');
    assert.deepEqual(session.payment?.amount, { value: 4_500, currency: 'AZN' });
    await page.close();
  });

  it('shows a Kapital decline with its reason', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, ARMUDU, 'kapital');
    await fillCard(page, KAPITAL_TEST_CARDS.insufficientFunds.number);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await checkoutState(page, 'failed').waitFor();
    assert.match(await checkoutText(page), /Payment failed/);
    assert.match(await checkoutText(page), /Kapital Bank/);
    await page.close();
  });

  it('does not believe a tampered STATUS=FullyPaid return for an unpaid Kapital order', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, ARMUDU, 'kapital');
    const payment = (await sessionOf(orderId)).payment!;
    const bankOrderId = new URL(payment.nextAction?.type === 'redirect' ? payment.nextAction.url : 'http://x').searchParams.get('id');
    await page.goto(`${e2e.demo.url}/api/pay/v1/return/${payment.id}?outcome=success&ID=${bankOrderId}&STATUS=FullyPaid`);
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await page.locator('pay-checkout [data-state]').first().waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await checkoutState(page, 'succeeded').count(), 0);
    assert.notEqual((await sessionOf(orderId)).payment?.state, 'succeeded');
    await page.close();
  });

  it('pays in dollars through pay.tech with 3-D Secure', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, GIFT_BOX, 'paytech');
    await fillCard(page, PAYTECH_TEST_CARDS.threeDsSuccess.number);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await checkoutState(page, 'succeeded').waitFor();
    const session = await sessionOf(orderId);
    assert.equal(session.payment?.provider, 'paytech');
    assert.deepEqual(session.payment?.amount, { value: 3_900, currency: 'USD' });
    await page.close();
  });

  it('shows a pay.tech decline', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, GIFT_BOX, 'paytech');
    await fillCard(page, PAYTECH_TEST_CARDS.declined.number);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
    await checkoutState(page, 'failed').waitFor();
    assert.match(await checkoutText(page), /Payment failed/);
    await page.close();
  });

  it('refuses a forged pay.tech webhook and changes nothing', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buyAndHandOff(page, e2e.demo, GIFT_BOX, 'paytech');
    const payment = (await sessionOf(orderId)).payment!;
    const forged = JSON.stringify({ result: { id: payment.id, referenceId: payment.id, state: 'COMPLETED', amount: 39, currency: 'USD' } });
    for (const signature of [undefined, 'deadbeef', Buffer.from('x'.repeat(32)).toString('base64')]) {
      const res = await fetch(`${e2e.demo.url}/api/pay/v1/callbacks/paytech`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { signature } : {}) },
        body: forged,
      });
      assert.equal(res.status, 401);
    }
    assert.equal((await sessionOf(orderId)).payment?.state, 'requires_action');
    await page.close();
  });
});
