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
  createSandboxRouter,
  startSandbox,
  type RunningSandbox,
  type SandboxRouter,
  type SandboxRouterOptions,
  type StartSandboxOptions,
} from './express.js';
