// The log scan: reads every line a test run logged (the directory in PAY_CHECKOUT_LOG_DIR, or the one
// given) and counts what must never be there: card numbers, the SMS codes the sandbox issued and the
// secrets servers were configured with. 0 hits passes; so does nothing else (0 lines scanned fails).
// Alone: node scripts/log-scan.mjs [dir]
//
// What the directory holds, each file named by the process that wrote it:
//   log-<pid>.jsonl     the log lines (packages/server/src/log.ts)
//   otps-<pid>.txt      one issued code a line (packages/sandbox/src/monetix/sms.ts)
//   secrets-<pid>.txt   {prefix, length, sha256} of each configured secret, never the value
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
const luhnValid = (digits) => [...digits].reverse().reduce((sum, c, i) => sum + (i % 2 ? DOUBLED[c] : Number(c)), 0) % 10 === 0;

/** 13-19 digit numbers passing Luhn, whole or as neighbouring groups split by single spaces. */
export function cardNumbersIn(line) {
  const found = new Set();
  for (const [run] of line.matchAll(/\d+(?: \d+)*/g)) {
    const groups = run.split(' ');
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && digits.length + groups[j].length <= 19; j++) {
        digits += groups[j];
        if (digits.length >= 13 && luhnValid(digits)) found.add(digits);
      }
    }
  }
  return [...found];
}

/**
 * Issued codes standing as a whole token in a string value. Numbers, and digits inside longer tokens
 * (ids, hashes), are not codes; timestamps split into short tokens. An unparsable line is one string.
 */
export function codesIn(line, codes) {
  if (codes.size === 0) return [];
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    value = line;
  }
  const found = new Set();
  const visit = (v) => {
    if (typeof v === 'string') {
      for (const [token] of v.matchAll(/[A-Za-z0-9]+/g)) if (codes.has(token)) found.add(token);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return [...found];
}

/** Configured secrets anywhere in the line, found by their prefix and confirmed by their hash. */
export function secretsIn(line, secrets) {
  const found = [];
  for (const secret of secrets) {
    for (let at = line.indexOf(secret.prefix); at >= 0; at = line.indexOf(secret.prefix, at + 1)) {
      if (createHash('sha256').update(line.slice(at, at + secret.length)).digest('hex') === secret.sha256) {
        found.push(secret);
        break;
      }
    }
  }
  return found;
}

const pidOf = (name, kind) => new RegExp(`^${kind}-(\\d+)\\.(?:jsonl|txt)$`).exec(name)?.[1];
const linesOf = (path) => readFileSync(path, 'utf8').split('\n');

export function scanLogDir(dir) {
  const names = readdirSync(dir).sort();
  // A code can only leak through the process that relayed it, which in tests and the demo is the one
  // whose sandbox issued it: looking in that process's lines alone keeps chance collisions with
  // 6-digit ids (Kapital orders) out.
  const codesByPid = new Map();
  const secrets = new Map();
  for (const name of names) {
    const pid = pidOf(name, 'otps');
    if (pid) codesByPid.set(pid, new Set(linesOf(join(dir, name)).filter(Boolean)));
    if (pidOf(name, 'secrets')) {
      for (const line of linesOf(join(dir, name)).filter(Boolean)) {
        const secret = JSON.parse(line);
        secrets.set(secret.sha256, secret);
      }
    }
  }
  const result = {
    dir,
    files: 0,
    lines: 0,
    codes: [...codesByPid.values()].reduce((sum, codes) => sum + codes.size, 0),
    secrets: secrets.size,
    hits: { card: 0, otp: 0, secret: 0 },
    findings: [],
    ok: false,
  };
  for (const name of names) {
    const pid = pidOf(name, 'log');
    if (!pid) continue;
    result.files++;
    const codes = codesByPid.get(pid) ?? new Set();
    linesOf(join(dir, name)).forEach((line, index) => {
      if (!line) return;
      result.lines++;
      // Findings name the place and a masked value, never what leaked.
      const where = `${name}:${index + 1}`;
      for (const card of cardNumbersIn(line)) {
        result.hits.card++;
        result.findings.push(`${where} card number ****${card.slice(-4)}`);
      }
      for (const code of codesIn(line, codes)) {
        result.hits.otp++;
        result.findings.push(`${where} SMS code ${'*'.repeat(code.length)}`);
      }
      for (const secret of secretsIn(line, secrets.values())) {
        result.hits.secret++;
        result.findings.push(`${where} secret ${secret.prefix}… (${secret.length} characters)`);
      }
    });
  }
  result.ok = result.lines > 0 && result.findings.length === 0;
  return result;
}

/** Prints the figures and the findings; one passed test when there is nothing to report, else one failed. */
export function reportLogScan(dir) {
  const r = scanLogDir(dir);
  console.log(`Log scan of ${r.dir}: ${r.lines} lines in ${r.files} files; looked for card numbers, ${r.codes} SMS codes, ${r.secrets} secrets`);
  console.log(`  hits: card numbers ${r.hits.card}, SMS codes ${r.hits.otp}, secrets ${r.hits.secret}`);
  for (const finding of r.findings.slice(0, 50)) console.log(`  ${finding}`);
  if (r.lines === 0) console.log('  no line was scanned: nothing was checked');
  console.log(`${r.ok ? 1 : 0} passed, ${r.ok ? 0 : 1} failed`);
  return { ...r, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? process.env.PAY_CHECKOUT_LOG_DIR;
  if (!dir) {
    console.error('usage: node scripts/log-scan.mjs DIR (or set PAY_CHECKOUT_LOG_DIR)');
    process.exit(2);
  }
  process.exit(reportLogScan(dir).failed ? 1 : 0);
}
