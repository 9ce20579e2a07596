import { MONETIX_SANDBOX_CREDENTIALS } from './monetix/simulator.js';
import { MONETIX_TEST_PHONES } from './monetix/test-phones.js';
import { PITECH_SANDBOX_CREDENTIALS } from './pitech/simulator.js';
import { PITECH_TEST_CARDS } from './pitech/test-cards.js';
import { startSandbox } from './express.js';

// Standalone sandbox: PORT, HOST, PUBLIC_URL, PITECH_APP_ID, PITECH_SECRET_ID, PITECH_CALLBACK_DELAY_MS,
// MONETIX_PROJECT_ID, MONETIX_SECRET_KEY, MONETIX_CALLBACK_URL, MONETIX_CALLBACK_DELAY_MS.
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
  monetix: {
    projectId: Number(env.MONETIX_PROJECT_ID ?? MONETIX_SANDBOX_CREDENTIALS.projectId),
    secretKey: env.MONETIX_SECRET_KEY ?? MONETIX_SANDBOX_CREDENTIALS.secretKey,
    ...(env.MONETIX_CALLBACK_URL ? { callbackUrl: env.MONETIX_CALLBACK_URL } : {}),
    callbackDelayMs: Number(env.MONETIX_CALLBACK_DELAY_MS ?? 0),
  },
});

console.log(`pay-checkout sandbox listening on ${sandbox.url}`);
console.log(`  PITECH: ${sandbox.pitech.baseUrl}  (Basic auth ${env.PITECH_APP_ID ?? PITECH_SANDBOX_CREDENTIALS.appId}:***)`);
for (const c of Object.values(PITECH_TEST_CARDS)) console.log(`  test card ${c.number}  ${c.label}`);
console.log(`  Monetix: ${sandbox.monetix.baseUrl}  (project ${env.MONETIX_PROJECT_ID ?? MONETIX_SANDBOX_CREDENTIALS.projectId}, callbacks to ${env.MONETIX_CALLBACK_URL ?? '(none: set MONETIX_CALLBACK_URL)'})`);
console.log(`  SMS inbox: ${sandbox.monetix.baseUrl}/sms`);
for (const [name, number] of Object.entries(MONETIX_TEST_PHONES)) console.log(`  test phone ${number}  ${name}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
