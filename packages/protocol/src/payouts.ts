// Schemas of payouts: money from the merchant to a card (Kapital Bank's Order Credit Transaction,
// pay.tech's WITHDRAWAL), merchant API only. A card number goes in once and never comes back out:
// every answer carries the masked number only.
import { z } from 'zod';
import { Customer, Money } from './schemas.js';

/** Providers that pay out to cards. */
export const PayoutProvider = z.enum(['kapital', 'paytech']);

/** The Luhn checksum every card number carries; a mistyped digit fails it. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** 4405640000006150 -> 440564******6150: the first six and last four digits, as banks print them. */
export function maskCardNumber(cardNumber: string): string {
  return `${cardNumber.slice(0, 6)}${'*'.repeat(Math.max(0, cardNumber.length - 10))}${cardNumber.slice(-4)}`;
}

export const PAYOUT_CARD_NUMBER_MESSAGE = 'is not a valid card number (13 to 19 digits with a valid Luhn check digit)';

/**
 * A card by its number. Kapital Bank's Set Destination Token takes the number alone; pay.tech's card
 * object also carries the expiry and the holder's name, sent when given.
 */
export const PayoutCard = z.strictObject({
  type: z.literal('card'),
  cardNumber: z.string().refine((value) => /^\d{13,19}$/.test(value) && luhnValid(value), PAYOUT_CARD_NUMBER_MESSAGE),
  expiry: z
    .string()
    .regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'must be MM/YY')
    .optional(),
  holder: z.string().min(1).max(64).optional(),
});

/** Body of POST /v1/payouts. */
export const CreatePayoutRequest = z.strictObject({
  provider: PayoutProvider,
  amount: Money,
  destination: PayoutCard,
  /** Shown in the provider's records (the bank's order description, pay.tech's description). */
  description: z.string().min(1).max(255).optional(),
  /** The merchant's own id for the payout, kept with it and findable in the list. */
  reference: z.string().regex(/^[^\p{Cc}]{1,64}$/u, 'must be 1 to 64 characters without control characters'),
  /** pay.tech only: the payee as a pay.tech Customer (Kapital Bank's credit order has no customer). */
  customer: Customer.optional(),
});

export const PayoutState = z.enum([
  /** Sent, the provider has not finished it yet. */
  'pending',
  'succeeded',
  /** Declined or refused: no money moved. */
  'failed',
  /** The provider's answer was lost; repeat the request with the same Idempotency-Key to settle it. */
  'unknown',
]);

export const Payout = z.object({
  id: z.string(),
  provider: PayoutProvider,
  amount: Money,
  state: PayoutState,
  reference: z.string(),
  description: z.string().nullable(),
  destination: z.object({ type: z.literal('card'), maskedCardNumber: z.string() }),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Who asked: "api" (HTTP with the API key), "node" (Node API), or the name given with the request. */
  actor: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const PayoutList = z.object({
  data: z.array(Payout),
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const PayoutListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(128).optional(),
  reference: z.string().max(64).optional(),
});

export const BalancesQuery = z.strictObject({ provider: PayoutProvider });

/** What the provider says can be paid out now, per currency, in minor units. */
export const Balances = z.object({
  provider: PayoutProvider,
  available: z.record(z.string(), z.number().int()),
  retrievedAt: z.iso.datetime(),
});

export type PayoutProvider = z.infer<typeof PayoutProvider>;
export type PayoutCard = z.infer<typeof PayoutCard>;
export type CreatePayoutRequest = z.infer<typeof CreatePayoutRequest>;
export type PayoutState = z.infer<typeof PayoutState>;
export type Payout = z.infer<typeof Payout>;
export type PayoutList = z.infer<typeof PayoutList>;
export type PayoutListQuery = z.infer<typeof PayoutListQuery>;
export type BalancesQuery = z.infer<typeof BalancesQuery>;
export type Balances = z.infer<typeof Balances>;
