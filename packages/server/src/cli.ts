// pay-checkout-server: the companion server on its own, configured from environment variables.
import express from 'express';
import { ConfigError } from './config.js';
import { createCheckout } from './create-checkout.js';
import { configFromEnv } from './env.js';

const port = Number(process.env.PORT ?? 4242);
const host = process.env.HOST ?? '127.0.0.1';
const mountPath = process.env.PAY_CHECKOUT_MOUNT_PATH ?? '/';

let checkout;
try {
  const config = configFromEnv({ PAY_CHECKOUT_PUBLIC_URL: `http://${host}:${port}${mountPath === '/' ? '' : mountPath}`, ...process.env });
  checkout = createCheckout(config);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`pay-checkout-server: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}

const app = express();
app.disable('x-powered-by');
app.use(mountPath, checkout.router);
const server = app.listen(port, host, () => {
  process.stdout.write(`pay-checkout-server listening on http://${host}:${port}${mountPath}\n`);
});
const stop = () => server.close(() => void checkout.close().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
