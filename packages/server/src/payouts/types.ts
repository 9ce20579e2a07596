// What a provider does for payouts, beside its payment adapter: send a payout to a card, read it
// back, and (where the provider has one) say what can be paid out. Money is converted at this edge.
import type { Customer, PayoutCard, PayoutProvider } from '@pay-checkout/protocol';
import type { PayoutRecord } from '../store/types.js';

export interface PayoutInput {
  payout: PayoutRecord;
  /** The full card, held in memory for this call only. */
  card: PayoutCard;
  customer?: Customer | undefined;
  /**
   * An earlier attempt's fate is unknown: the provider's record is read first, and the payout is
   * sent only if it shows the money did not move.
   */
  repeat: boolean;
}

/** What the provider says of a payout. */
export interface PayoutOutcome {
  state: 'pending' | 'succeeded' | 'failed';
  providerState: string;
  failure: { code: string; message: string } | null;
  /** What the provider says it paid, minor units; checked against the payout. */
  amount?: number | undefined;
  currency?: string | undefined;
}

export interface PayoutAdapter {
  readonly provider: PayoutProvider;
  readonly displayName: string;
  readonly currencies: readonly string[];
  /**
   * Sends the payout and answers the provider's outcome; declines and refusals are outcomes, only
   * a lost answer throws (ProviderError 'unavailable'). `remember` keeps the provider's reference as
   * soon as there is one, so a lost answer after it can be settled by reading the provider.
   */
  send(input: PayoutInput, remember: (ref: Record<string, string>) => Promise<void>): Promise<PayoutOutcome>;
  /** The provider's record, without sending anything; null when it shows no payout was made (yet). */
  read(payout: PayoutRecord): Promise<PayoutOutcome | null>;
  /** Funds available for payouts per currency, minor units. */
  balances?(): Promise<Record<string, number>>;
}
