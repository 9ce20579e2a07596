// pay.tech fixtures: settings, hand-made records for calling the adapter directly, and the
// shopper's side of pay.tech's checkout page (a form POST, then the 3-D Secure step).
import assert from 'node:assert/strict';
import type { PaymentRecord, SessionRecord } from '../src/store/types.js';
import { PaytechConfig, type PaytechSettings } from '../src/providers/paytech/config.js';

export const PAYTECH_URL = 'https://engine-sandbox.pay.tech';
export const PAYTECH_KEYS = { apiKey: 'pt_test_api_key_7c1d', signingKey: 'pt_test_signing_key_93ab' };

export function paytechSettings(overrides: Partial<Record<keyof PaytechSettings, unknown>> = {}): PaytechSettings {
  return PaytechConfig.parse({ ...PAYTECH_KEYS, ...overrides });
}

let seq = 0;
export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = new Date().toISOString();
  return {
    id: `cs_test_${++seq}`,
    clientSecretHash: 'x',
    orderId: `order-${seq}`,
    amount: 1112,
    currency: 'EUR',
    description: 'Tea set',
    customer: { id: 'cust-7', email: 'aigerim@example.kz', name: 'Aigerim Sultanova', phone: '+77011234567' },
    returnUrl: 'https://shop.example.kz/orders/1',
    methods: ['card'],
    captureMethod: null,
    status: 'open',
    activePaymentId: null,
    latestPaymentId: null,
    createdAt: now,
    expiresAt: now,
    ...overrides,
  };
}

export function paymentRecord(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  const now = new Date().toISOString();
  return {
    id: `pay_test_${++seq}`,
    sessionId: 'cs_test',
    method: 'card',
    provider: 'paytech',
    amount: 1112,
    currency: 'EUR',
    state: 'processing',
    providerState: null,
    providerOrderId: null,
    providerRef: null,
    redirectUrl: null,
    failure: null,
    createdAt: now,
    updatedAt: now,
    checkedAt: null,
    otp: null,
    capturedAmount: null,
    refundedAmount: 0,
    version: 0,
    saveCard: false,
    savedCardId: null,
    ...overrides,
  };
}

export type ThreeDsAnswer = 'confirm' | 'fail' | 'leave';

/**
 * The shopper pays on the checkout page: card form POST, then (for enrolled cards) the 3-D Secure
 * page. Returns where pay.tech sends them: the returnUrl, or the 3-D Secure page when left there.
 */
export async function payOnCheckoutPage(redirectUrl: string, card: string, threeDs: ThreeDsAnswer = 'confirm', action = 'pay'): Promise<string> {
  const form = new URLSearchParams({ cardNumber: card, expiry: '12/39', cvc: '123', cardholderName: 'AIGERIM SULTANOVA', action });
  const res = await fetch(redirectUrl, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 303, await res.text());
  const location = res.headers.get('location')!;
  if (!location.endsWith('/3ds') || threeDs === 'leave') return location;
  const step = await fetch(location, { method: 'POST', body: new URLSearchParams({ action: threeDs }), redirect: 'manual' });
  assert.equal(step.status, 303, await step.text());
  return step.headers.get('location')!;
}
