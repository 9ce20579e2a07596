// A shopper pays from the phone balance (Kazakh mobile commerce through the Monetix sandbox),
// reading the SMS code from the sandbox inbox as a person would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { buy, checkoutState, checkoutText, type E2E, startE2E } from './harness.js';

// Short code timings so a resend and an expiry fit in a test; the element shows them as they are.
const TIMINGS = { resendCooldownSeconds: 3, codeTtlSeconds: 5 };

describe('mobile balance payment through Monetix, end to end', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E({ mobileTimings: TIMINGS });
  });
  after(() => e2e.close());

  let numberSeq = 1000;
  /** Buys, enters the number and waits for the code step; returns the number's digits. */
  async function startMobile(page: Page, ending?: string): Promise<{ number: string; orderId: string }> {
    const orderId = await buy(page, e2e.demo);
    const number = `7701555${ending ?? String(numberSeq++).padStart(4, '0')}`;
    await page.getByRole('radio', { name: /Phone balance/ }).check();
    // Typed the way people write it; the element masks it.
    await page.getByLabel('Phone number').fill(`8 ${number.slice(1, 4)} ${number.slice(4, 7)} ${number.slice(7, 9)} ${number.slice(9)}`);
    await page.getByRole('button', { name: /^Pay/ }).click();
    await page.getByLabel('SMS code').waitFor();
    return { number, orderId };
  }
  async function latestCode(number: string): Promise<string> {
    const res = await fetch(`${e2e.demo.url}/sandbox/monetix/sms.json?number=${number}`);
    const messages = (await res.json()) as { text: string }[];
    return /\d{6}/.exec(messages[0]!.text)![0];
  }
  async function until(check: () => Promise<boolean>, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${check.toString().slice(0, 60)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function enterCode(page: Page, code: string) {
    await page.getByLabel('SMS code').fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
  }

  it('pays with the code read from the sandbox SMS inbox', async () => {
    const page = await e2e.browser.newPage();
    const { number, orderId } = await startMobile(page);
    assert.match(await checkoutText(page), new RegExp(`\\+7 701 \\*\\*\\*-\\*\\*-${number.slice(-2)}`));

    const inbox = await e2e.browser.newPage();
    await inbox.goto(`${e2e.demo.url}/sandbox/monetix/sms`);
    const inboxText = await inbox.locator('body').innerText();
    const code = /(\d{6})/.exec(inboxText.slice(inboxText.indexOf(number) + number.length))![1]!;
    await inbox.close();

    await enterCode(page, code);
    await checkoutState(page, 'succeeded').waitFor();
    const session = await e2e.demo.checkout.getSession(e2e.demo.orders.get(orderId)!.sessionId);
    assert.equal(session.payment?.state, 'succeeded');
    assert.equal(session.payment?.method, 'kz_mobile');
    await page.close();
  });

  it('says a wrong code was wrong, then takes the right one', async () => {
    const page = await e2e.browser.newPage();
    const { number } = await startMobile(page);
    await enterCode(page, '000000');
    await page.getByText('The code is wrong. Tries left: 4.').waitFor();
    await enterCode(page, await latestCode(number));
    await checkoutState(page, 'succeeded').waitFor();
    await page.close();
  });

  it('offers a new code only after the countdown, and the new code works', async () => {
    const page = await e2e.browser.newPage();
    const { number } = await startMobile(page);
    const first = await latestCode(number);
    const resend = page.getByRole('button', { name: 'Send a new code' });
    assert.match(await checkoutText(page), /New code in 0:0\d/);
    assert.equal(await resend.isEnabled(), false);
    await until(() => resend.isEnabled(), 10_000);
    await resend.click();
    let second = first;
    await until(async () => (second = await latestCode(number)) !== first, 5_000);
    assert.notEqual(second, first);
    await enterCode(page, second);
    await checkoutState(page, 'succeeded').waitFor();
    await page.close();
  });

  it('says the code expired when it is entered too late', async () => {
    const page = await e2e.browser.newPage();
    const { number } = await startMobile(page);
    const code = await latestCode(number);
    await new Promise((resolve) => setTimeout(resolve, (TIMINGS.codeTtlSeconds + 0.5) * 1000));
    await enterCode(page, code);
    await page.getByText('The code has expired. Ask for a new one.').waitFor();
    await page.close();
  });

  it('shows a decline for too little balance', async () => {
    const page = await e2e.browser.newPage();
    const { number } = await startMobile(page, '0000');
    await enterCode(page, await latestCode(number));
    await checkoutState(page, 'failed').waitFor();
    assert.match(await checkoutText(page), /not enough money on your phone balance/i);
    await page.close();
  });

  it('changes nothing for a forged callback', async () => {
    const page = await e2e.browser.newPage();
    const { orderId } = await startMobile(page);
    const sessionId = e2e.demo.orders.get(orderId)!.sessionId;
    const paymentId = (await e2e.demo.checkout.getSession(sessionId)).payment!.id;
    const forged = {
      project_id: 1234,
      payment: { id: paymentId, type: 'purchase', status: 'success', method: 'mobile', sum: { amount: 450000, currency: 'KZT' } },
      operation: { type: 'sale', status: 'success', code: '0', message: 'Success' },
      signature: 'U7HQO7ToISZhMPKdM4XrUKQtoYzFvoB3cs9CRd4xeYG2Q==',
    };
    const res = await fetch(`${e2e.demo.url}/api/pay/v1/callbacks/monetix`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    assert.equal(res.status, 401);
    await page.waitForTimeout(1000);
    assert.equal(await checkoutState(page, 'succeeded').count(), 0);
    assert.equal((await e2e.demo.checkout.getSession(sessionId)).payment?.state, 'requires_action');
    await page.close();
  });
});
