// A payout as the merchant sees it, and text from providers made safe to store, log and answer.
import type { Payout } from '@pay-checkout/protocol';
import type { PayoutRecord } from '../store/types.js';

export function payoutView(record: PayoutRecord): Payout {
  return {
    id: record.id,
    provider: record.provider,
    amount: { value: record.amount, currency: record.currency },
    state: record.state,
    reference: record.reference,
    description: record.description,
    destination: { type: 'card', maskedCardNumber: record.destinationMasked },
    failure: record.failure,
    actor: record.actor,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** Any run of 13 to 19 digits masked as a card number: a provider's message may echo the card. */
export function redactCardNumbers(text: string): string {
  return text.replace(/\d{13,19}/g, (digits) => `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`);
}
