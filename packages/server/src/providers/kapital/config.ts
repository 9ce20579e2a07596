// Kapital Bank settings, validated with the rest of the server's configuration. Kept beside the
// adapter so config.ts only has to add `kapital: KapitalConfig.optional()` to its providers.
import { z } from 'zod';

const Url = z.url({ protocol: /^https?$/ });
const Origin = z
  .url({ protocol: /^https?$/ })
  .transform((value) => new URL(value).origin);

export const KAPITAL_LANGUAGES = ['az', 'en', 'ru'] as const;

export const KapitalConfig = z.strictObject({
  /** Basic auth pair of the merchant's terminal (the collection's test pair is TerminalSys/kapital). */
  username: z.string().min(1),
  password: z.string().min(1),
  /** The e-commerce API host, without /api; the test environment unless told otherwise (prod: https://e-commerce.kapitalbank.az). */
  baseUrl: Url.default('https://txpgtst.kapitalbank.az'),
  /**
   * Origins of the hosted payment page (the order's hppUrl) the shopper may be sent to. The bank
   * names hppUrl per order, so it is not known up front: defaults to the baseUrl's origin.
   */
  paymentPageOrigins: z.array(Origin).min(1).optional(),
  /** Order_DMS (preauthorization, then clearing) instead of Order_SMS (purchase). */
  twoPhase: z.boolean().default(false),
  /** Installment (taksit) plans the merchant has with the bank, in months; sent as description TAKSIT=N. */
  installmentMonths: z.array(z.number().int().min(2).max(60)).default([]),
  /** Hosted page language when the shopper's locale is none of az, en, ru. */
  defaultLanguage: z.enum(KAPITAL_LANGUAGES).default('az'),
});

export type KapitalSettings = z.output<typeof KapitalConfig>;
export type KapitalLanguage = (typeof KAPITAL_LANGUAGES)[number];
