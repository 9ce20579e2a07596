// Funds available for withdrawal, per currency, in major units ("Get withdrawal balances"). Seeded
// when the simulator is made; completed withdrawals take from them, and a withdrawal larger than
// what is left is declined (1.10 Insufficient Balance).

/** What a shop starts with unless told otherwise: enough for any test withdrawal (at most 10000 each). */
export const DEFAULT_WITHDRAWAL_BALANCES: Readonly<Record<string, number>> = {
  USD: 100_000, EUR: 100_000, GBP: 100_000, KZT: 100_000, AZN: 100_000, RUB: 100_000,
  UZS: 100_000, KGS: 100_000, TRY: 100_000, GEL: 100_000, AED: 100_000,
};

export interface Balances {
  /** 0 for a currency the shop holds nothing in. */
  available(currency: string): number;
  all(): Record<string, number>;
  /** Takes a completed withdrawal's amount. */
  take(currency: string, amount: number): void;
  /** Sets what is available in a currency (test control). */
  set(currency: string, amount: number): void;
  /** Back to the seed. */
  reset(): void;
}

/** Amounts are decimals; keep them free of float noise. */
const round = (value: number) => Math.round(value * 1e8) / 1e8;

export function createBalances(seed: Readonly<Record<string, number>> = DEFAULT_WITHDRAWAL_BALANCES): Balances {
  let funds = new Map(Object.entries(seed));
  return {
    available: (currency) => funds.get(currency) ?? 0,
    all: () => Object.fromEntries(funds),
    take: (currency, amount) => {
      funds.set(currency, round((funds.get(currency) ?? 0) - amount));
    },
    set: (currency, amount) => {
      funds.set(currency, round(amount));
    },
    reset: () => {
      funds = new Map(Object.entries(seed));
    },
  };
}
