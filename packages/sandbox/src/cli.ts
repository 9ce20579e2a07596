import { MONETIX_SANDBOX_CREDENTIALS } from './monetix/simulator.js';
import { MONETIX_TEST_PHONES } from './monetix/test-phones.js';
import { PITECH_SANDBOX_CREDENTIALS } from './pitech/simulator.js';
import { PITECH_TEST_CARDS } from './pitech/test-cards.js';
import { PAYTECH_SANDBOX_CREDENTIALS } from './paytech/simulator.js';
import { PAYTECH_TEST_CARDS } from './paytech/test-cards.js';
import { KAPITAL_SANDBOX_CREDENTIALS } from './kapital/simulator.js';
import { KAPITAL_TEST_CARDS } from './kapital/test-cards.js';
import { startSandbox } from './express.js';

// Standalone sandbox: PORT, HOST, PUBLIC_URL, PITECH_APP_ID, PITECH_SECRET_ID, PITECH_CALLBACK_DELAY_MS,
// MONETIX_PROJECT_ID, MONETIX_SECRET_KEY, MONETIX_CALLBACK_URL, MONETIX_CALLBACK_DELAY_MS,
// PAYTECH_API_KEY, PAYTECH_SIGNING_KEY, PAYTECH_WEBHOOK_DELAY_MS, KAPITAL_USERNAME, KAPITAL_PASSWORD.
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
  paytech: {
    apiKey: env.PAYTECH_API_KEY ?? PAYTECH_SANDBOX_CREDENTIALS.apiKey,
    signingKey: env.PAYTECH_SIGNING_KEY ?? PAYTECH_SANDBOX_CREDENTIALS.signingKey,
    webhookDelayMs: Number(env.PAYTECH_WEBHOOK_DELAY_MS ?? 0),
  },
  kapital: {
    username: env.KAPITAL_USERNAME ?? KAPITAL_SANDBOX_CREDENTIALS.username,
    password: env.KAPITAL_PASSWORD ?? KAPITAL_SANDBOX_CREDENTIALS.password,
  },
});

console.log(`pay-checkout sandbox listening on ${sandbox.url}`);
console.log(`  PITECH: ${sandbox.pitech.baseUrl}  (Basic auth ${env.PITECH_APP_ID ?? PITECH_SANDBOX_CREDENTIALS.appId}:***)`);
for (const c of Object.values(PITECH_TEST_CARDS)) console.log(`  test card ${c.number}  ${c.label}`);
console.log(`  Monetix: ${sandbox.monetix.baseUrl}  (project ${env.MONETIX_PROJECT_ID ?? MONETIX_SANDBOX_CREDENTIALS.projectId}, callbacks to ${env.MONETIX_CALLBACK_URL ?? '(none: set MONETIX_CALLBACK_URL)'})`);
console.log(`  SMS inbox: ${sandbox.monetix.baseUrl}/sms`);
for (const [name, number] of Object.entries(MONETIX_TEST_PHONES)) console.log(`  test phone ${number}  ${name}`);
console.log(`  pay.tech: ${sandbox.paytech.baseUrl}  (Bearer ${env.PAYTECH_API_KEY ? '***' : PAYTECH_SANDBOX_CREDENTIALS.apiKey}, webhooks signed with PAYTECH_SIGNING_KEY)`);
for (const c of Object.values(PAYTECH_TEST_CARDS)) console.log(`  test card ${c.number}  ${c.label}`);
console.log(`  Kapital Bank: ${sandbox.kapital.baseUrl}  (Basic auth ${env.KAPITAL_USERNAME ?? KAPITAL_SANDBOX_CREDENTIALS.username}:***, hosted page ${sandbox.kapital.baseUrl}/flex)`);
for (const c of Object.values(KAPITAL_TEST_CARDS)) console.log(`  test card ${c.number}  ${c.label}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
