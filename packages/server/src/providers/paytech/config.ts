// pay.tech settings, validated with the rest of the server's configuration (config.ts adds
// `paytech: PaytechConfig.optional()` to `providers`).
import { isSupportedCurrency } from '@pay-checkout/protocol/money';
import { z } from 'zod';
import { PAYTECH_PAYMENT_METHODS } from './payment-methods.js';

/** pay.tech's test environment (production: https://engine.pay.tech). */
export const PAYTECH_SANDBOX_URL = 'https://engine-sandbox.pay.tech';

/** What a shop takes by default: the currencies of the region plus the usual settlement ones. */
export const PAYTECH_DEFAULT_CURRENCIES = ['USD', 'EUR', 'GBP', 'KZT', 'AZN', 'RUB', 'UZS', 'KGS', 'TRY', 'GEL', 'AED'];

const Url = z.url({ protocol: /^https?$/ });
const Origin = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin);
const unique = (values: readonly string[]) => new Set(values).size === values.length;

export const PaytechConfig = z.strictObject({
  /** Shop API key, sent as a Bearer token. */
  apiKey: z.string().min(1),
  /** Shop signing key: webhooks carry `Signature`, an HMAC-SHA256 of the raw body with it. */
  signingKey: z.string().min(1),
  /** pay.tech engine; the sandbox unless told otherwise. */
  baseUrl: Url.default(PAYTECH_SANDBOX_URL),
  /**
   * Origins of pay.tech's checkout page the shopper may be sent to. Default: the baseUrl's origin,
   * where pay.tech's redirectUrl points (https://engine-sandbox.pay.tech/m/payment/{id}).
   */
  paymentPageOrigins: z.array(Origin).min(1).optional(),
  /** Two-phase deposits: create with preAuth, the payment stops at AUTHORIZED until captured or voided. */
  twoPhase: z.boolean().default(false),
  /**
   * pay.tech payment methods the shop allows. One: sent as paymentMethod. Several: paymentMethod is
   * left out and pay.tech's checkout page offers the methods enabled for the shop.
   */
  paymentMethods: z.array(z.enum(PAYTECH_PAYMENT_METHODS)).min(1).refine(unique, 'must not repeat a method').default(['BASIC_CARD']),
  /** Currencies the shop takes through pay.tech (ISO 4217 codes pay-checkout knows). */
  currencies: z
    .array(z.string().refine(isSupportedCurrency, 'is not a currency pay-checkout supports'))
    .min(1)
    .refine(unique, 'must not repeat a currency')
    .default(PAYTECH_DEFAULT_CURRENCIES),
});

export type PaytechConfigInput = z.input<typeof PaytechConfig>;
export type PaytechSettings = z.output<typeof PaytechConfig>;
