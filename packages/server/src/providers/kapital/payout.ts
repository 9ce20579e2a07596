// Payouts to a card through Kapital Bank, as the collection documents them: Create Order with
// typeRid OCT (Order Credit Transaction), Set Destination Token with the card number (PAN), then
// Execution Transaction with type Credit, and the order read back for its outcome. A decline comes
// back as PmoDecline; the order's status and its transaction's PMO code give the bank's reason.
import { fromMajorUnits, toDecimalString } from '@pay-checkout/protocol/money';
import type { PayoutAdapter, PayoutOutcome } from '../../payouts/types.js';
import type { PayoutRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import { KapitalClient, type KapitalOrderStatus } from './client.js';
import type { KapitalSettings } from './config.js';
import { KapitalError } from './errors.js';
import { type KapitalStatus, kapitalStatus, normalizeKapitalOrder } from './states.js';

/**
 * Statuses of a credit order. The table describes the statuses for payments; for an OCT order the
 * collection says nothing, so: paid statuses mean the credit went through, the ones before or
 * instead of payment mean it did not, and the rest (a hold, a transfer, a refund) are not states a
 * credit is documented to reach: kept pending, for the merchant to reconcile.
 */
const CREDIT_OUTCOMES: Record<KapitalStatus, PayoutOutcome['state'] | 'not_sent'> = {
  Preparing: 'not_sent',
  FullyPaid: 'succeeded',
  Closed: 'succeeded',
  Declined: 'failed',
  Rejected: 'failed',
  Cancelled: 'failed',
  Refused: 'failed',
  Expired: 'failed',
  Voided: 'failed',
  Authorized: 'pending',
  PartiallyPaid: 'pending',
  Funded: 'pending',
  Refunded: 'pending',
};

export function createKapitalPayouts(settings: KapitalSettings, timeoutMs: number): PayoutAdapter {
  const client = new KapitalClient({ ...settings, timeoutMs });

  return {
    provider: 'kapital',
    displayName: 'Kapital Bank',
    // The collection shows manat only.
    currencies: ['AZN'],

    async send({ payout, card, repeat }, remember) {
      let ref = payout.providerRef?.id && payout.providerRef.password ? { id: payout.providerRef.id, password: payout.providerRef.password } : null;
      if (repeat && ref) {
        // The credit may have gone through before the answer was lost: only a Preparing order is finished.
        const known = creditOutcome(await client.status(ref.id), payout);
        if (known) return known;
      }
      const amount = toDecimalString(payout.amount, payout.currency);
      if (!ref) {
        const order = await client.createCreditOrder({
          typeRid: 'OCT',
          amount,
          currency: payout.currency,
          language: settings.defaultLanguage,
          // The merchant's reference finds the order in the bank's back office.
          title: payout.reference,
          description: payout.description ?? `Payout ${payout.reference}`,
        });
        ref = { id: String(order.id), password: order.password };
        await remember(ref);
      }
      // The collection's PAN body carries the number alone (no expiry or holder).
      await client.setDstToken(ref.id, ref.password, { card: { panBlock: { data: card.cardNumber }, entryMode: 'ECommerce' } });
      let declined: KapitalError | null = null;
      try {
        await client.execTran(ref.id, { phase: 'Single', amount, type: 'Credit' }, ref.password);
      } catch (error) {
        if (error instanceof KapitalError && error.errorCode === 'PmoDecline') declined = error;
        else throw error;
      }
      const outcome = creditOutcome(await client.status(ref.id), payout);
      if (outcome) return outcome;
      if (declined) return { state: 'failed', providerState: 'Declined', failure: { code: declined.failure, message: declined.providerMessage ?? 'Declined by the bank' } };
      // Executed, yet the order still reads as prepared: the next read tells.
      return { state: 'pending', providerState: 'Preparing', failure: null };
    },

    async read(payout) {
      const id = payout.providerRef?.id;
      return id ? creditOutcome(await client.status(id), payout) : null;
    },
  };
}

/** The payout's outcome from its order; null while the order is still being prepared (no credit yet). */
function creditOutcome(order: KapitalOrderStatus, payout: PayoutRecord): PayoutOutcome | null {
  const status = kapitalStatus(order.status);
  if (!status) throw new ProviderError(`unknown Kapital Bank status ${order.status}`, 'unavailable');
  const state = CREDIT_OUTCOMES[status];
  if (state === 'not_sent') return null;
  let failure: PayoutOutcome['failure'] = null;
  if (state === 'failed') {
    // The declined transaction's PMO code and its title, as for payments.
    const normalized = status === 'Declined' || status === 'Rejected' || status === 'Expired' ? normalizeKapitalOrder(order).failure : null;
    failure = { code: normalized?.code ?? 'payment_declined', message: normalized?.reason ?? `The bank reports the order as ${status}` };
  }
  return { state, providerState: status, failure, amount: minorOrNaN(order.amount, order.currency), currency: order.currency || payout.currency };
}

function minorOrNaN(value: number | string, currency: string): number {
  try {
    return fromMajorUnits(value, currency);
  } catch {
    return Number.NaN;
  }
}
