import { type Route as RouteOf, routeTable } from '../route-table.js';
import { jsonResponse } from '../http.js';
import { createCallbackQueue } from './callbacks.js';
import type { MonetixContext } from './context.js';
import {
  clarificationHandler, operatorsHandler, refundHandler, resendHandler, saleHandler, statusHandler, gateError,
} from './gate-api.js';
import { createPaymentStore } from './payments.js';
import { showPaymentPage, submitCodeForm, submitPhone } from './payment-page.js';
import { createSmsOutbox } from './sms.js';
import { smsInboxJson, smsInboxPage } from './sms-inbox.js';
import { MONETIX_DEFAULT_OPERATORS } from './test-phones.js';
import type { MonetixCallbackRecord, MonetixOperator, MonetixPayment, MonetixSms } from './types.js';

/** Gate host of the public Monetix integrations (monetix-signature.md). */
export const MONETIX_GATE_URL = 'https://api.trxhost.com';
/** The project the sandbox accepts unless told otherwise (the document's example project_id). */
export const MONETIX_SANDBOX_CREDENTIALS = { projectId: 1234, secretKey: 'sandbox-secret-key' } as const;

export interface MonetixSimulatorOptions {
  /** Public URL of both the Gate API (/v2/...) and the Payment Page (/payment). */
  baseUrl: string;
  projectId?: number;
  secretKey?: string;
  /** How long an SMS code works. Default 85 s (the document says 80 or 90). */
  otpTtlMs?: number;
  /** Delay before each callback is POSTed. Default 0. */
  callbackDelayMs?: number;
  /** Where callbacks go: configured in the merchant's project, not sent per request. */
  callbackUrl?: string;
  /** Used to POST callbacks. Default: globalThis.fetch at call time (so msw can patch it). */
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds. Default Date.now. */
  now?: () => number;
  /** Send the misleading decline callback before each resend's clarification. Default true. */
  spuriousResendCallbacks?: boolean;
  /** Answer of /v2/info/mobile/sale/list and the page's operator select. Default Table 1. */
  operators?: readonly MonetixOperator[];
}

export interface MonetixSimulator {
  readonly baseUrl: string;
  /** Answers a simulator route, or null when the request is not one. Never throws. */
  handle(request: Request): Promise<Response | null>;
  /** SMS sent so far, newest first; only `number`'s when given. */
  messages(number?: string): MonetixSms[];
  /** The latest code texted to `number`. */
  lastOtp(number: string): string | undefined;
  /** Snapshots of all payments, oldest first. */
  payments(): MonetixPayment[];
  getPayment(paymentId: string): MonetixPayment | undefined;
  /** Callbacks sent so far, in order, with the merchant's HTTP status or the error. */
  callbacks(): MonetixCallbackRecord[];
  /** Resolves once every scheduled callback has been delivered or has failed. */
  idle(): Promise<void>;
  /** Forgets payments, SMS and callbacks; cancels callbacks not yet sent. */
  reset(): void;
}

type Route = RouteOf<MonetixContext>;

const ROUTES: Record<string, Route> = {
  'POST /v2/info/mobile/sale/list': operatorsHandler,
  'POST /v2/payment/mobile/sale': saleHandler,
  'POST /v2/payment/clarification': clarificationHandler,
  'POST /v2/customer/action/resend': resendHandler,
  'POST /v2/payment/status': statusHandler,
  'POST /v2/payment/mobile/refund': refundHandler,
  'GET /payment': (_req, ctx, url) => showPaymentPage(ctx, url),
  'POST /payment/phone': (req, ctx) => submitPhone(req, ctx),
  'POST /payment/code': (req, ctx) => submitCodeForm(req, ctx),
  'GET /sms': (_req, ctx) => smsInboxPage(ctx),
  'GET /sms.json': (_req, ctx, url) => smsInboxJson(ctx, url),
};

export function createMonetixSimulator(options: MonetixSimulatorOptions): MonetixSimulator {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const ctx: MonetixContext = {
    baseUrl,
    projectId: options.projectId ?? MONETIX_SANDBOX_CREDENTIALS.projectId,
    secretKey: options.secretKey ?? MONETIX_SANDBOX_CREDENTIALS.secretKey,
    now: options.now ?? Date.now,
    otpTtlMs: options.otpTtlMs ?? 85_000,
    spuriousResendCallbacks: options.spuriousResendCallbacks ?? true,
    callbackUrl: options.callbackUrl,
    operators: options.operators ?? MONETIX_DEFAULT_OPERATORS,
    payments: createPaymentStore(),
    sms: createSmsOutbox(),
    callbacks: createCallbackQueue(() => options.fetch ?? globalThis.fetch, options.callbackDelayMs ?? 0),
  };

  return {
    baseUrl,
    handle: routeTable(baseUrl, ROUTES, ctx, (message, path) => (path.startsWith('/v2/') ? gateError('internal_error', message, 500) : jsonResponse({ message }, 500))),
    messages: (number) => ctx.sms.list(number),
    lastOtp: (number) => ctx.sms.lastOtp(number),
    payments: () => ctx.payments.all().map((p) => structuredClone(p)),
    getPayment: (id) => {
      const p = ctx.payments.get(id);
      return p && structuredClone(p);
    },
    callbacks: () => ctx.callbacks.records(),
    idle: () => ctx.callbacks.idle(),
    reset() {
      ctx.payments.reset();
      ctx.sms.reset();
      ctx.callbacks.reset();
    },
  };
}
