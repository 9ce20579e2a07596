// pay.tech card handoff: create a DEPOSIT, send the shopper to pay.tech's checkout page, read the
// state back with Find payment. Webhooks are signed over the raw body; a valid one is still only a
// trigger for that read. Capture and void work on AUTHORIZED (preAuth) deposits; a refund is a
// new payment of type REFUND naming the deposit as its parent. Saved cards are recurring chains
// (saved-card.ts).
import { currencyExponent, fromMajorUnits, toMajorUnits } from '@pay-checkout/protocol/money';
import { chargedAmount, type PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { CallbackRequest, CallbackResult, CreatedPayment, CreatePaymentInput, ProviderAdapter, ProviderStatus } from '../types.js';
import { PaytechClient, PaytechPayment, type PaytechOperation } from './client.js';
import type { PaytechSettings } from './config.js';
import { depositRequest } from './payment-request.js';
import { keptCardOf, payWithSavedCard } from './saved-card.js';
import { headerValue, verifyPaytechSignature } from './signature.js';
import { statusFromPayment } from './status.js';

export interface PaytechAdapter extends ProviderAdapter {
  /** Without the request as it arrived (raw body, headers) nothing can be verified: rejected. */
  handleCallback(body: unknown, request?: CallbackRequest): CallbackResult | null;
  /** Get operations: what pay.tech did with the payment, most recent first (for a Node API). */
  listOperations(payment: PaymentRecord): Promise<PaytechOperation[]>;
}

/** Create payment's amount: "number [0.00001 .. 1000000000]", in major units. */
const MAX_AMOUNT = 1_000_000_000;

export function createPaytechAdapter(settings: PaytechSettings, timeoutMs: number): PaytechAdapter {
  const client = new PaytechClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, timeoutMs });

  /** Reads the payment and checks it is the one we created (its referenceId is our payment id). */
  async function read(payment: PaymentRecord): Promise<PaytechPayment> {
    const found = await client.find(paytechIdOf(payment));
    if (found.referenceId && found.referenceId !== payment.id) {
      throw new ProviderError(`pay.tech payment ${found.id} belongs to ${found.referenceId}`, 'unavailable');
    }
    return found;
  }

  return {
    id: 'paytech',
    displayName: 'pay.tech',
    methods: ['card'],
    currencies: settings.currencies,
    redirectOrigins: settings.paymentPageOrigins ?? [new URL(settings.baseUrl).origin],
    maxAmount: (currency) => MAX_AMOUNT * 10 ** currencyExponent(currency),
    // pay.tech keeps the card as a recurring token and has no call to list or delete tokens.
    savedCards: { saveOnHandoff: true },

    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      if (input.savedCard) return payWithSavedCard(client, depositRequest(settings, input), input.savedCard, input.payment);
      const created = await client.create(depositRequest(settings, input));
      const status = statusFromPayment(created);
      if (!created.redirectUrl) {
        // Declined at once (limits, anti-fraud): say why; anything else without a page is unusable.
        const final = status.state === 'failed' || status.state === 'canceled' || status.state === 'expired';
        throw new ProviderError('pay.tech returned no redirectUrl', final ? 'rejected' : 'unavailable', 200, created.errorMessage ?? null);
      }
      return {
        providerOrderId: created.id,
        providerRef: { id: created.id },
        providerState: status.providerState,
        state: status.state,
        redirectUrl: created.redirectUrl,
      };
    },

    // A deposit's state does not change when it is refunded: its REFUND payments (which carry our
    // payment id as referenceId) say how much went back, once the money was charged.
    async fetchStatus(payment: PaymentRecord): Promise<ProviderStatus> {
      const found = await read(payment);
      let status = statusFromPayment(found);
      // A deposit that started a chain because the shopper asked: its token is the card to keep.
      const kept = payment.saveCard ? keptCardOf(found, status) : null;
      if (kept) status = { ...status, savedCard: kept };
      if (status.state !== 'succeeded' || !['succeeded', 'partially_refunded'].includes(payment.state)) return status;
      const deposit = paytechIdOf(payment);
      const refunds = (await client.byReference(payment.id)).filter(
        (p) => p.paymentType === 'REFUND' && p.parentPaymentId === deposit && p.state === 'COMPLETED',
      );
      const refunded = refunds.reduce((sum, p) => sum + fromMajorUnits(p.amount ?? 0, payment.currency), 0);
      if (refunded <= 0) return status;
      const remaining = chargedAmount(payment) - refunded;
      return { ...status, providerState: `REFUNDED ${refunds.length}`, state: remaining > 0 ? 'partially_refunded' : 'refunded', amount: Math.max(remaining, 0) };
    },

    // Verified over the exact bytes received, then only a trigger: the state comes from Find payment.
    handleCallback(body: unknown, request?: CallbackRequest): CallbackResult | null {
      const header = headerValue(request?.headers, 'signature');
      if (!header) return { kind: 'rejected', reason: 'missing Signature header' };
      if (!verifyPaytechSignature(request?.rawBody, header, settings.signingKey)) return { kind: 'rejected', reason: 'invalid signature' };
      const parsed = PaytechPayment.pick({ id: true, referenceId: true }).safeParse(body);
      if (!parsed.success) return null;
      return { kind: 'trigger', providerOrderId: parsed.data.id, merchantReference: parsed.data.referenceId ?? null };
    },

    async capture(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
      await client.capture(paytechIdOf(payment), toMajorUnits(amount, payment.currency));
      return statusFromPayment(await read(payment));
    },

    // pay.tech voids whole authorizations only; it has no reversal, so a charged payment is refunded.
    partial: ['capture', 'refund'],

    async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
      await client.void(paytechIdOf(payment));
      return statusFromPayment(await read(payment));
    },

    async refund(payment: PaymentRecord, amount: number): Promise<ProviderStatus | null> {
      const created = await client.create({
        // Our payment id again, so a webhook about the refund leads back to the payment it refunds.
        referenceId: payment.id,
        paymentType: 'REFUND',
        parentPaymentId: paytechIdOf(payment),
        amount: toMajorUnits(amount, payment.currency),
        currency: payment.currency,
      });
      const refund = await client.find(created.id);
      if (refund.state === 'DECLINED' || refund.state === 'CANCELLED') {
        throw new ProviderError(`pay.tech declined the refund (${refund.errorCode ?? 'no code'})`, 'rejected', 200, refund.errorMessage ?? null);
      }
      // Not final yet: nothing to record now; the deposit's state does not change until it is.
      if (refund.state !== 'COMPLETED') return null;
      // What remains of the payment, as ProviderStatus counts refunds.
      const remaining = chargedAmount(payment) - payment.refundedAmount - amount;
      return {
        providerState: `REFUND ${refund.state}`,
        state: remaining > 0 ? 'partially_refunded' : 'refunded',
        amount: Math.max(remaining, 0),
        currency: payment.currency,
        failure: null,
      };
    },

    async listOperations(payment: PaymentRecord): Promise<PaytechOperation[]> {
      return client.operations(paytechIdOf(payment));
    },
  };
}

/** Get operations for a pay.tech payment id, without an adapter (for a Node API or a support tool). */
export function listPaytechOperations(settings: Pick<PaytechSettings, 'baseUrl' | 'apiKey'>, timeoutMs: number, paytechPaymentId: string): Promise<PaytechOperation[]> {
  return new PaytechClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, timeoutMs }).operations(paytechPaymentId);
}

function paytechIdOf(payment: PaymentRecord): string {
  const id = payment.providerRef?.id ?? payment.providerOrderId;
  if (!id) throw new Error(`payment ${payment.id} has no pay.tech payment`);
  return id;
}
