// End-to-end harness: the demo shop (companion server + sandbox) on 127.0.0.1 and Debian's Chromium
// driven by playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Logger } from '@pay-checkout/server';
import { type DemoOptions, startDemo, type Demo } from '../../demo/server.js';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

export interface E2E {
  demo: Demo;
  browser: Browser;
  logs: string[];
  close(): Promise<void>;
}

export async function startE2E(options: Pick<DemoOptions, 'mobileTimings'> = {}): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pay-checkout-e2e-'));
  const logs: string[] = [];
  const record = (level: string) => (event: string, fields?: Record<string, unknown>) =>
    logs.push(JSON.stringify({ level, event, ...fields }));
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const demo = await startDemo({ port: 0, dataDir, logger, ...options });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    demo,
    browser,
    logs,
    async close() {
      await browser.close();
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** From the shop front to the hosted payment page of a new order; returns the order id. */
/** From the shop front to the checkout of a new order; returns the order id. */
export async function buy(page: Page, demo: Demo, product = 'Kazakh black tea, 250 g'): Promise<string> {
  await page.goto(demo.url);
  await page.getByRole('button', { name: `Buy ${product}` }).click();
  await page.waitForURL(/\/orders\//);
  return new URL(page.url()).pathname.split('/').pop() as string;
}

/** From the shop front to the acquirer's hosted page (PITECH for tenge, Kapital for manats, pay.tech else). */
export async function buyAndHandOff(page: Page, demo: Demo, product = 'Kazakh black tea, 250 g', acquirer = 'pitech'): Promise<string> {
  const orderId = await buy(page, demo, product);
  await page.getByRole('radio', { name: /Card/ }).check();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/sandbox/${acquirer}`));
  return orderId;
}

export async function fillCard(page: Page, number: string, expiry = '12/30', cvc = '123'): Promise<void> {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry').fill(expiry);
  await page.getByLabel('CVC').fill(cvc);
  await page.getByLabel('Cardholder name').fill('AIGERIM SULTANOVA');
}

export function checkoutState(page: Page, state: string) {
  return page.locator(`pay-checkout [data-state="${state}"]`);
}

/** The element's visible text (its shadow root, which the host's own innerText leaves out). */
export function checkoutText(page: Page): Promise<string> {
  return page.locator('pay-checkout [part~="base"]').innerText();
}
