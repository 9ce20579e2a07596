// Follow-up operations: capture, cancel, reverse and refund, through the Node API, the merchant HTTP
// API and the CLI alike. Each is checked (support, state, amount) before any provider call, recorded
// with its idempotency key, who asked and for how much, and answered again for a repeated key. The
// payment's state follows the provider's answer, now or by callback (Monetix refunds).
import { createHash } from 'node:crypto';
import type { OperationKind } from '@pay-checkout/protocol';
import { toDecimalString } from '@pay-checkout/protocol/money';
import { ApiError } from '../http/errors.js';
import { randomId } from '../http/secrets.js';
import { ProviderError } from '../providers/http.js';
import type { ProviderAdapter, ProviderStatus } from '../providers/types.js';
import type { OperationRecord, PaymentRecord } from '../store/types.js';
import { canTakePart, operationLimits } from './operation-limits.js';
import type { CheckoutService } from './service.js';

/** A pending operation older than this was cut off (a crash mid-call): it no longer blocks others. */
const IN_FLIGHT_MS = 5 * 60_000;

export interface OperationInput {
  kind: OperationKind;
  paymentId: string;
  /** Minor units; absent: all the operation can take. */
  amount?: number | undefined;
  /** The same key answers with the first outcome instead of operating twice. */
  idempotencyKey?: string | undefined;
  /** Who asked, kept with the operation. */
  actor: string;
  reason?: string | undefined;
}

export interface OperationOutcome {
  payment: PaymentRecord;
  operation: OperationRecord;
}

const PAST: Record<OperationKind, string> = { capture: 'captured', cancel: 'canceled', reverse: 'reversed', refund: 'refunded' };

export async function runOperation(service: CheckoutService, input: OperationInput): Promise<OperationOutcome> {
  const key = input.idempotencyKey ?? randomId('op');
  if (!/^[\x21-\x7e]{8,255}$/.test(key)) throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8 to 255 printable characters');
  let payment = await service.getPaymentRecord(input.paymentId);
  const requestHash = createHash('sha256').update(JSON.stringify([input.kind, input.amount ?? null])).digest('hex');

  const earlier = (await service.store.listOperations(payment.id)).find((operation) => operation.idempotencyKey === key);
  if (earlier) {
    if (earlier.requestHash !== requestHash) throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different operation or amount');
    const settled = await settleEarlier(service, earlier, payment);
    if (settled) return settled;
    payment = await service.getPaymentRecord(payment.id);
  }

  const adapter = service.adapter(payment.provider);
  const amount = checkedAmount(payment, adapter, input);
  const now = service.now().toISOString();
  const operation: OperationRecord = earlier ?? {
    id: randomId('op'),
    paymentId: payment.id,
    kind: input.kind,
    amount,
    currency: payment.currency,
    status: 'pending',
    actor: input.actor,
    reason: input.reason ?? null,
    idempotencyKey: key,
    requestHash,
    error: null,
    createdAt: now,
    completedAt: null,
  };
  if (!earlier) {
    const claim = await service.store.claimOperation(operation, new Date(Date.parse(now) - IN_FLIGHT_MS).toISOString());
    if (claim.outcome === 'busy') throw new ApiError(409, 'payment_state_conflict', 'Another operation on this payment is in progress; try again when it is done');
    if (claim.outcome === 'exists') throw new ApiError(409, 'idempotency_key_in_use', 'An operation with this Idempotency-Key is in progress');
  }
  return send(service, adapter!, payment, { ...operation, amount });
}

/** A repeated key: the recorded outcome, or null when the first attempt's fate is unknown and the provider shows it did not happen. */
async function settleEarlier(service: CheckoutService, earlier: OperationRecord, payment: PaymentRecord): Promise<OperationOutcome | null> {
  if (earlier.status === 'succeeded') return { payment, operation: earlier };
  if (earlier.status === 'failed') throw new ApiError(502, 'provider_error', earlier.error?.message ?? 'The provider refused this operation', { operationId: earlier.id });
  const stale = service.now().getTime() - Date.parse(earlier.createdAt) > IN_FLIGHT_MS;
  if (earlier.status === 'pending' && !stale) throw new ApiError(409, 'idempotency_key_in_use', 'An operation with this Idempotency-Key is in progress');
  // Unknown (or cut off): the provider's own record decides whether it happened.
  const synced = await service.reread(payment);
  if (tookEffect(earlier, synced, await service.store.listOperations(payment.id))) {
    const completedAt = service.now().toISOString();
    await service.store.finishOperation(earlier.id, 'succeeded', null, completedAt);
    return { payment: synced, operation: { ...earlier, status: 'succeeded', completedAt } };
  }
  return null;
}

function tookEffect(operation: OperationRecord, payment: PaymentRecord, all: OperationRecord[]): boolean {
  switch (operation.kind) {
    case 'capture':
      return payment.state !== 'authorized' && payment.state !== 'canceled' && payment.state !== 'expired';
    case 'cancel':
      return payment.state === 'canceled';
    case 'reverse':
    case 'refund': {
      if (payment.state === 'canceled' || payment.state === 'refunded') return true;
      const confirmed = all.filter((o) => o.id !== operation.id && o.status === 'succeeded' && (o.kind === 'refund' || o.kind === 'reverse'));
      return payment.refundedAmount >= confirmed.reduce((sum, o) => sum + o.amount, 0) + operation.amount;
    }
  }
}

/** The amount to send, or a 4xx saying why nothing can be sent. */
function checkedAmount(payment: PaymentRecord, adapter: ProviderAdapter | undefined, input: OperationInput): number {
  const { kind } = input;
  const name = adapter?.displayName ?? payment.provider;
  if (!adapter?.[kind]) throw new ApiError(400, 'operation_not_supported', `${name} does not support ${kind} for ${payment.method} payments`);
  const available = operationLimits(payment, adapter)[kind];
  if (available === null || available <= 0) {
    throw new ApiError(409, 'payment_state_conflict', `A ${payment.state.replace('_', ' ')} payment cannot be ${PAST[kind]}`, { state: payment.state });
  }
  const amount = input.amount ?? available;
  const limit = `${toDecimalString(available, payment.currency)} ${payment.currency}`;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > available) {
    throw new ApiError(400, 'amount_out_of_range', `The ${kind} amount must be an integer from 1 to ${available} minor units (${limit})`, { available });
  }
  if (kind === 'cancel' && amount !== available) throw new ApiError(400, 'amount_out_of_range', 'A cancel releases the whole authorization; reverse part of it instead', { available });
  if (amount !== available && !canTakePart(adapter, kind)) {
    throw new ApiError(400, 'amount_out_of_range', `${name} can ${kind} only the whole ${limit}`, { available });
  }
  return amount;
}

async function send(service: CheckoutService, adapter: ProviderAdapter, payment: PaymentRecord, operation: OperationRecord): Promise<OperationOutcome> {
  const { kind, amount } = operation;
  const whole = amount === operationLimits(payment, adapter)[kind];
  let status: ProviderStatus | null;
  try {
    if (kind === 'capture') status = await adapter.capture!(payment, amount);
    else if (kind === 'cancel') status = await adapter.cancel!(payment);
    else if (kind === 'reverse') status = await adapter.reverse!(payment, whole ? undefined : amount);
    else status = await adapter.refund!(payment, amount);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const rejected = error.kind === 'rejected';
    const message = rejected
      ? `The provider refused the ${kind}${error.providerMessage ? `: ${error.providerMessage}` : ''}`
      : `The provider could not be reached; the ${kind} may or may not have happened. Repeat it with the same Idempotency-Key to settle it`;
    await service.store.finishOperation(operation.id, rejected ? 'failed' : 'unknown', { code: rejected ? 'provider_error' : 'provider_unavailable', message }, service.now().toISOString());
    service.logger.warn(`${kind}.failed`, { paymentId: payment.id, operationId: operation.id, kind: error.kind, message: error.message });
    throw new ApiError(rejected ? 502 : 503, rejected ? 'provider_error' : 'provider_unavailable', message, { operationId: operation.id });
  }
  // A capture fixes what was charged, which later refunds are measured against.
  const current = kind === 'capture' ? { ...payment, capturedAmount: amount } : payment;
  const updated = status
    ? await service.applyStatus(current, status)
    : current === payment
      ? payment
      : ((await service.save(current)) ?? (await service.getPaymentRecord(payment.id)));
  const completedAt = service.now().toISOString();
  // Without a status the provider confirms later (a callback); it accepted the request.
  await service.store.finishOperation(operation.id, 'succeeded', null, completedAt);
  service.logger.info(`${kind}.done`, { paymentId: payment.id, operationId: operation.id, amount, actor: operation.actor, confirmedLater: !status });
  return { payment: updated, operation: { ...operation, status: 'succeeded', completedAt } };
}
