// npm test: every suite in turn (node:test for protocol, sandbox and server; web-test-runner for the
// element in Chromium; playwright end-to-end through the demo; faults and crashes), then the log scan over every line they
// logged, then one closing line summing them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';
import { reportLogScan } from './log-scan.mjs';

const root = new URL('..', import.meta.url).pathname;
process.env.CHROME_PATH = ensureChromium();
// Every process of the run (servers, sandboxes, demos) also writes its log lines here, for the scan.
const logDir = mkdtempSync(join(tmpdir(), 'pay-checkout-logs-'));
process.env.PAY_CHECKOUT_LOG_DIR = logDir;

function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream, sink) => stream.on('data', (chunk) => { output += chunk; sink.write(chunk); });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const testFiles = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));

async function nodeSuite(name, dir) {
  const files = testFiles(dir);
  const { code, output } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files], root);
  const count = (key) => Number(output.match(new RegExp(`^# ${key} (\\d+)`, 'm'))?.[1] ?? 0);
  return { name, code, passed: count('pass'), failed: count('fail') + count('cancelled') };
}

async function browserSuite(name) {
  const { code, output } = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], join(root, 'packages/element'));
  const matches = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  return { name, code, passed: Number(last?.[1] ?? 0), failed: Number(last?.[2] ?? 0) };
}

const results = [];
// Types first: a type error fails the run (counted as one failure), a clean check adds no count.
const typecheck = await run('npx', ['tsc', '-p', 'tsconfig.json'], root);
results.push({ name: 'typecheck', code: typecheck.code, passed: 0, failed: typecheck.code === 0 ? 0 : 1 });
results.push(await nodeSuite('protocol', 'packages/protocol/test'));
results.push(await nodeSuite('sandbox', 'packages/sandbox/test'));
results.push(await nodeSuite('server', 'packages/server/test'));
results.push(await nodeSuite('frameworks', 'test/frameworks'));
results.push(await browserSuite('element'));
const build = await run('npm', ['run', 'build', '--silent'], root);
if (build.code !== 0) results.push({ name: 'build', code: build.code, passed: 0, failed: 1 });
else results.push(await nodeSuite('end-to-end', 'test/e2e'));
// Provider faults and SIGKILLs against real servers; last, as the longest.
results.push(await nodeSuite('faults', 'test/faults'));
console.log('');
const scan = reportLogScan(logDir);
results.push({ name: 'log scan', code: 0, passed: scan.passed, failed: scan.failed });
// Kept for a look when the scan found something.
if (scan.failed === 0) rmSync(logDir, { recursive: true, force: true });

console.log('\nSuites:');
for (const r of results) {
  const broken = r.code !== 0 && r.failed === 0;
  console.log(`  ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${broken ? ` (exited ${r.code})` : ''}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
// A suite that exits non-zero without a counted failure (crash, config error) still counts as one.
const failed = results.reduce((sum, r) => sum + (r.failed || (r.code !== 0 ? 1 : 0)), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
