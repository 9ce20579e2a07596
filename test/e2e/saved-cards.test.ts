// A returning shopper in the demo: pays a tenge order in one click with the card saved at PITECH,
// keeps a manat card at Kapital Bank on the hosted page and pays the next manat order in one click,
// and removes a card.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KAPITAL_TEST_CARDS } from '@pay-checkout/sandbox';
import { buy, checkoutState, checkoutText, type E2E, fillCard, startE2E } from './harness.js';

const ARMUDU = 'Armudu tea glasses, set of six';

describe('saved cards, end to end', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(() => e2e.close());

  it('pays with the saved PITECH card in one click, without leaving the shop', async () => {
    const page = await e2e.browser.newPage();
    const orderId = await buy(page, e2e.demo);
    const saved = page.getByRole('radio', { name: /Visa •••• 6150/ });
    await saved.waitFor();
    assert.equal(await saved.isChecked(), true, 'the saved card is the default');
    const hosts = new Set<string>();
    page.on('framenavigated', (frame) => hosts.add(new URL(frame.url()).pathname.split('/')[1] ?? ''));
    await page.getByRole('button', { name: /^Pay/ }).click();
    await checkoutState(page, 'succeeded').waitFor();
    assert.ok(![...hosts].includes('sandbox'), 'no hosted page');
    assert.equal(new URL(page.url()).pathname, `/orders/${orderId}`);
    const session = await e2e.demo.checkout.getSession(e2e.demo.orders.get(orderId)!.sessionId);
    assert.equal(session.payment?.state, 'succeeded');
    assert.equal(session.payment?.provider, 'pitech');
    await page.close();
  });

  it('keeps a manat card on the Kapital page when asked, then pays the next order with it in one click', async () => {
    const page = await e2e.browser.newPage();
    const first = await buy(page, e2e.demo, ARMUDU);
    await page.getByRole('radio', { name: /Card/ }).check();
    await page.getByRole('checkbox', { name: 'Save this card for next time' }).check();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/kapital'));
    const card = KAPITAL_TEST_CARDS.documented;
    await fillCard(page, card.number, card.expiry, card.cvc);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/orders/${first}`);
    await checkoutState(page, 'succeeded').waitFor();

    const second = await buy(page, e2e.demo, ARMUDU);
    const saved = page.getByRole('radio', { name: new RegExp(`•••• ${card.number.replace(/\s/g, '').slice(-4)}`) });
    await saved.waitFor();
    await page.getByRole('button', { name: /^Pay/ }).click();
    await checkoutState(page, 'succeeded').waitFor();
    assert.equal(new URL(page.url()).pathname, `/orders/${second}`);
    const session = await e2e.demo.checkout.getSession(e2e.demo.orders.get(second)!.sessionId);
    assert.equal(session.payment?.provider, 'kapital');
    assert.equal(session.payment?.state, 'succeeded');

    // Removing it: after a confirmation, and it is gone from the next checkout too.
    await buy(page, e2e.demo, ARMUDU);
    await saved.waitFor();
    await page.getByRole('button', { name: 'Remove card' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Remove card' }).click();
    await saved.waitFor({ state: 'detached' });
    await buy(page, e2e.demo, ARMUDU);
    await checkoutState(page, 'choosing').waitFor();
    assert.doesNotMatch(await checkoutText(page), /••••/);
    await page.close();
  });
});
