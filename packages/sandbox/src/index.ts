export {
  createPitechSimulator,
  PITECH_DEFAULT_MERCHANT_NAME,
  PITECH_SANDBOX_CREDENTIALS,
  PITECH_STAGE_URL,
  type PitechSimulator,
  type PitechSimulatorOptions,
} from './pitech/simulator.js';
export { PITECH_TEST_CARDS, type PitechTestCard, type PitechTestOutcome } from './pitech/test-cards.js';
export type {
  PitechCallbackRecord,
  PitechCard,
  PitechChargeRequest,
  PitechOrder,
  PitechPaymentResult,
  PitechState,
} from './pitech/types.js';
export { luhnValid } from './pitech/card-form.js';
export type { PitechSubscription, PitechSubscriptionInterval, PitechSubscriptionState } from './pitech/subscriptions.js';
export {
  createMonetixSimulator,
  MONETIX_GATE_URL,
  MONETIX_SANDBOX_CREDENTIALS,
  type MonetixSimulator,
  type MonetixSimulatorOptions,
} from './monetix/simulator.js';
export { MONETIX_DEFAULT_OPERATORS, MONETIX_TEST_PHONES, operatorForNumber } from './monetix/test-phones.js';
export { buildMonetixPaymentPageUrl } from './monetix/page-params.js';
export { CLARIFICATION_FIELDS as MONETIX_CLARIFICATION_FIELDS } from './monetix/callback-body.js';
export type {
  MonetixCallbackRecord,
  MonetixOperation,
  MonetixOperationStatus,
  MonetixOperator,
  MonetixPayment,
  MonetixPaymentStatus,
  MonetixSms,
} from './monetix/types.js';
export {
  createPaytechSimulator,
  PAYTECH_SANDBOX_CREDENTIALS,
  PAYTECH_SANDBOX_URL,
  type PaytechSimulator,
  type PaytechSimulatorOptions,
} from './paytech/simulator.js';
export { PAYTECH_TEST_CARDS, type PaytechTestCard } from './paytech/test-cards.js';
export { signWebhook as signPaytechWebhook } from './paytech/webhooks.js';
export type {
  PaytechCardDetails,
  PaytechOperationRecord,
  PaytechPayment,
  PaytechPaymentRequest,
  PaytechPaymentType,
  PaytechState,
  PaytechWebhookRecord,
} from './paytech/types.js';
export {
  createKapitalSimulator,
  KAPITAL_DEFAULT_MERCHANT_NAME,
  KAPITAL_SANDBOX_CREDENTIALS,
  KAPITAL_TEST_URL,
  type KapitalSimulator,
  type KapitalSimulatorOptions,
} from './kapital/simulator.js';
export { KAPITAL_TEST_CARDS, KAPITAL_UNSUPPORTED_BRAND_CARD, type KapitalTestCard, type KapitalTestOutcome } from './kapital/test-cards.js';
export {
  KAPITAL_STATUSES,
  type KapitalCard,
  type KapitalOrder,
  type KapitalOrderRequest,
  type KapitalOrderType,
  type KapitalStatus,
  type KapitalTransaction,
} from './kapital/types.js';
export {
  createSandboxRouter,
  startSandbox,
  type RunningSandbox,
  type SandboxRouter,
  type SandboxRouterOptions,
  type StartSandboxOptions,
} from './express.js';
export { ChaosConnectionReset, createChaos, isPageRequest, type Chaos, type ChaosCounts, type ChaosFate, type ChaosSettings } from './chaos.js';
