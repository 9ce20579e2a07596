// PITECH card handoff: create an order (cards/charge, or cards/auth when the payment is only held),
// send the shopper to PITECH's hosted page, and read the state back with GET /gw/payments. PITECH
// signs neither redirects nor callbacks, so both are only triggers for that read. A saved card is
// charged by its token instead (tokens/charge, tokens/auth), usually without a page.
import { toMajorUnits } from '@pay-checkout/protocol/money';
import type { PitechSettings } from '../../config.js';
import type { PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import { type CallbackResult, type CreatedPayment, type CreatePaymentInput, manualCapture, type ProviderAdapter, type ProviderStatus } from '../types.js';
import { type PitechChargeRequest, PitechClient } from './client.js';
import { orderRefOf, pitechOperations } from './operations.js';
import { pitechSavedCards } from './saved-cards.js';
import { pitechStatus } from './status.js';
import { payWithSavedCard } from './token-payment.js';

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

    savedCards: pitechSavedCards(client),

    async createPayment({ payment, session, returnUrls, callbackUrl, savedCard }: CreatePaymentInput): Promise<CreatedPayment> {
      const request: PitechChargeRequest = {
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
      };
      // Two-phase: the order ends at AUTH_OK (authorized) and a commit charges the money.
      const twoPhase = manualCapture(session, settings.twoPhase);
      if (savedCard) {
        // PITECH keeps cards per customer: the token is charged for the one it was saved for.
        if (!session.customer.id) throw new Error(`session ${session.id} has a saved card but no customer id`);
        return payWithSavedCard(client, { order: request, cardsId: savedCard.providerCardId, customerId: session.customer.id, twoPhase, payment });
      }
      const order = await (twoPhase ? client.auth(request) : client.charge(request));
      if (!order.paymentUrl) throw new ProviderError('PITECH returned no paymentUrl', 'unavailable');
      const status = pitechStatus(order, payment);
      return {
        providerOrderId: order.ordersId,
        providerRef: { ordersId: order.ordersId, uuid: order.uuid, orderDate: order.orderDate },
        providerState: status.providerState,
        state: status.state,
        redirectUrl: order.paymentUrl,
      };
    },

    async fetchStatus(payment: PaymentRecord): Promise<ProviderStatus> {
      return pitechStatus(await client.status(orderRefOf(payment)), payment);
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

    ...pitechOperations(client),
  };
}
