export { createCheckout, type Checkout } from './create-checkout.js';
export { ConfigError, type CheckoutConfigInput } from './config.js';
export { configFromEnv } from './env.js';
export { ApiError } from './http/errors.js';
export { jsonLogger, silentLogger, type Logger } from './log.js';
export { monetixSign, monetixVerify } from './providers/monetix/signature.js';
export { verifyPaytechSignature } from './providers/paytech/signature.js';
