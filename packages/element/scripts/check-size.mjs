// Prints the gzip sizes of the built files and fails when the script-tag bundle exceeds its budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 24;
const files = ['dist/pay-checkout.js', 'dist/pay-checkout.global.js'];
let over = false;
for (const file of files) {
  const bytes = readFileSync(new URL(`../${file}`, import.meta.url));
  const gzip = gzipSync(bytes, { level: 9 }).length / 1024;
  const line = `${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${gzip.toFixed(1)} KB gzip`;
  if (file.endsWith('.global.js') && gzip > BUDGET_KB) {
    over = true;
    console.error(`${line} - over the ${BUDGET_KB} KB budget`);
  } else console.log(line);
}
process.exit(over ? 1 : 0);
