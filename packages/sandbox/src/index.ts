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
  createSandboxRouter,
  startSandbox,
  type RunningSandbox,
  type SandboxRouter,
  type SandboxRouterOptions,
  type StartSandboxOptions,
} from './express.js';
