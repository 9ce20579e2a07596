// Who asked for a merchant action (an operation, a payout): the optional Pay-Checkout-Actor header.
import type { Request } from 'express';
import { ApiError } from './errors.js';

/** Optional header naming who asked (an operator's name), kept with what was done. */
export const ACTOR_HEADER = 'Pay-Checkout-Actor';

/** The header's name, or "api" when absent; refused when it is not a plain short name. */
export function actorOf(req: Request): string {
  const actor = req.get(ACTOR_HEADER)?.trim();
  if (actor !== undefined && !/^[\p{L}\p{N} ._@:-]{1,64}$/u.test(actor)) {
    throw new ApiError(400, 'invalid_request', `${ACTOR_HEADER} must be 1 to 64 letters, digits, spaces or . _ @ : -`);
  }
  return actor || 'api';
}
