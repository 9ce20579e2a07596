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
async function startAttempt(api: string, sessionId: string, secret: string, run: ShopperRun) {
  const key = `att_${randomUUID()}`;
  for (let i = 0; i < 6; i++) {
    const answer = await send(`${api}${paths.sessionPayments(sessionId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'idempotency-key': key },
      body: JSON.stringify({ method: 'card' }),
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
export async function shop(api: string, sessionId: string, secret: string, acquirer: Acquirer, pays: boolean, attempts = 3): Promise<ShopperRun> {
  const run: ShopperRun = { payments: [], retries: 0 };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const answer = await startAttempt(api, sessionId, secret, run);
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
