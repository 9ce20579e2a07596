// The HTTP edges and the logs: response headers, CORS and the Origin check, body types and sizes, the
// logger's masking, and the log scan that `npm test` runs over every line the run logged.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { PITECH_TEST_CARDS } from '@pay-checkout/sandbox';
import { createSmsOutbox } from '../../sandbox/src/monetix/sms.js';
import { CHROMIUM_ARGS } from '../../../scripts/chromium.mjs';
import { scanLogDir } from '../../../scripts/log-scan.mjs';
import { jsonLogger, recordSecretsForLogScan, withLogDir, type Logger } from '../src/log.js';
import { api, API_KEY, type Harness, sessionBody, startServer } from './helpers.js';

const SHOP = 'https://shop.example.kz';
const EVIL = 'https://evil.example';
const CARD = PITECH_TEST_CARDS.visaSuccess.number;

describe('HTTP edges', () => {
  let h: Harness;
  let session: { id: string; clientSecret: string };
  before(async () => {
    h = await startServer({ allowedOrigins: [SHOP] });
    session = await h.checkout.createSession({ ...sessionBody, orderId: 'edges-1' });
  });
  after(() => h.close());

  const paymentsUrl = () => `${h.url}/v1/sessions/${session.id}/payments`;
  const ownOrigin = () => new URL(h.url).origin;

  it('sends the headers of a JSON API on answers and errors, and no X-Powered-By', async () => {
    for (const res of [await api(`${h.url}/v1/openapi.json`), await api(`${h.url}/v1/nothing`), await api(paymentsUrl(), { body: {} })]) {
      const header = (name: string) => res.headers.get(name);
      assert.equal(header('x-content-type-options'), 'nosniff');
      assert.equal(header('x-frame-options'), 'DENY');
      assert.equal(header('referrer-policy'), 'no-referrer');
      assert.equal(header('cache-control'), 'no-store');
      assert.equal(header('content-security-policy'), "default-src 'none';frame-ancestors 'none'");
      assert.equal(header('cross-origin-resource-policy'), 'same-origin');
      assert.equal(header('strict-transport-security'), 'max-age=31536000');
      // The harness's app is a bare express(), which sends X-Powered-By unless told not to.
      assert.equal(header('x-powered-by'), null);
    }
  });

  it('answers a preflight from an allowed origin with the methods and headers the element uses', async () => {
    const res = await fetch(paymentsUrl(), {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
    assert.deepEqual(res.headers.get('access-control-allow-methods')?.split(/,\s*/).sort(), ['DELETE', 'GET', 'POST']);
    assert.deepEqual(res.headers.get('access-control-allow-headers')?.split(/,\s*/).sort(), ['authorization', 'content-type', 'idempotency-key']);
    assert.equal(res.headers.get('access-control-expose-headers'), 'Date');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });

  it('gives an origin it does not know no CORS header at all', async () => {
    for (const method of ['OPTIONS', 'GET']) {
      const res = await fetch(`${h.url}/v1/sessions/${session.id}`, {
        method,
        headers: { origin: EVIL, authorization: `Bearer ${session.clientSecret}`, 'access-control-request-method': 'GET' },
      });
      const cors = [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));
      assert.deepEqual(cors, [], `${method}: ${cors.join(', ')}`);
      assert.notEqual(res.status, 204);
      assert.match(res.headers.get('vary') ?? '', /Origin/, 'caches keep answers per Origin');
    }
  });

  it('refuses state changes from a foreign Origin with 403, before anything happens', async () => {
    const attempts = [
      { url: paymentsUrl(), method: 'POST', body: { method: 'card' } },
      { url: `${paymentsUrl()}/pay_x/otp`, method: 'POST', body: { code: '123456' } },
      { url: `${paymentsUrl()}/pay_x/cancel`, method: 'POST', body: {} },
      { url: `${h.url}/v1/sessions/${session.id}/saved-cards/card_x`, method: 'DELETE' },
      { url: `${h.url}/v1/sessions`, method: 'POST', body: sessionBody, token: API_KEY },
    ];
    for (const origin of [EVIL, 'null', `${SHOP}:8443`, 'http://shop.example.kz']) {
      for (const { url, method, body, token } of attempts) {
        const res = await api(url, { method, body, token: token ?? session.clientSecret, headers: { origin, 'idempotency-key': `edge-${origin}` } });
        assert.equal(res.status, 403, `${method} ${url} from ${origin}`);
        assert.equal(res.json.error.code, 'unauthorized');
      }
    }
    const view = await api(`${h.url}/v1/sessions/${session.id}`, { token: session.clientSecret });
    assert.equal(view.json.payment ?? null, null, 'no payment was started');
  });

  it('lets same-origin, allowed-origin and server-to-server requests through', async () => {
    // An empty body passes the Origin check and stops at validation: 400, not 403.
    for (const headers of [{}, { origin: ownOrigin() }, { origin: SHOP }] as Record<string, string>[]) {
      const res = await api(paymentsUrl(), { token: session.clientSecret, body: {}, headers: { ...headers, 'idempotency-key': 'edge-ok' } });
      assert.equal(res.status, 400, JSON.stringify(headers));
      assert.equal(res.json.error.code, 'invalid_request');
      const removed = await api(`${h.url}/v1/sessions/${session.id}/saved-cards/card_x`, { method: 'DELETE', token: session.clientSecret, headers });
      assert.equal(removed.status, 404);
      assert.equal(removed.json.error.code, 'saved_card_not_found');
    }
    const created = await api(`${h.url}/v1/sessions`, { token: API_KEY, body: { ...sessionBody, orderId: 'edges-2' } });
    assert.equal(created.status, 201, 'the merchant API, no Origin');
  });

  it('keeps provider callbacks out of the Origin check', async () => {
    // Parsed and handed to the PITECH adapter, which finds no such payment.
    const res = await api(`${h.url}/v1/callbacks/pitech`, { body: { ordersId: 'no-such-order', extOrdersId: 'pay_none' }, headers: { origin: EVIL } });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'payment_not_found');
  });

  it('takes JSON bodies only, up to the limit, and says which rule a bad body broke', async () => {
    const cases: { body: string; type?: string; status: number; code: string }[] = [
      { body: 'method=card', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
      { body: '{"method":"card"}', type: 'text/plain', status: 415, code: 'unsupported_media_type' },
      { body: '{"method":"card"}', type: 'application/json; charset=latin1', status: 415, code: 'unsupported_media_type' },
      { body: JSON.stringify({ method: 'card', pad: 'x'.repeat(17_000) }), status: 413, code: 'payload_too_large' },
      { body: '{"method":', status: 400, code: 'invalid_request' },
    ];
    for (const url of [paymentsUrl(), `${h.url}/v1/callbacks/pitech`]) {
      for (const { body, type, status, code } of cases) {
        const res = await api(url, { token: session.clientSecret, body, headers: { 'content-type': type ?? 'application/json' } });
        assert.equal(res.status, status, `${url} ${type ?? 'json'} ${body.slice(0, 20)}`);
        assert.equal(res.json.error.code, code);
      }
    }
  });

  it('lets a page of an allowed origin call the API cross-origin in a real browser, and no other', { skip: !chromiumPath() && 'no Chromium' }, async () => {
    const pages = await startPages();
    const browser = await chromium.launch({ executablePath: chromiumPath()!, headless: true, args: CHROMIUM_ARGS });
    const local = await startServer({ allowedOrigins: [pages.allowed] });
    try {
      const s = await local.checkout.createSession({ ...sessionBody, orderId: 'edges-browser' });
      const call = async (origin: string) => {
        const page = await browser.newPage();
        await page.goto(`${origin}/`);
        // No named functions inside: the page gets this source as tsx compiled it.
        const result = await page.evaluate(
          async ({ base, id, secret }) => {
            const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'idempotency-key': 'browser-1' };
            const outcomes: string[] = [];
            for (const [url, method, body] of [[`${base}/v1/sessions/${id}`, 'GET'], [`${base}/v1/sessions/${id}/payments`, 'POST', '{}']]) {
              try {
                const res = await fetch(url!, { method: method!, headers, body: body ?? null });
                outcomes.push(`${res.status} ${res.headers.get('date') ? 'date' : 'no-date'}`);
              } catch {
                outcomes.push('blocked');
              }
            }
            return outcomes;
          },
          { base: local.url, id: s.id, secret: s.clientSecret },
        );
        await page.close();
        return result;
      };
      // CORP same-origin does not stand in the way of a CORS fetch, and Date is readable.
      assert.deepEqual(await call(pages.allowed), ['200 date', '400 date']);
      assert.deepEqual(await call(pages.other), ['blocked', 'blocked']);
    } finally {
      await browser.close();
      await local.close();
      await pages.close();
    }
  });
});

describe('logs', () => {
  const capture = () => {
    const lines: string[] = [];
    return { logger: jsonLogger((line) => lines.push(line)), lines: () => lines.map((line) => JSON.parse(line)) };
  };

  it('writes one JSON line an event: level, time, event, then the fields', () => {
    const { logger, lines } = capture();
    logger.warn('payment.created', { paymentId: 'pay_1', amount: 150000 });
    const [line] = lines();
    assert.deepEqual(Object.keys(line), ['level', 'time', 'event', 'paymentId', 'amount']);
    assert.equal(line.level, 'warn');
    assert.ok(Math.abs(Date.parse(line.time) - Date.now()) < 5000);
    assert.equal(line.event, 'payment.created');
  });

  it('masks card numbers in free text, numbers, errors and arrays, and leaves other numbers alone', () => {
    const { logger, lines } = capture();
    const spaced = CARD.replace(/(\d{4})(?=\d)/g, '$1 ');
    logger.error('provider.said', {
      message: `declined card ${CARD} at 2025-06-01T12:34:56Z`,
      spaced: `card ${spaced} 12/30`,
      asNumber: Number(CARD),
      error: new Error(`no such card ${CARD}`),
      list: [`${CARD}`],
      phone: '+77015551234',
      notACard: '4111111111111112',
      uuid: '12345678-1234-4123-8123-123456789012',
    });
    const line = lines()[0];
    const text = JSON.stringify(line);
    assert.equal(text.includes(CARD), false, text);
    assert.equal(text.includes(spaced), false, text);
    assert.equal(line.message, `declined card ****${CARD.slice(-4)} at 2025-06-01T12:34:56Z`);
    assert.equal(line.spaced, `card ****${CARD.slice(-4)} 12/30`);
    assert.equal(line.asNumber, `****${CARD.slice(-4)}`);
    assert.deepEqual(line.error, { name: 'Error', message: `no such card ****${CARD.slice(-4)}` });
    assert.equal(line.phone, '+77015551234');
    assert.equal(line.notACard, '4111111111111112');
  });

  it('redacts secret-looking keys at any depth, in objects and arrays', () => {
    const { logger, lines } = capture();
    logger.info('request.body', {
      paymentId: 'pay_2',
      body: { customer: { card: { pan: CARD, cvc: '123' } }, steps: [{ otp: '654321' }, { code: '654321' }], headers: { authorization: 'Bearer x' } },
      provider: { apiKey: 'k', signingKey: 's', settings: { secretKey: 'm' } },
    });
    const line = lines()[0];
    assert.equal(line.paymentId, 'pay_2');
    assert.deepEqual(line.body, {
      customer: { card: { pan: '[redacted]', cvc: '[redacted]' } },
      steps: [{ otp: '[redacted]' }, { code: '[redacted]' }],
      headers: { authorization: '[redacted]' },
    });
    assert.deepEqual(line.provider, { apiKey: '[redacted]', signingKey: '[redacted]', settings: { secretKey: '[redacted]' } });
  });

  it('survives a cycle', () => {
    const { logger, lines } = capture();
    const loop: Record<string, unknown> = { id: 'a' };
    loop['self'] = loop;
    logger.info('cycle', { loop });
    assert.equal(lines()[0].event, 'cycle');
  });
});

describe('log scan', () => {
  const SECRET = 'sk_test_scan_0123456789abcdef';
  const DB_PASSWORD = 'pg-password-123456';
  let dir: string;
  let saved: string | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pay-checkout-scan-'));
    saved = process.env['PAY_CHECKOUT_LOG_DIR'];
    process.env['PAY_CHECKOUT_LOG_DIR'] = dir;
  });
  after(() => {
    if (saved === undefined) delete process.env['PAY_CHECKOUT_LOG_DIR'];
    else process.env['PAY_CHECKOUT_LOG_DIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Lines written as a careless caller would, straight into this process's log file. */
  const writeRaw = (lines: object[]) => writeFileSync(join(dir, `log-${process.pid}.jsonl`), lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { flag: 'a' });

  it('fails on an empty directory: no line scanned is nothing checked', () => {
    const result = scanLogDir(dir);
    assert.equal(result.lines, 0);
    assert.equal(result.ok, false);
  });

  it('finds a test card, an issued SMS code and a configured secret, and reports them masked', () => {
    const sms = createSmsOutbox();
    sms.send('77015551234', '482913', 'pay_1', Date.now());
    recordSecretsForLogScan({
      apiKey: SECRET,
      database: { url: `postgres://app:${DB_PASSWORD}@127.0.0.1:5432/shop` },
      providers: { pitech: { appId: 'app', secretId: 'short' } },
    });
    assert.ok(existsSync(join(dir, `otps-${process.pid}.txt`)));
    writeRaw([
      { level: 'info', event: 'clean', paymentId: 'pay_1', at: '2025-06-01T12:34:56.789Z', amount: 482913, id: 'ord482913x' },
      { level: 'info', event: 'card', note: `pan ${CARD}` },
      { level: 'info', event: 'otp', message: 'relayed code 482913 to Monetix' },
      { level: 'info', event: 'secret', header: `Bearer ${SECRET}` },
      { level: 'error', event: 'store.failed', message: `cannot connect with password ${DB_PASSWORD}` },
    ]);
    const result = scanLogDir(dir);
    assert.equal(result.lines, 5);
    assert.deepEqual(result.hits, { card: 1, otp: 1, secret: 2 });
    assert.equal(result.ok, false);
    assert.equal(result.secrets, 2, 'the 5-character secret is left out');
    const report = result.findings.join('\n');
    assert.match(report, new RegExp(`log-${process.pid}\\.jsonl:2 card number \\*{4}${CARD.slice(-4)}`));
    assert.match(report, /:3 SMS code \*{6}/);
    assert.match(report, /:4 secret sk_t…/);
    for (const leaked of [CARD, '482913', SECRET, DB_PASSWORD]) assert.equal(report.includes(leaked), false);
  });

  it('finds nothing in what the logger writes, given the same values', () => {
    rmSync(join(dir, `log-${process.pid}.jsonl`));
    const logger: Logger = withLogDir({ info() {}, warn() {}, error() {} });
    logger.info('payment.otp', { paymentId: 'pay_1', note: `pan ${CARD}`, code: '482913', apiKey: SECRET });
    const result = scanLogDir(dir);
    assert.equal(result.lines, 1);
    assert.deepEqual(result.hits, { card: 0, otp: 0, secret: 0 });
    assert.equal(result.ok, true);
  });

  it('looks for a code only in the lines of the process that issued it', () => {
    writeFileSync(join(dir, 'log-1.jsonl'), `${JSON.stringify({ event: 'kapital.order', providerOrderId: '482913' })}\n`);
    assert.equal(scanLogDir(dir).hits.otp, 0);
  });
});

function chromiumPath(): string | undefined {
  return [process.env['CHROME_PATH'], '/usr/bin/chromium'].find((path): path is string => !!path && existsSync(path));
}

/** A blank page on each of two origins (two ports of 127.0.0.1). */
async function startPages(): Promise<{ allowed: string; other: string; close(): Promise<void> }> {
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let i = 0; i < 2; i++) {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    allowed: origins[0]!,
    other: origins[1]!,
    close: async () => {
      for (const server of servers) await new Promise((resolve) => server.close(resolve));
    },
  };
}
