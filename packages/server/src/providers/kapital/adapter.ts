// Kapital Bank card handoff: create an order (Order_SMS purchase, or Order_DMS preauthorization),
// send the shopper to the bank's hosted page, and read the order back with GET /api/order/{id}.
// The bank signs nothing and its return redirect (?ID=&STATUS=) may carry a temporary status, so
// redirects and callbacks are only triggers for that read. Money is converted here, at the edge.
// Saved cards: the page keeps the card when asked (card on file), and a saved card pays without
// the page (saved-card-payment.ts). The bank has no list or delete call: our store keeps the cards.
import { toDecimalString } from '@pay-checkout/protocol/money';
import type { PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import { type CallbackResult, type CreatedPayment, type CreatePaymentInput, manualCapture, type PaymentDetails, type ProviderAdapter, type ProviderStatus } from '../types.js';
import { KapitalClient, type KapitalOrderType } from './client.js';
import { KAPITAL_LANGUAGES, type KapitalLanguage, type KapitalSettings } from './config.js';
import { planReversal } from './reversal.js';
import { COF_CAPTURE_PURPOSES, keptCardOf } from './saved-card.js';
import { payWithSavedCard } from './saved-card-payment.js';
import { KAPITAL_STATUSES, kapitalStatus, normalizeKapitalOrder } from './states.js';

export function createKapitalAdapter(settings: KapitalSettings, timeoutMs: number): ProviderAdapter {
  const client = new KapitalClient({ ...settings, timeoutMs });
  const redirectOrigins = settings.paymentPageOrigins ?? [new URL(settings.baseUrl).origin];
  const statusOf = async (payment: PaymentRecord): Promise<ProviderStatus> => {
    const order = await client.status(orderIdOf(payment));
    const status = normalizeKapitalOrder(order);
    // The card the page kept, once the order is paid, and only for an order created to keep it.
    if (payment.providerRef?.saveCard !== 'true' || (status.state !== 'succeeded' && status.state !== 'authorized')) return status;
    const card = keptCardOf(order);
    return card ? { ...status, savedCard: card } : status;
  };
  // Reversal: Full, or Partial once per phase; which one is decided from the order as the bank reports it.
  const reverse = async (payment: PaymentRecord, amount?: number): Promise<ProviderStatus> => {
    const id = orderIdOf(payment);
    const order = await client.status(id);
    for (const tran of planReversal(order, amount)) await client.execTran(id, tran);
    return statusOf(payment);
  };

  return {
    id: 'kapital',
    displayName: 'Kapital Bank',
    redirectOrigins,
    methods: ['card'],
    // The collection shows manat only.
    currencies: ['AZN'],
    // The page keeps cards; no list or delete call, so only our store knows them (remove drops our record).
    savedCards: { saveOnHandoff: true },

    async createPayment({ payment, session, details, returnUrls, locale, savedCard, saveCard }: CreatePaymentInput): Promise<CreatedPayment> {
      const months = installmentOf(details, settings.installmentMonths);
      const manual = manualCapture(session, settings.twoPhase);
      const fields = {
        amount: toDecimalString(payment.amount, payment.currency),
        currency: payment.currency,
        language: languageOf(locale, settings.defaultLanguage),
        // The bank reads an installment plan from the description, as "TAKSIT=6".
        description: months ? `TAKSIT=${months}` : session.description,
      };
      if (savedCard) return payWithSavedCard(client, { ...fields, manual }, savedCard, payment);

      const typeRid: KapitalOrderType = manual ? 'Order_DMS' : 'Order_SMS';
      const order = await client.createOrder({
        typeRid,
        ...fields,
        // Our return handler; the bank appends ?ID=...&STATUS=... (STATUS is not believed).
        hppRedirectUrl: returnUrls.success,
        ...(saveCard && { hppCofCapturePurposes: [...COF_CAPTURE_PURPOSES] }),
      });
      const status = kapitalStatus(order.status);
      if (!status) throw new ProviderError(`unknown Kapital Bank status ${order.status}`, 'unavailable');
      const id = String(order.id);
      return {
        providerOrderId: id,
        // saveCard: the status read reports the card the page kept (fetchStatus).
        providerRef: { id, password: order.password, typeRid, ...(saveCard && { saveCard: 'true' }) },
        providerState: status,
        state: KAPITAL_STATUSES[status],
        // hppUrl already ends in /flex; the collection's redirect adds the order's id and password.
        redirectUrl: `${order.hppUrl}?id=${encodeURIComponent(id)}&password=${encodeURIComponent(order.password)}`,
      };
    },

    fetchStatus: statusOf,

    // Unsigned: a notification only names the order to read again.
    handleCallback(body: unknown): CallbackResult | null {
      if (!body || typeof body !== 'object') return null;
      const fields = body as Record<string, unknown>;
      const value = fields.ID ?? fields.id ?? fields.orderId;
      const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
      return /^\d{1,20}$/.test(id) ? { kind: 'trigger', providerOrderId: id, merchantReference: null } : null;
    },

    partial: ['capture', 'reverse', 'refund'],

    // Clearing: the second step of a preauthorization, for all or part of the held amount.
    async capture(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
      await client.execTran(orderIdOf(payment), { phase: 'Clearing', amount: toDecimalString(amount, payment.currency) });
      return statusOf(payment);
    },

    // Releasing a preauthorization is a Full reversal of its Auth phase.
    async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
      return reverse(payment);
    },

    reverse,

    async refund(payment: PaymentRecord, amount: number): Promise<ProviderStatus> {
      await client.execTran(orderIdOf(payment), { phase: 'Single', amount: toDecimalString(amount, payment.currency), type: 'Refund' });
      return statusOf(payment);
    },
  };
}

function orderIdOf(payment: PaymentRecord): string {
  const id = payment.providerRef?.id ?? payment.providerOrderId;
  if (!id) throw new Error(`payment ${payment.id} has no Kapital Bank order`);
  return id;
}

/** The hosted page speaks az, en and ru; the shopper's locale picks one. */
export function languageOf(locale: string | undefined, fallback: KapitalLanguage): KapitalLanguage {
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return (KAPITAL_LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as KapitalLanguage) : fallback;
}

/**
 * Months of installment the payment asks for, read from an optional `installmentMonths` in the
 * details (the shared PaymentDetails does not carry it yet); only plans the merchant enabled.
 */
function installmentOf(details: PaymentDetails, allowed: number[]): number | null {
  const requested = (details as PaymentDetails & { installmentMonths?: unknown }).installmentMonths;
  if (requested === undefined || requested === null) return null;
  if (typeof requested === 'number' && allowed.includes(requested)) return requested;
  const reason = `an installment of ${String(requested)} months is not enabled (installmentMonths: ${allowed.join(', ') || 'none'})`;
  throw new ProviderError(`Kapital Bank installment refused: ${reason}`, 'rejected', null, reason);
}
