// After the build: prints the gzip size of both builds next to Adyen Web's Drop-in + Card, fails
// when the script-tag bundle is over budget, and prints (and writes beside it) the bundle's SRI hash.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 24;
const AIM_KB = 20;
const ADYEN_DROPIN_CARD_KB = 111.5; // Adyen Web Drop-in + Card, minified, gzip
const dist = new URL('../dist/', import.meta.url);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let over = false;
for (const [file, what] of [
  ['pay-checkout.js', 'ES module, Lit external'],
  ['pay-checkout.global.js', 'script tag, Lit and every method and locale inside'],
]) {
  const bytes = readFileSync(new URL(file, dist));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const versus = `${((gzip / 1024 / ADYEN_DROPIN_CARD_KB) * 100).toFixed(0)}% of Adyen Drop-in+Card (${ADYEN_DROPIN_CARD_KB} KB)`;
  let line = `${file.padEnd(24)} ${kb(bytes.length).padStart(8)} minified, ${kb(gzip).padStart(7)} gzip (${gzip} B) - ${what}; ${versus}`;
  if (file.endsWith('.global.js')) {
    const budget = `budget ${BUDGET_KB} KB, aim ${AIM_KB} KB, ${kb(BUDGET_KB * 1024 - gzip)} left`;
    line += `\n${' '.repeat(25)}${budget}`;
    if (gzip > BUDGET_KB * 1024) {
      over = true;
      line += ` - OVER BUDGET`;
    }
    const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
    writeFileSync(new URL(`${file}.integrity`, dist), `${integrity}\n`);
    line += `\n${' '.repeat(25)}integrity="${integrity}"`;
  }
  (over ? console.error : console.log)(line);
}
process.exit(over ? 1 : 0);
