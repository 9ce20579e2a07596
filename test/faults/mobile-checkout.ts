// A second companion server over a stack's sandbox, with Monetix configured besides the three card
// acquirers, so kz_mobile and Monetix's signed callbacks can be driven too. The stack's Monetix
// simulator has no callback URL: it records each genuine signed callback, and relay() carries them
// to this server as the network would, which also lets a test keep, replay or alter them.
import { MONETIX_SANDBOX_CREDENTIALS, type MonetixCallbackRecord } from '@pay-checkout/sandbox';
import type { MerchantEvent } from '@pay-checkout/protocol';
import { paths } from '@pay-checkout/protocol/paths';
import type { Checkout } from '@pay-checkout/server';
import { sql, startServer } from '../../packages/server/test/helpers.js';
import { API_KEY, ROUTING, sandboxProviders, type Stack } from './stack.js';

export interface MobileCheckout {
  api: string;
  checkout: Checkout;
  logs: string[];
  /** Merchant events handed to onPaymentEvent (the outbox is written because a hook is set). */
  events: MerchantEvent[];
  /** Posts the Monetix callbacks recorded since the last relay to this server; answers them with the statuses. */
  relay(): Promise<{ record: MonetixCallbackRecord; status: number }[]>;
  /** SQL with `?` parameters against this server's own database. */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Posts a callback body to the server as a provider would (JSON, with optional headers). */
export async function postCallback(api: string, provider: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${api}${paths.providerCallback(provider)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

export async function startMobileCheckout(stack: Stack, options: { limits?: { max: number } } = {}): Promise<MobileCheckout> {
  const events: MerchantEvent[] = [];
  const max = options.limits?.max ?? 5;
  const h = await startServer({
    apiKey: API_KEY,
    merchantName: 'Dala Tea House',
    providers: {
      ...sandboxProviders(stack.sandbox),
      // A second's cooldown: a run can ask for new codes.
      monetix: { ...MONETIX_SANDBOX_CREDENTIALS, gateUrl: stack.sandbox.monetix.baseUrl, paymentPageUrl: stack.sandbox.monetix.baseUrl, resendCooldownSeconds: 1 },
    },
    routing: ROUTING,
    limits: { mobilePerPhone: { max, windowSeconds: 3600 }, mobilePerIp: { max: max * 4, windowSeconds: 3600 } },
    // No background re-reads: a test compares payment rows before and after a request.
    reconcile: { everyMs: 86_400_000 },
    onPaymentEvent: (event) => {
      events.push(event);
    },
  });
  let relayed = 0;
  return {
    api: h.url,
    checkout: h.checkout,
    logs: h.logs,
    events,
    async relay() {
      await stack.sandbox.monetix.idle();
      const fresh = stack.sandbox.monetix.callbacks().slice(relayed);
      relayed += fresh.length;
      const answers = [];
      for (const record of fresh) answers.push({ record, status: (await postCallback(h.url, 'monetix', JSON.stringify(record.body))).status });
      return answers;
    },
    query: (text, params) => sql(h, text, params),
    close: () => h.close(),
  };
}
