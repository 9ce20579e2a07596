// A payment with a saved card, without the hosted page: the collection's "Recurrent payment flow"
// (Create Order Order_REC, Set Source Token with the storedId, Execution Transaction "Purchase with
// saved card") or its preauthorization twin (DMSN3D, "Preauthorization with saved card"). The bank
// answers at once; the order is then read back, as after the hosted page, for the state to record.
import type { PaymentRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { CreatedPayment, ProviderCard, ProviderStatus } from '../types.js';
import type { KapitalClient, KapitalOrderType, KapitalTranRequest } from './client.js';
import { KapitalError } from './errors.js';
import { STORED_ID } from './saved-card.js';
import { kapitalStatus, normalizeKapitalOrder } from './states.js';

/**
 * conditions.cofUsage of both documented executions. The shopper is present, but the collection
 * documents only this usage, with initiationEnvKind Server: the flow without CVV2 or 3-D Secure.
 */
const COF_USAGE = 'UnspecifiedMit';

export interface SavedCardOrder {
  amount: string;
  currency: string;
  language: string;
  description: string;
  /** A preauthorization (DMSN3D) instead of a purchase (Order_REC). */
  manual: boolean;
}

export async function payWithSavedCard(client: KapitalClient, order: SavedCardOrder, card: ProviderCard, payment: PaymentRecord): Promise<CreatedPayment> {
  if (!STORED_ID.test(card.providerCardId)) throw new ProviderError('the saved card is not a Kapital Bank stored token', 'rejected');
  const { manual, ...fields } = order;
  const typeRid: KapitalOrderType = manual ? 'DMSN3D' : 'Order_REC';
  const created = await client.createOrder({ typeRid, ...fields });
  if (!kapitalStatus(created.status)) throw new ProviderError(`unknown Kapital Bank status ${created.status}`, 'unavailable');
  const id = String(created.id);

  try {
    await client.setSrcToken(id, created.password, card.providerCardId);
  } catch (error) {
    // The bank's words may name the token; the reason the shopper and merchant see does not.
    if (error instanceof ProviderError && error.kind === 'rejected') {
      throw new ProviderError(`Kapital Bank refused the saved card (${error.message})`, 'rejected', error.status, 'The saved card is no longer available');
    }
    throw error;
  }

  const tran: KapitalTranRequest = manual
    ? { phase: 'Auth', authorizationKind: 'Preliminary', amount: order.amount, conditions: { cofUsage: COF_USAGE } }
    : { phase: 'Single', amount: order.amount, conditions: { cofUsage: COF_USAGE } };
  let declined: KapitalError | null = null;
  try {
    await client.execTran(id, tran, created.password);
  } catch (error) {
    if (error instanceof KapitalError && error.errorCode === 'PmoDecline') declined = error;
    // No usable answer: the card may have been charged, so the order is read, never assumed failed.
    else if (!(error instanceof ProviderError && error.kind === 'unavailable')) throw error;
  }

  const base = { providerOrderId: id, providerRef: { id, password: created.password, typeRid }, redirectUrl: null };
  let status: ProviderStatus;
  try {
    status = normalizeKapitalOrder(await client.status(id));
  } catch (error) {
    if (declined) throw declined;
    if (!(error instanceof ProviderError) || error.kind !== 'unavailable') throw error;
    // Charged, or perhaps charged: the payment is read again until the bank tells.
    return { ...base, providerState: created.status, state: 'processing' };
  }
  if (status.state === 'failed') {
    // A decline is the payment's answer, with the bank's reason (its PMO code's title), as on the hosted page.
    const failure = status.failure ?? { code: declined?.failure ?? 'card_declined', reason: declined?.providerMessage ?? null };
    return { ...base, providerState: status.providerState, state: 'failed', failure };
  }
  if (declined) throw declined;
  // Another amount than ours is never recorded here: the next status read checks it against the payment.
  const state = status.amount === payment.amount && status.currency === payment.currency ? status.state : 'processing';
  return { ...base, providerState: status.providerState, state };
}
