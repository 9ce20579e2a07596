// Which reversal (exec-tran with voidKind) a cancel needs, decided from the order as the bank
// reports it, so requests the bank would refuse are refused here with a clear reason instead.
import { fromMajorUnits, toDecimalString } from '@pay-checkout/protocol/money';
import { ProviderError } from '../http.js';
import type { KapitalOrderStatus, KapitalTranRequest } from './client.js';
import { isDualMessage, kapitalStatus } from './states.js';

const refuse = (reason: string) => new ProviderError(`Kapital Bank reversal refused: ${reason}`, 'rejected', null, reason);

/**
 * The exec-tran requests for reversing `requested` minor units (all that is reversible when it is
 * absent or equals that). A paid two-phase order is reversed in two steps, clearing then
 * authorization, so the hold is released too.
 */
export function planReversal(order: KapitalOrderStatus, requested: number | undefined): KapitalTranRequest[] {
  const status = kapitalStatus(order.status);
  const minor = (value: number | string | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    try {
      return fromMajorUnits(value, order.currency);
    } catch {
      throw new ProviderError(`Kapital Bank answered with an unexpected amount ${String(value)}`, 'unavailable');
    }
  };
  const total = minor(order.amount, Number.NaN);
  let phase: KapitalTranRequest['phase'];
  let reversible: number;
  if (status === 'Authorized') {
    phase = 'Auth';
    reversible = minor(order.authorizedChargeAmount, total);
  } else if (status === 'FullyPaid' || status === 'PartiallyPaid') {
    phase = isDualMessage(order) ? 'Clearing' : 'Single';
    if (minor(order.clearedRefundAmount, 0) > 0) throw refuse('the order has refunds; refund the rest instead of reversing it');
    reversible = minor(order.clearedChargeAmount, total);
  } else {
    throw refuse(`an order in status ${order.status} cannot be reversed`);
  }
  const amount = requested ?? reversible;
  if (amount > reversible) throw refuse(`at most ${toDecimalString(reversible, order.currency)} ${order.currency} can be reversed`);
  if (amount === reversible) {
    return phase === 'Clearing' ? [{ phase, voidKind: 'Full' }, { phase: 'Auth', voidKind: 'Full' }] : [{ phase, voidKind: 'Full' }];
  }
  // The collection: a partial reversal "can be used once".
  if ((order.trans ?? []).some((t) => t.isReversal === true)) {
    throw refuse('a partial reversal can be made once per order and this order was already reversed once');
  }
  return [{ phase, amount: toDecimalString(amount, order.currency), voidKind: 'Partial' }];
}
