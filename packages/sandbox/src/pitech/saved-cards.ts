import { issuerOf, luhnValid } from './card-form.js';
import { maskPan, randomToken } from './format.js';
import { findTestCard, UNKNOWN_CARD_MESSAGE } from './test-cards.js';
import type { PitechCardState, PitechSavedCard, PitechSavedCardSeed } from './types.js';

// The customers' saved cards (section 4), keyed by the merchant's customer id (extClientRef). A
// deleted card is kept as DELETED, so a token charged later is refused, but never listed again.

export interface NewCard {
  extClientRef: string;
  pan: string;
  holderName: string;
  state?: Exclude<PitechCardState, 'DELETED'>;
  confirmed?: boolean;
}

export interface CardStore {
  save(card: NewCard): PitechSavedCard;
  get(cardsId: string): PitechSavedCard | undefined;
  /** The customer's cards as GET /gw/cards lists them: every state but DELETED, oldest first. */
  listed(extClientRef: string): PitechSavedCard[];
  remove(card: PitechSavedCard): void;
  all(): PitechSavedCard[];
  /** Forgets every card, then saves the seeded ones again under their first ids. */
  reset(): void;
}

export function createCardStore(
  now: () => number,
  clientsIdFor: (extClientRef: string) => number,
  seeds: readonly PitechSavedCardSeed[] = [],
): CardStore {
  const cards = new Map<string, PitechSavedCard>();

  function save(card: NewCard, cardsId = randomToken('card_')): PitechSavedCard {
    const test = findTestCard(card.pan);
    const t = now();
    const saved: PitechSavedCard = {
      cardsId,
      extClientRef: card.extClientRef,
      clientsId: clientsIdFor(card.extClientRef),
      maskedPan: maskPan(card.pan),
      holderName: card.holderName,
      issuer: test?.issuer ?? issuerOf(card.pan),
      state: card.state ?? 'ACTIVE',
      confirmed: card.confirmed ?? true,
      createdAt: t,
      updatedAt: t,
      outcome: test?.outcome ?? 'declined',
      message: test?.message ?? UNKNOWN_CARD_MESSAGE,
    };
    cards.set(cardsId, saved);
    return saved;
  }

  // Seeds are checked once, at creation: a wrong one is the caller's mistake, not a request's.
  const seeded = seeds.map((seed, index) => {
    const pan = seed.number.replace(/[\s-]/g, '');
    // The message names the seed, never its number.
    if (!/^\d{12,19}$/.test(pan) || !luhnValid(pan)) throw new Error(`savedCards[${index}].number is not a valid card number`);
    if (!seed.extClientRef.trim()) throw new Error(`savedCards[${index}].extClientRef is empty`);
    const card: NewCard = {
      extClientRef: seed.extClientRef,
      pan,
      holderName: seed.holderName ?? 'NAME NAME',
      ...(seed.state && { state: seed.state }),
      ...(seed.confirmed !== undefined && { confirmed: seed.confirmed }),
    };
    return { card, cardsId: randomToken('card_') };
  });
  const plant = () => seeded.forEach(({ card, cardsId }) => save(card, cardsId));
  plant();

  return {
    save: (card) => save(card),
    get: (cardsId) => cards.get(cardsId),
    listed: (ref) => [...cards.values()].filter((c) => c.extClientRef === ref && c.state !== 'DELETED'),
    remove(card) {
      card.state = 'DELETED';
      card.updatedAt = now();
    },
    all: () => [...cards.values()],
    reset() {
      cards.clear();
      plant();
    },
  };
}
