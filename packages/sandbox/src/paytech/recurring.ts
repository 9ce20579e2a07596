import { randomBytes } from 'node:crypto';
import { brandOf, maskPan } from './card-form.js';
import { errorOf, type SimErrorCode } from './error-codes.js';
import type { PaymentStore } from './payments.js';
import { findPaytechTestCard } from './test-cards.js';
import type { PaytechCardDetails, PaytechPayment } from './types.js';

// Recurring chains: a DEPOSIT with startRecurring that the shopper pays on the checkout page gets a
// recurringToken; a later DEPOSIT naming that token charges the same card at once, with no page and
// no 3-D Secure (nobody is there to answer it). The document says no more than that; how the card
// answers is its test card's outcome, as on the page.

interface RecurringCard {
  card: PaytechCardDetails;
  outcome: 'success' | 'declined';
  errorCode?: SimErrorCode;
  externalResultCode?: string;
}

export interface RecurringTokens {
  /** A token for a deposit that started a chain and was just authorized; null when it started none. */
  issueFor(payment: PaytechPayment): string | null;
  /** Test control: a token for a card kept as if an earlier payment had started the chain. */
  keep(card: { number: string; cardholderName?: string; expiry?: string }): string;
  find(token: string): RecurringCard | undefined;
  reset(): void;
}

export function createRecurringTokens(): RecurringTokens {
  const tokens = new Map<string, RecurringCard>();
  const add = (card: RecurringCard) => {
    let token: string;
    do token = randomBytes(16).toString('hex');
    while (tokens.has(token));
    tokens.set(token, card);
    return token;
  };
  return {
    issueFor(payment) {
      if (payment.paymentType !== 'DEPOSIT' || payment.request.startRecurring !== true || !payment.card) return null;
      // Only a card that went through is kept, so it goes through again.
      return add({ card: { ...payment.card }, outcome: 'success' });
    },
    keep({ number, cardholderName = 'CARD HOLDER', expiry = '12/39' }) {
      const pan = number.replace(/[\s-]/g, '');
      const exp = /^(0[1-9]|1[0-2])\/(\d{2})$/.exec(expiry);
      if (!/^\d{12,19}$/.test(pan) || !exp) throw new Error('keep needs a card number and an MM/YY expiry');
      const test = findPaytechTestCard(pan);
      const card = { customerAccountNumber: maskPan(pan), cardholderName, cardExpiryMonth: exp[1]!, cardExpiryYear: `20${exp[2]}`, cardBrand: brandOf(pan) };
      // A number that is no test card declines (3.07), as on the page.
      if (!test) return add({ card, outcome: 'declined', errorCode: '3.07' });
      if (test.outcome === 'success') return add({ card, outcome: 'success' });
      return add({ card, outcome: 'declined', errorCode: test.errorCode, externalResultCode: test.externalResultCode });
    },
    find: (token) => tokens.get(token),
    reset: () => tokens.clear(),
  };
}

/**
 * A DEPOSIT continuing a chain: final at once. An unknown token declines it with 1.06 ("Recurring
 * Token not Found"), the document's error code for exactly this, in the Payment's errorCode and
 * errorMessage like every other decline.
 */
export function chargeRecurring(store: PaymentStore, payment: PaytechPayment, tokens: RecurringTokens): void {
  const kept = tokens.find(payment.request.recurringToken ?? '');
  if (!kept) {
    store.transition(payment, 'DEPOSIT', 'DECLINED', errorOf('1.06'));
    return;
  }
  payment.card = { ...kept.card };
  if (kept.outcome === 'declined') {
    if (kept.externalResultCode) payment.externalResultCode = kept.externalResultCode;
    store.transition(payment, 'DEPOSIT', 'DECLINED', errorOf(kept.errorCode ?? '4.00'));
    return;
  }
  payment.externalResultCode = '00';
  store.transition(payment, 'DEPOSIT', payment.request.preAuth ? 'AUTHORIZED' : 'COMPLETED');
}
