// The shopper's side of a hosted-page payment, as the element and a browser would do it, over HTTP:
// start the attempt (repeating the same Idempotency-Key on a network error or 5xx, as the element
// does), pay or decline on the acquirer's page, come back through the return URL.
import { randomUUID } from 'node:crypto';
import { KAPITAL_TEST_CARDS, PAYTECH_TEST_CARDS, PITECH_TEST_CARDS } from '@pay-checkout/sandbox';
import { paths } from '@pay-checkout/protocol/paths';

export type Acquirer = 'pitech' | 'kapital' | 'paytech';
export const CURRENCY: Record<Acquirer, string> = { pitech: 'KZT', kapital: 'AZN', paytech: 'EUR' };

export interface ShopperRun {
  /** Payment ids the server gave back, one per attempt that got an answer. */
  payments: string[];
  /** Requests that failed on the network or with a 5xx and were repeated. */
  retries: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(url: string, init: RequestInit): Promise<{ status: number; json: any } | null> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  } catch {
    return null;
  }
}

/** POST with one key until an answer that is not a 5xx; null when the server never answered. */
async function startAttempt(api: string, sessionId: string, secret: string, run: ShopperRun, request: object = { method: 'card' }) {
  const key = `att_${randomUUID()}`;
  for (let i = 0; i < 6; i++) {
    const answer = await send(`${api}${paths.sessionPayments(sessionId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'idempotency-key': key },
      body: JSON.stringify(request),
    });
    // 502/503 from our server are final answers about this attempt (the provider refused or was down).
    if (answer && (answer.status < 500 || answer.json?.error?.code)) return answer;
    run.retries++;
    await sleep(20 * (i + 1));
  }
  return null;
}

function cardFor(acquirer: Acquirer, pays: boolean): string {
  if (acquirer === 'pitech') return (pays ? PITECH_TEST_CARDS.visaSuccess : PITECH_TEST_CARDS.declined).number;
  if (acquirer === 'kapital') return (pays ? KAPITAL_TEST_CARDS.mastercardSuccess : KAPITAL_TEST_CARDS.declined).number;
  return (pays ? PAYTECH_TEST_CARDS.success : PAYTECH_TEST_CARDS.declined).number;
}

/** The acquirer's page form, as a browser posts it; returns where the page sends the shopper. */
async function fillPage(acquirer: Acquirer, pageUrl: string, card: string): Promise<string | null> {
  const url = new URL(pageUrl);
  const form = new URLSearchParams({ cardNumber: card, expiry: '12/30', cvc: '123', cardholderName: 'AIGERIM SULTANOVA', action: 'pay' });
  let target = pageUrl;
  if (acquirer === 'pitech') {
    for (const name of ['ordersId', 'orderDate', 'uuid']) form.set(name, url.searchParams.get(name) ?? '');
    target = `${url.origin}${url.pathname.replace(/\/+$/, '')}/pay`;
  } else if (acquirer === 'kapital') {
    for (const name of ['id', 'password']) form.set(name, url.searchParams.get(name) ?? '');
    target = `${url.origin}${url.pathname}`;
  }
  const res = await fetch(target, { method: 'POST', body: form, redirect: 'manual' });
  await res.text();
  return res.status === 303 ? res.headers.get('location') : null;
}

/**
 * One shopper buying once: up to `attempts` payment attempts (a new key each, as after an error
 * message), paying with a good card when `pays`, else a declined one.
 */
export async function shop(
  api: string,
  sessionId: string,
  secret: string,
  acquirer: Acquirer,
  pays: boolean,
  attempts = 3,
  request: object = { method: 'card' },
): Promise<ShopperRun> {
  const run: ShopperRun = { payments: [], retries: 0 };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const answer = await startAttempt(api, sessionId, secret, run, request);
    if (!answer) continue;
    const payment = answer.json?.id ? answer.json : null;
    const paymentId: string | undefined = payment?.id ?? answer.json?.error?.details?.paymentId;
    if (paymentId) run.payments.push(paymentId);
    if (answer.status === 409 && answer.json?.error?.code === 'session_completed') return run;
    const pageUrl: string | undefined = payment?.nextAction?.type === 'redirect' ? payment.nextAction.url : undefined;
    if (!pageUrl) continue;
    const back = await fillPage(acquirer, pageUrl, cardFor(acquirer, pays));
    // Back at the merchant: our return handler re-reads the payment (it may fail under faults).
    if (back) await send(back, { method: 'GET' });
    return run;
  }
  return run;
}

/** A shopper who opens the acquirer's page and leaves: the attempt stays waiting at the provider. */
export async function abandon(api: string, sessionId: string, secret: string): Promise<string | null> {
  const answer = await startAttempt(api, sessionId, secret, { payments: [], retries: 0 });
  return answer?.json?.id ?? null;
}

/** The latest code the Monetix sandbox texted to `number` (its SMS inbox, as the e2e shopper reads it). */
export async function smsCode(monetixUrl: string, number: string): Promise<string | null> {
  const res = await fetch(`${monetixUrl}/sms.json?number=${encodeURIComponent(number)}`);
  const messages = (await res.json()) as { text: string }[];
  return /\b(\d{4,8})\b/.exec(messages[0]?.text ?? '')?.[1] ?? null;
}

/**
 * A mobile payment as the element runs it: phone and operator, then the code from the SMS inbox.
 * `deliver` carries the provider's callbacks to the server (wherever the test routes them) after each
 * step; `code` replaces the texted code (a wrong one), null stops before the code step. Answers the
 * payment id, or null when refused.
 */
export async function payByPhone(
  api: string,
  session: { id: string; clientSecret: string },
  number: string,
  monetixUrl: string,
  deliver: () => Promise<unknown>,
  code?: string | null,
): Promise<string | null> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${session.clientSecret}` };
  const started = await send(`${api}${paths.sessionPayments(session.id)}`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `mob_${randomUUID()}` },
    body: JSON.stringify({ method: 'kz_mobile', phone: `+${number}`, operator: 'KCELL' }),
  });
  const paymentId: string | undefined = started?.json?.id;
  if (!paymentId) return null;
  await deliver();
  const texted = await smsCode(monetixUrl, number);
  if (!texted || code === null) return paymentId;
  await send(`${api}${paths.paymentOtp(session.id, paymentId)}`, { method: 'POST', headers, body: JSON.stringify({ code: code ?? texted }) });
  await deliver();
  return paymentId;
}

/** The shopper pays (or declines) on an acquirer's page they were sent to; answers where it sends them. */
export function payOnPage(acquirer: Acquirer, pageUrl: string, pays = true): Promise<string | null> {
  return fillPage(acquirer, pageUrl, cardFor(acquirer, pays));
}

/** A card saved on PITECH's own card-saving page (4.1), as a merchant's "add a card" flow does it; answers whether PITECH kept it. */
export async function saveCardAtPitech(pitechUrl: string, credentials: { appId: string; secretId: string }, customerId: string): Promise<boolean> {
  const res = await fetch(`${pitechUrl}/gw/cards/save`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${credentials.appId}:${credentials.secretId}`).toString('base64')}` },
    body: JSON.stringify({ extClientRef: customerId, successReturnUrl: 'https://shop.example.kz/cards/ok', errorReturnUrl: 'https://shop.example.kz/cards/error' }),
  });
  const order = (await res.json()) as { orderId?: string; uuid?: string; orderDate?: string };
  if (!order.orderId || !order.uuid || !order.orderDate) return false;
  const form = new URLSearchParams({ orderId: order.orderId, uuid: order.uuid, orderDate: order.orderDate, cardNumber: PITECH_TEST_CARDS.visaSuccess.number, expiry: '12/30', cvc: '123', cardholderName: 'AIGERIM SULTANOVA' });
  const page = await fetch(`${pitechUrl}/pay`, { method: 'POST', body: form, redirect: 'manual' });
  await page.text();
  return page.status === 303 && page.headers.get('location') === 'https://shop.example.kz/cards/ok';
}
