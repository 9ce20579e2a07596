// PITECH keeps the customer's cards under the merchant's customer id (extClientRef): section 4.2
// lists them, 4.3 deletes one. Only cards PITECH can charge are offered.
import { ProviderError } from '../http.js';
import type { ProviderAdapter, ProviderCard } from '../types.js';
import type { PitechClient, PitechSavedCard } from './client.js';

export type PitechSavedCards = NonNullable<ProviderAdapter['savedCards']>;

export function pitechSavedCards(client: PitechClient): PitechSavedCards {
  return {
    // PITECH's document saves a card only through its own cards/save page (4.1), never on a charge.
    saveOnHandoff: false,

    async list(customerId: string): Promise<ProviderCard[]> {
      // INACTIVE and DELETED cards, and cards not yet confirmed, cannot be charged.
      const cards = await client.cards(customerId);
      return cards.filter((card) => card.state === 'ACTIVE' && card.confirmed).map(providerCard);
    },

    // The delete takes the card id alone; the service has already checked the card is this customer's.
    async remove(_customerId: string, providerCardId: string): Promise<void> {
      try {
        await client.deleteCard(providerCardId);
      } catch (error) {
        // A card PITECH no longer has is as removed as the shopper wants it.
        if (error instanceof ProviderError && error.status === 404) return;
        throw error;
      }
    },
  };
}

function providerCard(card: PitechSavedCard): ProviderCard {
  return {
    providerCardId: card.cardsId,
    maskedPan: card.maskedPan,
    brand: (card.issuer ?? '').trim().toLowerCase(),
    holder: card.holderName?.trim() || null,
    expiry: card.expiry ?? null,
  };
}
