// Paying with a saved card (sections 3.3 and 3.4.2): tokens/charge, or tokens/auth when the payment
// is only held. PITECH may settle the order in its answer, so the shopper sees no page; when it
// still needs them (a CVC, 3-D Secure), the answer carries its page as a card charge does.
import { ProviderError } from '../http.js';
import type { CreatedPayment } from '../types.js';
import type { PaymentRecord } from '../../store/types.js';
import type { PitechChargeRequest, PitechClient } from './client.js';
import { pitechStatus } from './status.js';

export interface TokenPayment {
  /** The order fields of a card charge. */
  order: PitechChargeRequest;
  cardsId: string;
  /** The customer the card was saved for (extClientRef). */
  customerId: string;
  twoPhase: boolean;
  payment: PaymentRecord;
}

export async function payWithSavedCard(client: PitechClient, { order, cardsId, customerId, twoPhase, payment }: TokenPayment): Promise<CreatedPayment> {
  const request = { ...order, cardsId, extClientRef: customerId };
  const answer = await (twoPhase ? client.tokenAuth(request) : client.tokenCharge(request));
  const status = pitechStatus(answer, payment);
  // NEW, IN_3DS, WAIT_CVC: the shopper finishes on PITECH's page.
  const redirectUrl = status.state === 'requires_action' ? (answer.paymentUrl ?? null) : null;
  if (status.state === 'requires_action' && !redirectUrl) throw new ProviderError('PITECH returned no paymentUrl', 'unavailable');
  // Money moved for another sum than the session's: leave it to the status read, which refuses it.
  const moneyMoved = status.state === 'succeeded' || status.state === 'authorized';
  const sumDiffers = status.amount !== payment.amount || status.currency !== payment.currency;
  return {
    providerOrderId: answer.ordersId,
    providerRef: { ordersId: answer.ordersId, uuid: answer.uuid, orderDate: answer.orderDate },
    providerState: status.providerState,
    state: moneyMoved && sumDiffers ? 'processing' : status.state,
    redirectUrl,
    failure: status.failure,
  };
}
