// PITECH card handoff: create an order, send the shopper to PITECH's hosted page, and read the
// state back with GET /gw/payments. PITECH signs neither redirects nor callbacks, so both are only
// triggers for that read.
import { fromMajorUnits, toMajorUnits } from '@pay-checkout/protocol/money';
import type { PitechSettings } from '../../config.js';
import type { PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { CallbackResult, CreatedPayment, CreatePaymentInput, ProviderAdapter, ProviderStatus } from '../types.js';
import { PitechClient, type PitechOrderRef, type PitechPayment } from './client.js';
import { isPitechState, PITECH_STATES, pitechFailureCode } from './states.js';

export function createPitechAdapter(settings: PitechSettings, timeoutMs: number): ProviderAdapter {
  const client = new PitechClient({ ...settings, timeoutMs });
  const redirectOrigins = settings.paymentPageOrigins ?? [new URL(settings.baseUrl).origin];

  return {
    id: 'pitech',
    displayName: 'PITECH',
    redirectOrigins,
    methods: ['card'],
    // PITECH acquires in tenge; its document also shows USD for card saving.
    currencies: ['KZT', 'USD', 'EUR', 'RUB'],

    async createPayment({ payment, session, returnUrls, callbackUrl }: CreatePaymentInput): Promise<CreatedPayment> {
      const order = await client.charge({
        amount: toMajorUnits(payment.amount, payment.currency),
        currency: payment.currency,
        description: session.description,
        // One PITECH order per payment attempt: our payment id is the merchant-side order id.
        extOrdersId: payment.id,
        successReturnUrl: returnUrls.success,
        errorReturnUrl: returnUrls.error,
        callbackSuccessUrl: callbackUrl,
        callbackErrorUrl: callbackUrl,
        extOrdersTime: payment.createdAt,
        ...(session.customer.id ? { extClientRef: session.customer.id } : {}),
        ...(session.customer.email ? { email: session.customer.email } : {}),
        ...(settings.template ? { template: settings.template } : {}),
      });
      if (!order.paymentUrl) throw new ProviderError('PITECH returned no paymentUrl', 'unavailable');
      const status = normalize(order);
      return {
        providerOrderId: order.ordersId,
        providerRef: { ordersId: order.ordersId, uuid: order.uuid, orderDate: order.orderDate },
        providerState: status.providerState,
        state: status.state,
        redirectUrl: order.paymentUrl,
      };
    },

    async fetchStatus(payment: PaymentRecord): Promise<ProviderStatus> {
      const ref = payment.providerRef as PitechOrderRef | null;
      if (!ref?.ordersId || !ref.uuid || !ref.orderDate) throw new Error(`payment ${payment.id} has no PITECH order`);
      return normalize(await client.status(ref));
    },

    // PITECH signs nothing: a callback only tells us which order to read again.
    handleCallback(body: unknown): CallbackResult | null {
      if (!body || typeof body !== 'object') return null;
      const fields = body as Record<string, unknown>;
      // The document's success callback says orderId, its failure callback ordersId: accept both.
      const orderId = fields.ordersId ?? fields.orderId;
      const reference = fields.extOrdersId;
      const providerOrderId = typeof orderId === 'string' && orderId ? orderId : null;
      const merchantReference = typeof reference === 'string' && reference ? reference : null;
      return providerOrderId || merchantReference ? { kind: 'trigger', providerOrderId, merchantReference } : null;
    },
  };
}

function normalize(order: PitechPayment): ProviderStatus {
  if (!isPitechState(order.state)) throw new ProviderError(`unknown PITECH state ${order.state}`, 'unavailable');
  const reason = order.message ?? null;
  const code = pitechFailureCode(order.state, reason);
  let amount: number;
  try {
    amount = fromMajorUnits(order.amount, order.currency);
  } catch {
    amount = Number.NaN;
  }
  return {
    providerState: order.state,
    state: PITECH_STATES[order.state],
    amount,
    currency: order.currency,
    failure: code ? { code, reason } : null,
  };
}
