// Store records -> the API's views. The only place that decides what the browser may see.
import type { NextAction, PaymentView, SessionView } from '@pay-checkout/protocol';
import type { ProviderAdapter } from '../providers/types.js';
import type { PaymentRecord, SessionRecord } from '../store/types.js';

/** How long the element waits between reads of a payment that is still being processed. */
export const POLL_AFTER_MS = 1500;

export function paymentView(payment: PaymentRecord): PaymentView {
  return {
    id: payment.id,
    state: payment.state,
    method: payment.method,
    provider: payment.provider,
    amount: { value: payment.amount, currency: payment.currency },
    nextAction: nextAction(payment),
    failure: payment.failure,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}

function nextAction(payment: PaymentRecord): NextAction | null {
  if (payment.state === 'requires_action' && payment.redirectUrl) {
    return { type: 'redirect', url: payment.redirectUrl, provider: payment.provider };
  }
  if (payment.state === 'processing') return { type: 'await', pollAfterMs: POLL_AFTER_MS };
  return null;
}

export function sessionView(
  session: SessionRecord,
  payment: PaymentRecord | null,
  merchantName: string,
  cardProvider: ProviderAdapter | null,
): SessionView {
  const methods = session.methods.flatMap((type) =>
    type === 'card' && cardProvider
      ? [{ type, provider: cardProvider.id, providerName: cardProvider.displayName }]
      : [],
  );
  return {
    id: session.id,
    status: session.status,
    merchantName,
    orderId: session.orderId,
    description: session.description,
    amount: { value: session.amount, currency: session.currency },
    methods,
    redirectOrigins: cardProvider ? cardProvider.redirectOrigins : [],
    payment: payment ? paymentView(payment) : null,
    returnUrl: session.returnUrl,
    expiresAt: session.expiresAt,
  };
}
