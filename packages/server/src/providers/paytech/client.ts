// A small client for pay.tech's gateway API (paytech-gateway-api.txt): Bearer auth with the shop
// API key, amounts in major units, answers wrapped as { timestamp, status, result }.
import { z } from 'zod';
import { ProviderError, requestJson } from '../http.js';
import { PAYTECH_PATHS, pathWithId } from './paths.js';

/** The Payment schema (webhook, Find payment, Create payment's result). Unknown fields are kept. */
export const PaytechPayment = z.looseObject({
  id: z.string().min(1),
  referenceId: z.string().nullish(),
  created: z.string().nullish(),
  paymentType: z.string().nullish(),
  state: z.string(),
  parentPaymentId: z.string().nullish(),
  paymentMethod: z.string().nullish(),
  amount: z.number().nullish(),
  currency: z.string().nullish(),
  /** Filled only when pay.tech converted: what the request asked for. */
  customerAmount: z.number().nullish(),
  customerCurrency: z.string().nullish(),
  redirectUrl: z.string().nullish(),
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  preAuth: z.boolean().nullish(),
  /** PaymentMethodDetails: the document collapses the object; read field by field (saved-card.ts). */
  paymentMethodDetails: z.record(z.string(), z.unknown()).nullish(),
  startRecurring: z.boolean().nullish(),
  recurringToken: z.string().nullish(),
});
export type PaytechPayment = z.infer<typeof PaytechPayment>;

/** An entry of Get operations (CREATE_PAYMENT, CHECKOUT, DEPOSIT, CAPTURE, VOID, ...). */
export const PaytechOperation = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  operation: z.string().nullish(),
  started: z.string().nullish(),
  completed: z.string().nullish(),
  paymentState: z.string().nullish(),
});
export type PaytechOperation = z.infer<typeof PaytechOperation>;

const PaymentAnswer = z.looseObject({ result: PaytechPayment });
const OperationsAnswer = z.looseObject({ result: z.array(PaytechOperation) });
const PaymentsAnswer = z.looseObject({ result: z.array(PaytechPayment), hasMore: z.boolean().nullish() });

export interface PaytechCustomer {
  referenceId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  locale?: string;
}

/**
 * The Card object of Create payment, for a WITHDRAWAL to a card. The gateway document names the
 * object but prints no fields; these are the names of pay.tech's public API reference.
 */
export interface PaytechCard {
  cardNumber: string;
  cardholderName?: string;
  expiryMonth?: string;
  expiryYear?: string;
}

/** An entry of Get withdrawal balances; the document collapses `result`, the field names are the reference's. */
export const PaytechBalance = z.looseObject({ currency: z.string().min(1), amount: z.number() });
export type PaytechBalance = z.infer<typeof PaytechBalance>;
const BalancesAnswer = z.looseObject({ result: z.array(PaytechBalance) });

/** The Create payment request fields the adapter sends. */
export interface PaytechPaymentRequest {
  referenceId?: string;
  paymentType: 'DEPOSIT' | 'WITHDRAWAL' | 'REFUND';
  paymentMethod?: string;
  amount?: number;
  currency: string;
  parentPaymentId?: string;
  description?: string;
  customer?: PaytechCustomer;
  card?: PaytechCard;
  returnUrl?: string;
  webhookUrl?: string;
  preAuth?: boolean;
  /** Start a recurring chain: the paid payment answers a recurringToken. */
  startRecurring?: boolean;
  /** Continue a chain: charge the card the token was issued for. */
  recurringToken?: string;
}

export interface PaytechClientSettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

export class PaytechClient {
  constructor(private readonly settings: PaytechClientSettings) {}

  create(request: PaytechPaymentRequest): Promise<PaytechPayment> {
    return this.payment(PAYTECH_PATHS.createPayment.method, PAYTECH_PATHS.createPayment.path, request);
  }

  find(id: string): Promise<PaytechPayment> {
    return this.payment(PAYTECH_PATHS.findPayment.method, pathWithId(PAYTECH_PATHS.findPayment.path, id));
  }

  /** No amount: the whole authorized amount. */
  capture(id: string, amount?: number): Promise<PaytechPayment> {
    return this.payment(PAYTECH_PATHS.capturePayment.method, pathWithId(PAYTECH_PATHS.capturePayment.path, id), amount === undefined ? {} : { amount });
  }

  void(id: string): Promise<PaytechPayment> {
    return this.payment(PAYTECH_PATHS.voidPayment.method, pathWithId(PAYTECH_PATHS.voidPayment.path, id));
  }

  /** Get payments with this referenceId (a deposit's refunds carry the deposit's). */
  async byReference(referenceId: string): Promise<PaytechPayment[]> {
    const query = new URLSearchParams({ 'referenceId.eq': referenceId, limit: '100' });
    const raw = await this.call(PAYTECH_PATHS.listPayments.method, `${PAYTECH_PATHS.listPayments.path}?${query}`);
    const parsed = PaymentsAnswer.safeParse(raw);
    if (!parsed.success) throw new ProviderError('pay.tech answered Get payments with an unexpected body', 'unavailable');
    return parsed.data.result;
  }

  async operations(id: string): Promise<PaytechOperation[]> {
    const raw = await this.call(PAYTECH_PATHS.paymentOperations.method, pathWithId(PAYTECH_PATHS.paymentOperations.path, id));
    const parsed = OperationsAnswer.safeParse(raw);
    if (!parsed.success) throw new ProviderError('pay.tech answered operations with an unexpected body', 'unavailable');
    return parsed.data.result;
  }

  /** Get withdrawal balances: funds available for withdrawal by currency, in major units. */
  async balances(): Promise<PaytechBalance[]> {
    const parsed = BalancesAnswer.safeParse(await this.call(PAYTECH_PATHS.balances.method, PAYTECH_PATHS.balances.path));
    if (!parsed.success) throw new ProviderError('pay.tech answered Get withdrawal balances with an unexpected body', 'unavailable');
    return parsed.data.result;
  }

  private async payment(method: 'GET' | 'POST', path: string, body?: unknown): Promise<PaytechPayment> {
    const parsed = PaymentAnswer.safeParse(await this.call(method, path, body));
    if (!parsed.success) throw new ProviderError('pay.tech answered with an unexpected body', 'unavailable');
    return parsed.data.result;
  }

  /** One call with the shop's key; the answer's JSON as it came (subscriptions.ts reads its own). */
  call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<unknown> {
    return requestJson({
      method,
      url: `${this.settings.baseUrl.replace(/\/+$/, '')}${path}`,
      headers: { authorization: `Bearer ${this.settings.apiKey}` },
      body,
      timeoutMs: this.settings.timeoutMs,
    });
  }
}
