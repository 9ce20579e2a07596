// A small client for the Kapital Bank e-commerce API (kapitalbank-ecommerce-api.postman.json):
// Basic auth on every call, JSON bodies wrapped in { order } / { tran }, amounts as decimal strings
// in requests and numbers in major units in answers. Errors come as { errorCode, errorDescription }.
import { z } from 'zod';
import { answerJson, basicAuth, ProviderError, sendRequest } from '../http.js';
import { isKapitalErrorBody, kapitalError } from './errors.js';
import { isApprovedPmoCode } from './pmo-codes.js';

/** Purchase, preauthorization, and their saved-card twins: Order_REC (purchase) and DMSN3D (preauthorization). */
export type KapitalOrderType = 'Order_SMS' | 'Order_DMS' | 'Order_REC' | 'DMSN3D';

/** Create Order request (Purchase / Prepurchase / Installment / Recurring). */
export interface KapitalOrderRequest {
  typeRid: KapitalOrderType;
  amount: string;
  currency: string;
  language: string;
  description: string;
  /** Hosted-page orders only; the Recurring example has none. */
  hppRedirectUrl?: string;
  /** Asks the hosted page to keep the card (card on file). */
  hppCofCapturePurposes?: string[];
}

/** Execution Transaction request: a payment with a saved card (conditions), clearing, reversal (voidKind) or refund (type). */
export interface KapitalTranRequest {
  phase: 'Single' | 'Auth' | 'Clearing';
  amount?: string;
  /** Refund, or Credit: the payout of an Order Credit Transaction. */
  type?: 'Refund' | 'Credit';
  voidKind?: 'Full' | 'Partial';
  authorizationKind?: 'Preliminary';
  conditions?: { cofUsage: string };
}

const Id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
const Amount = z.union([z.number(), z.string()]);

export const KapitalCreatedOrder = z.object({
  order: z.looseObject({ id: Id, hppUrl: z.url({ protocol: /^https?$/ }), password: z.string().min(1), status: z.string().min(1) }),
});
export type KapitalCreatedOrder = z.infer<typeof KapitalCreatedOrder>['order'];

export const KapitalTran = z.looseObject({
  amount: Amount.optional(),
  isReversal: z.boolean().optional(),
  phase: z.string().optional(),
  type: z.string().optional(),
  pmoResultCode: z.union([z.string(), z.number()]).optional(),
  description: z.string().optional(),
});
export type KapitalTran = z.infer<typeof KapitalTran>;

/** The source token of a detailed status: the card the order was paid with. */
export const KapitalSrcToken = z.looseObject({
  id: Id.optional(),
  displayName: z.string().optional(),
  card: z.looseObject({ expiration: z.string().optional(), brand: z.string().optional() }).optional(),
});

/** Cards the order kept on file ("With COF data"): the bank's own token, or one of an external provider (cofProviderRid). */
const KapitalStoredToken = z.looseObject({ id: Id, cofProviderRid: z.string().optional() });

/** Get Order Status (simple or detailed); unknown fields are kept, not refused. */
export const KapitalOrderStatus = z.object({
  order: z.looseObject({
    id: Id,
    status: z.string().min(1),
    typeRid: z.string().optional(),
    type: z.looseObject({ rid: z.string().optional() }).optional(),
    amount: Amount,
    currency: z.string(),
    authorizedChargeAmount: Amount.optional(),
    clearedChargeAmount: Amount.optional(),
    clearedRefundAmount: Amount.optional(),
    trans: z.array(KapitalTran).optional(),
    srcToken: KapitalSrcToken.optional(),
    storedTokens: z.array(KapitalStoredToken).optional(),
  }),
});
export type KapitalOrderStatus = z.infer<typeof KapitalOrderStatus>['order'];

/** Create Order / Order Credit Transaction (typeRid OCT): a payout, with no hosted page. */
export interface KapitalCreditOrderRequest {
  typeRid: 'OCT';
  amount: string;
  currency: string;
  language: string;
  title: string;
  description: string;
}

/** A credit order needs no page, so its answer is not required to carry hppUrl. */
const KapitalCreatedCreditOrder = z.object({
  order: z.looseObject({ id: Id, password: z.string().min(1), status: z.string().min(1) }),
});
export type KapitalCreatedCreditOrder = z.infer<typeof KapitalCreatedCreditOrder>['order'];

/** Set Destination Token / PAN: the card the credit goes to. */
export interface KapitalDstToken {
  card: { panBlock: { data: string }; entryMode: 'ECommerce' };
}

const ExecTranResponse = z.object({
  tran: z.looseObject({ approvalCode: z.string().optional(), pmoResultCode: z.union([z.string(), z.number()]).optional() }),
});

/** The detail levels of the collection's "Detailed" status request: amounts, transactions and card. */
const DETAILED = 'tranDetailLevel=2&tokenDetailLevel=2&orderDetailLevel=2';

export class KapitalClient {
  constructor(private readonly settings: { baseUrl: string; username: string; password: string; timeoutMs: number }) {}

  async createOrder(order: KapitalOrderRequest): Promise<KapitalCreatedOrder> {
    // The collection posts to /api/order/ with the trailing slash.
    return parse(KapitalCreatedOrder, await this.send('POST', '/api/order/', { order })).order;
  }

  async status(orderId: string): Promise<KapitalOrderStatus> {
    return parse(KapitalOrderStatus, await this.send('GET', `/api/order/${encodeURIComponent(orderId)}?${DETAILED}`)).order;
  }

  /**
   * Set Source Token ("Standart token"): the saved card becomes the order's source. Sent with
   * initiationEnvKind Server, the collection's kind for recurring payments (no CVV2, no 3-D Secure).
   */
  async setSrcToken(orderId: string, orderPassword: string, storedId: string): Promise<void> {
    const path = `/api/order/${encodeURIComponent(orderId)}/set-src-token?password=${encodeURIComponent(orderPassword)}`;
    // The collection sends storedId as a number; ours are digits by construction (saved-card.ts).
    await this.send('POST', path, { order: { initiationEnvKind: 'Server' }, token: { storedId: Number(storedId) } });
  }

  async createCreditOrder(order: KapitalCreditOrderRequest): Promise<KapitalCreatedCreditOrder> {
    return parse(KapitalCreatedCreditOrder, await this.send('POST', '/api/order/', { order })).order;
  }

  /** Set Destination Token (PAN): the collection documents no answer body, so none is read. */
  async setDstToken(orderId: string, orderPassword: string, token: KapitalDstToken): Promise<void> {
    await this.send('POST', `/api/order/${encodeURIComponent(orderId)}/set-dst-token?password=${encodeURIComponent(orderPassword)}`, { token });
  }

  /** `orderPassword`: the saved-card executions carry ?password= as the collection shows. */
  async execTran(orderId: string, tran: KapitalTranRequest, orderPassword?: string): Promise<void> {
    const query = orderPassword === undefined ? '' : `?password=${encodeURIComponent(orderPassword)}`;
    const { tran: result } = parse(ExecTranResponse, await this.send('POST', `/api/order/${encodeURIComponent(orderId)}/exec-tran${query}`, { tran }));
    // A declined operation may come back as a transaction with a non-approving PMO code.
    if (result.pmoResultCode !== undefined && !isApprovedPmoCode(String(result.pmoResultCode))) {
      throw kapitalError({ errorCode: 'PmoDecline', errorDetails: { pmoResultCode: result.pmoResultCode } }, 200);
    }
  }

  /** Like requestJson, but reads the bank's error body on any status. */
  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const answer = await sendRequest(
      {
        method,
        url: `${this.settings.baseUrl.replace(/\/+$/, '')}${path}`,
        headers: { authorization: basicAuth(this.settings.username, this.settings.password) },
        body,
        timeoutMs: this.settings.timeoutMs,
      },
      'Kapital Bank',
    );
    const json = answerJson(answer, 'Kapital Bank');
    if (answer.status >= 500) {
      // Whatever the body says, the outcome of a 5xx is unknown.
      const error = isKapitalErrorBody(json) ? kapitalError(json, answer.status) : null;
      throw new ProviderError(`Kapital Bank answered ${answer.status}`, 'unavailable', answer.status, error?.providerMessage ?? null);
    }
    // The collection gives no HTTP status for errors: an error body is an error whatever the status.
    if (isKapitalErrorBody(json)) throw kapitalError(json, answer.status);
    if (answer.status < 200 || answer.status > 299) throw new ProviderError(`Kapital Bank refused with ${answer.status}`, 'rejected', answer.status);
    return json;
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ProviderError('Kapital Bank answered with an unexpected body', 'unavailable');
  return parsed.data;
}
