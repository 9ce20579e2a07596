import type { CallbackQueue } from './callbacks.js';
import type { PaymentStore } from './payments.js';
import type { SmsOutbox } from './sms.js';
import type { MonetixOperator } from './types.js';

/** What the route handlers share inside one simulator instance. */
export interface MonetixContext {
  /** Public base URL without a trailing slash. */
  baseUrl: string;
  projectId: number;
  secretKey: string;
  now: () => number;
  otpTtlMs: number;
  spuriousResendCallbacks: boolean;
  callbackUrl: string | undefined;
  operators: readonly MonetixOperator[];
  payments: PaymentStore;
  sms: SmsOutbox;
  callbacks: CallbackQueue;
}
