// A small client for the PITECH internet acquiring API (pitech-internet-acquiring-api.txt).
// Basic auth with appId:secretId; amounts are floats in major units.
import { z } from 'zod';
import { basicAuth, ProviderError, requestJson } from '../http.js';

/** Section 3.1 request. */
export interface PitechChargeRequest {
  amount: number;
  currency: string;
  description: string;
  extOrdersId: string;
  errorReturnUrl: string;
  successReturnUrl: string;
  callbackSuccessUrl?: string;
  callbackErrorUrl?: string;
  extClientRef?: string;
  extOrdersTime?: string;
  email?: string;
  template?: string;
}

/** Section 3.4.1: two-phase payments take the body of 3.1; the order then waits at AUTH_OK for a commit. */
export type PitechAuthRequest = PitechChargeRequest;

/** Sections 3.3 and 3.4.2: the body of 3.1 plus the saved card and the customer it was saved for. */
export interface PitechTokenRequest extends PitechChargeRequest {
  cardsId: string;
  extClientRef: string;
}

export interface PitechOrderRef {
  ordersId: string;
  uuid: string;
  orderDate: string;
}

/** Section 3.4.3: charges all or part of the held amount, in major units. */
export interface PitechCommitRequest extends PitechOrderRef {
  commitAmount: number;
}

/** Section 3.6: major units as a string, as the document's example sends it ("200"). */
export interface PitechRefundRequest extends PitechOrderRef {
  refundAmount: string;
}

/** An amount PITECH may add to an answer without the document printing it; unreadable counts as absent. */
const OptionalAmount = z.union([z.number(), z.string()]).optional().catch(undefined);

/** Section 3.1 response, also returned by the status read (3.2). Unknown fields are kept, not refused. */
export const PitechPayment = z.looseObject({
  extOrdersId: z.string().optional(),
  amount: z.number(),
  uuid: z.string().min(1),
  orderDate: z.string().min(1),
  ordersId: z.string().min(1),
  currency: z.string(),
  state: z.string(),
  paymentUrl: z.string().optional(),
  message: z.string().optional(),
  paymentResponseCode: z.string().optional(),
  /** What a commit charged and the sum refunded so far, where the answer reports them. */
  commitAmount: OptionalAmount,
  refundAmount: OptionalAmount,
});
export type PitechPayment = z.infer<typeof PitechPayment>;

/** One card of section 4.2's list. `expiry` is not in the document: kept only if PITECH sends it as MM/YY. */
export const PitechSavedCard = z.looseObject({
  cardsId: z.string().min(1),
  maskedPan: z.string().min(1),
  holderName: z.string().nullish(),
  issuer: z.string().nullish(),
  state: z.string(),
  confirmed: z.boolean(),
  expiry: z.string().regex(/^\d{2}\/\d{2}$/).optional().catch(undefined),
});
export type PitechSavedCard = z.infer<typeof PitechSavedCard>;

export class PitechClient {
  constructor(
    private readonly settings: { baseUrl: string; appId: string; secretId: string; timeoutMs: number },
  ) {}

  charge(request: PitechChargeRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/cards/charge', request);
  }

  auth(request: PitechAuthRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/cards/auth', request);
  }

  /** Section 3.3: charges a saved card; PITECH may answer the outcome at once. */
  tokenCharge(request: PitechTokenRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/tokens/charge', request);
  }

  /** Section 3.4.2: holds the amount on a saved card, to be committed later. */
  tokenAuth(request: PitechTokenRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/tokens/auth', request);
  }

  /** Section 4.2: the customer's cards in every state; cards PITECH answers unreadably are left out. */
  async cards(extClientRef: string): Promise<PitechSavedCard[]> {
    const raw = await this.send('GET', `/gw/cards?${new URLSearchParams({ extClientRef })}`);
    if (!Array.isArray(raw)) throw new ProviderError('PITECH answered the card list with an unexpected body', 'unavailable');
    return raw.flatMap((card) => {
      const parsed = PitechSavedCard.safeParse(card);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Section 4.3: answers no body. */
  async deleteCard(cardsId: string): Promise<void> {
    await this.send('DELETE', `/gw/cards?${new URLSearchParams({ cardsId })}`);
  }

  commit(request: PitechCommitRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/commit', { commitAmount: request.commitAmount, ...orderRef(request) });
  }

  /** Section 3.5: releases a held order or returns a charged one before settlement; always the whole amount. */
  reverse(ref: PitechOrderRef): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/reverse', orderRef(ref));
  }

  refund(request: PitechRefundRequest): Promise<PitechPayment> {
    return this.call('POST', '/gw/payments/refund', { refundAmount: request.refundAmount, ...orderRef(request) });
  }

  status(ref: PitechOrderRef): Promise<PitechPayment> {
    const query = new URLSearchParams({ ordersId: ref.ordersId, uuid: ref.uuid, orderDate: ref.orderDate });
    return this.call('GET', `/gw/payments?${query}`);
  }

  /** A call answered with an order (sections 3.x). */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<PitechPayment> {
    const parsed = PitechPayment.safeParse(await this.send(method, path, body));
    if (!parsed.success) throw new ProviderError('PITECH answered with an unexpected body', 'unavailable');
    return parsed.data;
  }

  /** Any call with the merchant's credentials; the answer is the caller's to read. */
  send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return requestJson({
      method,
      url: `${this.settings.baseUrl.replace(/\/+$/, '')}${path}`,
      headers: { authorization: basicAuth(this.settings.appId, this.settings.secretId) },
      body,
      timeoutMs: this.settings.timeoutMs,
    });
  }
}

/** Only the identifying triple, whatever else the caller's object carries. */
function orderRef(ref: PitechOrderRef): PitechOrderRef {
  return { ordersId: ref.ordersId, uuid: ref.uuid, orderDate: ref.orderDate };
}
