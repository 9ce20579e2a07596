// Saved cards: what the element may offer a returning customer, and the checks before one is used
// or removed. The provider keeps the card; we keep our own id for it, so its token never reaches
// the browser, and a card is only ever shown to, used for or removed by the customer it belongs to.
import type { SavedCard } from '@pay-checkout/protocol';
import { ApiError } from '../http/errors.js';
import { randomId } from '../http/secrets.js';
import { ProviderError } from '../providers/http.js';
import type { ProviderAdapter, ProviderCard } from '../providers/types.js';
import type { SavedCardRecord, SessionRecord } from '../store/types.js';
import type { CheckoutService } from './service.js';

export function savedCardView(card: SavedCardRecord): SavedCard {
  const digits = card.maskedPan.replace(/\D/g, '');
  return {
    id: card.id,
    provider: card.provider,
    brand: card.brand || 'card',
    maskedPan: card.maskedPan,
    last4: digits.slice(-4).padStart(4, '0'),
    holder: card.holder,
    expiry: card.expiry,
  };
}

/** The provider that serves cards for the session, when it keeps cards. */
function cardProvider(service: CheckoutService, session: SessionRecord): ProviderAdapter | null {
  if (!session.customer.id || !session.methods.includes('card')) return null;
  const adapter = service.providerFor('card', session.currency);
  return adapter?.savedCards ? adapter : null;
}

export function canSaveCard(service: CheckoutService, session: SessionRecord): boolean {
  return cardProvider(service, session)?.savedCards?.saveOnHandoff ?? false;
}

/**
 * The customer's cards. Where the provider lists them (PITECH), its list is the truth: new ones are
 * kept under a new id of ours, ones it no longer has are dropped. If it cannot be reached, what we
 * kept is shown.
 */
export async function savedCardsFor(service: CheckoutService, session: SessionRecord): Promise<SavedCardRecord[]> {
  const adapter = cardProvider(service, session);
  const customerId = session.customer.id;
  if (!adapter || !customerId) return [];
  const kept = await service.store.listSavedCards(customerId, adapter.id);
  if (!adapter.savedCards?.list) return kept;
  let listed: ProviderCard[];
  try {
    listed = await adapter.savedCards.list(customerId);
  } catch (error) {
    service.logger.warn('saved_cards.unavailable', { provider: adapter.id, message: (error as Error).message });
    return kept;
  }
  const present = new Set(listed.map((card) => card.providerCardId));
  for (const gone of kept.filter((card) => !present.has(card.providerCardId))) await service.store.deleteSavedCard(gone.id);
  const cards: SavedCardRecord[] = [];
  for (const card of listed) cards.push(await keepCard(service, customerId, adapter.id, card));
  return cards;
}

export function keepCard(service: CheckoutService, customerId: string, provider: SavedCardRecord['provider'], card: ProviderCard): Promise<SavedCardRecord> {
  return service.store.upsertSavedCard({ id: randomId('card', 12), customerId, provider, ...card, createdAt: service.now().toISOString() });
}

/** The session customer's card with this id; any other card (another customer's, another provider's) is not found. */
export async function cardOfSession(service: CheckoutService, session: SessionRecord, cardId: string): Promise<{ card: SavedCardRecord; adapter: ProviderAdapter }> {
  const adapter = cardProvider(service, session);
  const card = await service.store.getSavedCard(cardId);
  if (!adapter || !card || card.customerId !== session.customer.id || card.provider !== adapter.id) {
    throw new ApiError(404, 'saved_card_not_found', 'No such saved card for this customer');
  }
  return { card, adapter };
}

export async function removeSavedCard(service: CheckoutService, session: SessionRecord, cardId: string): Promise<void> {
  const { card, adapter } = await cardOfSession(service, session, cardId);
  try {
    await adapter.savedCards?.remove?.(card.customerId, card.providerCardId);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw error.kind === 'rejected'
      ? new ApiError(502, 'provider_error', 'The provider refused to remove the card')
      : new ApiError(503, 'provider_unavailable', 'The provider is not reachable; the card was not removed, try again');
  }
  await service.store.deleteSavedCard(card.id);
  service.logger.info('saved_card.removed', { cardId: card.id, provider: card.provider });
}
