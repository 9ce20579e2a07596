// Reading a Monetix callback or status body (Figures 9, 10, 13, 14) into a normalized status.
import { z } from 'zod';
import type { ProviderStatus } from '../types.js';
import { monetixFailureCode, monetixState } from './states.js';

const Sum = z.looseObject({ amount: z.number().int(), currency: z.string() });

export const MonetixPaymentBody = z.looseObject({
  payment: z.looseObject({ id: z.string().min(1), status: z.string(), sum: Sum }),
  operation: z
    .looseObject({
      type: z.string().optional(),
      status: z.string().optional(),
      code: z.union([z.string(), z.number()]).optional(),
      message: z.string().optional(),
    })
    .optional(),
  clarification_fields: z.unknown().optional(),
});
export type MonetixPaymentBody = z.infer<typeof MonetixPaymentBody>;

export function statusFromBody(body: MonetixPaymentBody): ProviderStatus {
  const status = body.payment.status;
  const code = body.operation?.code === undefined ? null : String(body.operation.code);
  const message = body.operation?.message ?? null;
  const failureCode = monetixFailureCode(status, code, message);
  return {
    providerState: status,
    state: monetixState(status),
    amount: body.payment.sum.amount,
    currency: body.payment.sum.currency,
    failure: failureCode ? { code: failureCode, reason: message } : null,
    otpRequested: status === 'awaiting clarification' || body.clarification_fields !== undefined,
  };
}
