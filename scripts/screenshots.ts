// npm run screenshots: the element's main states, light and dark, shot in Chromium through the demo
// shop and written to docs/screenshots/<state>-<theme>.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import type { Logger } from '@pay-checkout/server';
import { type Demo, startDemo } from '../demo/server.js';
import { CHROMIUM_ARGS } from './chromium.mjs';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs/screenshots');
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
/** The session read only, not its payments or event stream. */
const SESSION_GET = /\/api\/pay\/v1\/sessions\/[^/]+$/;

class Shooter {
  #numbers = 0;

  constructor(
    readonly page: Page,
    readonly demo: Demo,
    readonly theme: Theme,
  ) {}

  /** A new order from the shop front, then its checkout in this theme. */
  async openOrder(): Promise<string> {
    await this.page.goto(this.demo.url);
    await this.page.getByRole('button', { name: 'Buy Kazakh black tea, 250 g' }).click();
    await this.page.waitForURL(/\/orders\//);
    const orderUrl = `${this.page.url().split('?')[0]}?lang=en&theme=${this.theme}`;
    await this.page.goto(orderUrl);
    return orderUrl;
  }

  async waitFor(state: string): Promise<void> {
    await this.page.locator(`pay-checkout [data-state="${state}"]`).waitFor();
    await this.page.evaluate(() => document.fonts.ready);
  }

  async shoot(state: string): Promise<void> {
    const file = join(outDir, `${state}-${this.theme}.png`);
    // The shop's page colour would show in the rounded corners; transparent, the image fits any background.
    await this.page.evaluate(() => {
      document.documentElement.style.background = 'transparent';
      document.body.style.background = 'transparent';
    });
    await this.page.locator('pay-checkout').screenshot({ path: file, animations: 'disabled', omitBackground: true });
    console.log(relative(root, file));
  }

  /** A Kazakh mobile number; the sandbox declines …1111 at once and …0000 for low balance. */
  nextNumber(ending?: string): string {
    const suffix = ending ?? `${this.theme === 'light' ? 2 : 3}${String(++this.#numbers).padStart(3, '0')}`;
    return `7701555${suffix}`;
  }

  async startMobile(number: string): Promise<void> {
    await this.page.getByRole('radio', { name: /Phone balance/ }).check();
    // Typed the way people write it; the element masks it.
    await this.page.getByLabel('Phone number').fill(`8 ${number.slice(1, 4)} ${number.slice(4, 7)} ${number.slice(7, 9)} ${number.slice(9)}`);
  }

  async smsCode(number: string): Promise<string> {
    const res = await fetch(`${this.demo.url}/sandbox/monetix/sms.json?number=${number}`);
    const messages = (await res.json()) as { text: string }[];
    const code = /\d{6}/.exec(messages[0]?.text ?? '')?.[0];
    if (!code) throw new Error(`no SMS code for ${number}`);
    return code;
  }
}

/** choosing (with the saved card), phone, code and succeeded: one order paid from the phone balance. */
async function happyPath(s: Shooter): Promise<void> {
  await s.openOrder();
  // The demo shopper's saved card comes first and is selected: the one-click choice.
  await s.waitFor('choosing');
  await s.shoot('choosing');

  const number = s.nextNumber();
  await s.startMobile(number);
  await s.shoot('phone');

  await s.page.getByRole('button', { name: /^Pay/ }).click();
  await s.page.getByLabel('SMS code').waitFor();
  await s.waitFor('otp');
  await s.shoot('code');

  await s.page.getByLabel('SMS code').fill(await s.smsCode(number));
  await s.page.getByRole('button', { name: 'Confirm' }).click();
  await s.waitFor('succeeded');
  await s.shoot('succeeded');
}

/** Back from the card provider's page without finishing there: the element waits on the payment. */
async function processing(s: Shooter): Promise<void> {
  const orderUrl = await s.openOrder();
  await s.page.getByRole('radio', { name: /Card/ }).check();
  await s.page.getByRole('button', { name: /^Pay/ }).click();
  await s.page.waitForURL((url) => url.pathname.startsWith('/sandbox/'));
  await s.page.goto(orderUrl);
  await s.waitFor('processing');
  await s.shoot('processing');
}

async function failed(s: Shooter): Promise<void> {
  await s.openOrder();
  await s.startMobile(s.nextNumber('1111'));
  await s.page.getByRole('button', { name: /^Pay/ }).click();
  await s.waitFor('failed');
  await s.shoot('failed');
}

/** A session past its deadline: the real session as the server sends it, marked expired. */
async function expired(s: Shooter): Promise<void> {
  const handler = async (route: Route) => {
    const response = await route.fetch();
    const json = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...json, status: 'expired' } });
  };
  const matches = (url: URL) => SESSION_GET.test(url.pathname);
  await s.page.route(matches, handler);
  await s.openOrder();
  await s.waitFor('expired');
  await s.shoot('expired');
  await s.page.unroute(matches, handler);
}

/** The companion server out of reach. */
async function error(s: Shooter): Promise<void> {
  const abort = (route: Route) => route.abort('connectionrefused');
  await s.page.route('**/api/pay/**', abort);
  await s.openOrder();
  await s.waitFor('error');
  await s.shoot('error');
  await s.page.unroute('**/api/pay/**', abort);
}

async function shootTheme(browser: Browser, demo: Demo, theme: Theme): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 480, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: theme,
    reducedMotion: 'reduce',
    locale: 'en-US',
  });
  context.setDefaultTimeout(15_000);
  try {
    const s = new Shooter(await context.newPage(), demo, theme);
    await happyPath(s);
    await processing(s);
    await failed(s);
    await expired(s);
    await error(s);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'pay-checkout-screenshots-'));
  const demo = await startDemo({ port: 0, dataDir, logger: silent });
  try {
    const browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      for (const theme of THEMES) await shootTheme(browser, demo, theme);
    } finally {
      await browser.close();
    }
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
