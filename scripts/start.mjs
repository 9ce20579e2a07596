// npm start: builds the element, then runs the demo shop on 127.0.0.1:$PORT (default 3000).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// One merchant API key per run, shown to the operator for /admin and pay-checkout-admin (sandbox only).
const apiKey = process.env.PAY_CHECKOUT_DEMO_API_KEY || `sk_demo_${randomBytes(18).toString('hex')}`;
process.stdout.write(`\nMerchant API key of this run (for /admin and pay-checkout-admin): ${apiKey}\n`);
const env = { ...process.env, PAY_CHECKOUT_DEMO_API_KEY: apiKey };
const demo = spawnSync(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { cwd: root, stdio: 'inherit', env });
process.exit(demo.status ?? 0);
