// The demo shop: a merchant's site with the companion server mounted at /api/pay and the provider
// sandbox at /sandbox, all on one port on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandboxRouter, PITECH_TEST_CARDS } from '@pay-checkout/sandbox';
import { createCheckout, type Checkout, type Logger, withLogDir } from '@pay-checkout/server';
import express from 'express';
import helmet from 'helmet';
import { adminPage } from './admin.js';
import { findProduct, PRODUCTS, type Product } from './catalog.js';
import { LANGUAGES, notFoundPage, orderPage, shopPage, THEMES, type OrderView } from './pages.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const elementDist = join(here, '../packages/element/dist');

/** Sandbox credentials: the demo's simulators accept exactly these. */
const PITECH_SANDBOX = { appId: 'demo-app', secretId: randomBytes(12).toString('hex') };
const MONETIX_SANDBOX = { projectId: 1234, secretKey: randomBytes(12).toString('hex') };
const KAPITAL_SANDBOX = { username: 'demo-terminal', password: randomBytes(12).toString('hex') };
const PAYTECH_SANDBOX = { apiKey: randomBytes(16).toString('hex'), signingKey: randomBytes(16).toString('hex') };
/** The demo shopper; Monetix needs a name and an email on every mobile sale. */
const DEMO_CUSTOMER = { id: 'demo-shopper', name: 'Aigerim Sultanova', email: 'aigerim@example.kz' };

export interface DemoOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  logger?: Logger;
  /** The merchant API key (the admin page asks for it); default: PAY_CHECKOUT_DEMO_API_KEY, else a new one per start. */
  apiKey?: string;
  /** SMS-code timings (seconds); the defaults are the operators' 80 s cooldown and 85 s code life. */
  mobileTimings?: { resendCooldownSeconds: number; codeTtlSeconds: number };
}

export interface Demo {
  url: string;
  /** The merchant API key of this run. */
  apiKey: string;
  checkout: Checkout;
  orders: Map<string, { id: string; product: Product; sessionId: string; clientSecret: string }>;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? join(here, '../.data');
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(elementDist, 'pay-checkout.global.js'))) {
    throw new Error('packages/element/dist is missing: run `npm run build` first');
  }

  // The build writes the script-tag bundle's SRI hash beside it; the order page pins the bundle with it.
  const integrityFile = join(elementDist, 'pay-checkout.global.js.integrity');
  const integrity = existsSync(integrityFile) ? readFileSync(integrityFile, 'utf8').trim() : undefined;

  const app = express();
  app.disable('x-powered-by');
  const server: Server = app.listen(options.port ?? 3000, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  app.use(
    '/sandbox',
    createSandboxRouter({
      publicUrl: `${url}/sandbox`,
      // The demo shopper comes back with a card saved at PITECH, to pay tenge orders in one click.
      pitech: {
        ...PITECH_SANDBOX,
        merchantName: 'Dala Tea House',
        savedCards: [{ extClientRef: DEMO_CUSTOMER.id, number: PITECH_TEST_CARDS.visaSuccess.number, holderName: 'AIGERIM SULTANOVA' }],
      },
      kapital: { ...KAPITAL_SANDBOX, merchantName: 'Dala Tea House' },
      paytech: { ...PAYTECH_SANDBOX, merchantName: 'Dala Tea House' },
      monetix: {
        ...MONETIX_SANDBOX,
        callbackUrl: `${url}/api/pay/v1/callbacks/monetix`,
        ...(options.mobileTimings ? { otpTtlMs: options.mobileTimings.codeTtlSeconds * 1000 } : {}),
      },
    }),
  );
  // The sandbox keeps its orders in memory, so the demo starts from an empty database each time.
  const databasePath = join(dataDir, 'demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  // npm start makes the key and prints it for the operator; the demo itself never logs it.
  const apiKey = options.apiKey ?? process.env['PAY_CHECKOUT_DEMO_API_KEY'] ?? `sk_demo_${randomBytes(18).toString('hex')}`;
  const checkout = createCheckout({
    publicUrl: `${url}/api/pay`,
    apiKey,
    merchantName: 'Dala Tea House',
    database: { path: databasePath },
    providers: {
      pitech: { ...PITECH_SANDBOX, baseUrl: `${url}/sandbox/pitech` },
      kapital: { ...KAPITAL_SANDBOX, baseUrl: `${url}/sandbox/kapital` },
      paytech: { ...PAYTECH_SANDBOX, baseUrl: `${url}/sandbox/paytech` },
      monetix: { ...MONETIX_SANDBOX, gateUrl: `${url}/sandbox/monetix`, paymentPageUrl: `${url}/sandbox/monetix`, ...options.mobileTimings },
    },
    // Tenge cards through PITECH, manats through Kapital Bank, everything else through pay.tech.
    routing: { card: { KZT: 'pitech', AZN: 'kapital', '*': 'paytech' } },
    returnUrlOrigins: [url],
    // A given logger (the end-to-end harness's) also writes to the test run's log directory, if any.
    ...(options.logger ? { logger: withLogDir(options.logger) } : {}),
  });
  app.use('/api/pay', checkout.router);

  // The shop's own pages: a strict CSP (the element must work without inline script or style) and
  // helmet's other headers. The sandbox above stands for the providers' sites and keeps its own.
  app.use(
    helmet({
      contentSecurityPolicy: false, // set below, spelled as the tests and the README quote it
      strictTransportSecurity: false, // served over plain http on 127.0.0.1
      xFrameOptions: { action: 'deny' },
    }),
    (_req, res, next) => {
      res.set(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
      );
      next();
    },
  );
  app.use('/assets', express.static(join(here, 'public')), express.static(elementDist));

  const orders: Demo['orders'] = new Map();
  app.get('/', (_req, res) => {
    res.type('html').send(shopPage(PRODUCTS));
  });
  app.post('/buy', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const product = findProduct(req.body?.product);
    if (!product) {
      res.status(400).type('html').send(notFoundPage());
      return;
    }
    const id = `ord-${randomBytes(5).toString('hex')}`;
    // The merchant's backend fixes amount, currency and return URL; the browser only gets the client secret.
    const session = await checkout.createSession({
      amount: product.price,
      orderId: id,
      description: product.name,
      customer: DEMO_CUSTOMER,
      ...(product.captureMethod ? { captureMethod: product.captureMethod } : {}),
      returnUrl: `${url}/orders/${id}`,
    });
    orders.set(id, { id, product, sessionId: session.id, clientSecret: session.clientSecret });
    res.redirect(303, `/orders/${id}`);
  });
  // The payments admin: a static shell; the key is typed into the page and never reaches the HTML.
  app.get('/admin', (_req, res) => {
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.type('html').send(adminPage({ apiBase: '/api/pay' }));
  });
  app.get('/orders/:id', (req, res) => {
    const order = orders.get(req.params.id);
    if (!order) {
      res.status(404).type('html').send(notFoundPage());
      return;
    }
    const lang = String(req.query['lang'] ?? 'en');
    const theme = String(req.query['theme'] ?? 'auto');
    res.type('html').send(
      orderPage(order, {
        lang: Object.hasOwn(LANGUAGES, lang) ? (lang as OrderView['lang']) : 'en',
        theme: (THEMES as readonly string[]).includes(theme) ? (theme as OrderView['theme']) : 'auto',
        integrity,
      }),
    );
  });

  return {
    url,
    apiKey,
    checkout,
    orders,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await checkout.close();
    },
  };
}
