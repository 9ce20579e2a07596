import { PITECH_SANDBOX_CREDENTIALS } from './pitech/simulator.js';
import { PITECH_TEST_CARDS } from './pitech/test-cards.js';
import { startSandbox } from './express.js';

// Standalone sandbox: PORT, HOST, PUBLIC_URL, PITECH_APP_ID, PITECH_SECRET_ID, PITECH_CALLBACK_DELAY_MS.
const env = process.env;
const sandbox = await startSandbox({
  port: Number(env.PORT ?? 4010),
  host: env.HOST ?? '127.0.0.1',
  ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  pitech: {
    appId: env.PITECH_APP_ID ?? PITECH_SANDBOX_CREDENTIALS.appId,
    secretId: env.PITECH_SECRET_ID ?? PITECH_SANDBOX_CREDENTIALS.secretId,
    callbackDelayMs: Number(env.PITECH_CALLBACK_DELAY_MS ?? 0),
  },
});

console.log(`pay-checkout sandbox listening on ${sandbox.url}`);
console.log(`  PITECH: ${sandbox.pitech.baseUrl}  (Basic auth ${env.PITECH_APP_ID ?? PITECH_SANDBOX_CREDENTIALS.appId}:***)`);
for (const c of Object.values(PITECH_TEST_CARDS)) console.log(`  test card ${c.number}  ${c.label}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
