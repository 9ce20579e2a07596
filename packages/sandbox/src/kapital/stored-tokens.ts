import { COF_PURPOSES, type KapitalCard, type KapitalOrderRequest } from './types.js';

// Cards the bank keeps on file, by stored token id (the `storedId` of Set Source Token). They
// outlive the order that saved them: a later Order_REC or DMSN3D order charges them by that id.

/**
 * Whether a Create Order asked the page to keep the card: all three purposes ("Use all 3 data when
 * saving"). The "Detailed" example, with UnspecifiedMit alone, shows no stored token.
 */
export function asksToKeepCard(request: KapitalOrderRequest): boolean {
  const purposes = request.hppCofCapturePurposes ?? [];
  return COF_PURPOSES.every((p) => purposes.includes(p));
}

export interface StoredTokens {
  /** Keeps the card under a new stored token id. */
  keep(card: KapitalCard): number;
  get(storedId: number): KapitalCard | undefined;
  reset(): void;
}

export function createStoredTokens(nextTokenId: () => number): StoredTokens {
  const cards = new Map<number, KapitalCard>();
  return {
    keep(card) {
      const id = nextTokenId();
      cards.set(id, { ...card });
      return id;
    },
    get: (storedId) => cards.get(storedId),
    reset: () => cards.clear(),
  };
}
