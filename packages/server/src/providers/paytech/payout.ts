// Payouts to a card through pay.tech: Create payment with paymentType WITHDRAWAL (our payout id as
// referenceId, the card in the Card object), then Find payment for its state. A withdrawal whose
// answer was lost is looked up by that referenceId (Get payments) before anything is sent again.
// Get withdrawal balances says what can be paid out.
import { fromMajorUnits, isSupportedCurrency, toMajorUnits } from '@pay-checkout/protocol/money';
import type { PayoutAdapter, PayoutOutcome } from '../../payouts/types.js';
import type { PayoutRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import { PaytechClient, type PaytechCard, type PaytechPayment } from './client.js';
import type { PaytechSettings } from './config.js';
import { customerOf } from './payment-request.js';
import { isPaytechState, paytechFailure } from './states.js';

export function createPaytechPayouts(settings: PaytechSettings, timeoutMs: number): PayoutAdapter {
  const client = new PaytechClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, timeoutMs });

  /** Our withdrawal with this payout id as its referenceId, if pay.tech has one. */
  async function findByReference(payout: PayoutRecord): Promise<PaytechPayment | null> {
    const found = await client.byReference(payout.id);
    return found.find((p) => p.paymentType === 'WITHDRAWAL') ?? null;
  }

  return {
    provider: 'paytech',
    displayName: 'pay.tech',
    currencies: settings.currencies,

    async send({ payout, card, customer, repeat }, remember) {
      if (repeat) {
        const earlier = payout.providerRef?.id ? await client.find(payout.providerRef.id) : await findByReference(payout);
        if (earlier) return withdrawalOutcome(earlier);
      }
      const [month, year] = card.expiry?.split('/') ?? [];
      const payee = customer ? customerOf(customer) : null;
      const paytechCard: PaytechCard = {
        cardNumber: card.cardNumber,
        ...(card.holder ? { cardholderName: card.holder } : {}),
        ...(month && year ? { expiryMonth: month, expiryYear: `20${year}` } : {}),
      };
      const created = await client.create({
        referenceId: payout.id,
        paymentType: 'WITHDRAWAL',
        paymentMethod: 'BASIC_CARD',
        amount: toMajorUnits(payout.amount, payout.currency),
        currency: payout.currency,
        ...(payout.description ? { description: payout.description } : {}),
        card: paytechCard,
        ...(payee ? { customer: payee } : {}),
      });
      await remember({ id: created.id });
      return withdrawalOutcome(await client.find(created.id));
    },

    async read(payout) {
      const found = payout.providerRef?.id ? await client.find(payout.providerRef.id) : await findByReference(payout);
      return found ? withdrawalOutcome(found) : null;
    },

    async balances() {
      const available: Record<string, number> = {};
      for (const { currency, amount } of await client.balances()) {
        // Currencies pay-checkout does not know (a cryptocurrency) have no minor units here: left out.
        if (!isSupportedCurrency(currency)) continue;
        available[currency] = fromMajorUnits(amount, currency);
      }
      return available;
    },
  };
}

/** COMPLETED paid, DECLINED and CANCELLED did not; the others are still on their way. */
function withdrawalOutcome(payment: PaytechPayment): PayoutOutcome {
  if (!isPaytechState(payment.state)) throw new ProviderError(`unknown pay.tech state ${payment.state}`, 'unavailable');
  const currency = payment.customerCurrency ?? payment.currency ?? undefined;
  const major = payment.customerAmount ?? payment.amount;
  let amount = Number.NaN;
  if (typeof major === 'number' && currency && isSupportedCurrency(currency)) {
    try {
      amount = fromMajorUnits(major, currency);
    } catch {
      // An amount finer than the currency never matches the payout.
    }
  }
  const base = { providerState: payment.state, amount, currency };
  if (payment.state === 'COMPLETED') return { ...base, state: 'succeeded', failure: null };
  if (payment.state === 'DECLINED' || payment.state === 'CANCELLED') {
    const failure = paytechFailure(payment.state, payment.errorCode, payment.errorMessage);
    return {
      ...base,
      state: 'failed',
      failure: { code: failure?.code ?? 'payment_declined', message: failure?.reason ?? payment.errorMessage ?? `pay.tech reports the withdrawal as ${payment.state}` },
    };
  }
  return { ...base, state: 'pending', failure: null };
}
