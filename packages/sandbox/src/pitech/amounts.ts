import type { PitechOrder } from './types.js';

// Order amounts are floats in major units, as PITECH sends them.

/** What the order charged: the committed part of a two-phase order, else its amount. */
export function chargedAmount(order: PitechOrder): number {
  return order.committedAmount ?? order.request.amount;
}

/** Rounds away float noise, so refunds of 0.1 and 0.2 leave exactly 0 of 0.3. */
export const roundAmount = (value: number): number => Math.round(value * 1e8) / 1e8;
