// node scripts/bench/profile-summary.mjs FILE.cpuprofile [N]: where a server profile of
// `npm run bench -- --profile DIR` spent its time, by area (self time) and by function (self and
// inclusive time; top N, 25 by default).
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/bench/profile-summary.mjs FILE.cpuprofile [N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Self time per node from the sample intervals.
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const AREAS = [
  ['(idle)', /^\(idle\)$/],
  ['(garbage collector)', /^\(garbage collector\)$/],
  ['(program)', /^\(program\)$/],
  ['server: payments', /packages\/server\/src\/payments\//],
  ['server: providers', /packages\/server\/src\/providers\//],
  ['server: store', /packages\/server\/src\/store\//],
  ['server: http', /packages\/server\/src\/http\//],
  ['server: other', /packages\/server\/src\//],
  ['protocol', /packages\/protocol\//],
  ['zod', /node_modules\/zod\//],
  ['express and its modules', /node_modules\/(express|router|body-parser|raw-body|type-is|send|finalhandler|qs|depd|mime|content-type|iconv-lite|debug|on-finished|accepts|negotiator|cookie|vary|proxy-addr|parseurl|statuses|etag|fresh|range-parser|media-typer|path-to-regexp)\//],
  ['better-sqlite3', /node_modules\/better-sqlite3\//],
  ['pg', /node_modules\/pg/],
  ['undici (fetch)', /node:internal\/deps\/undici|undici/],
  ['node: http, net, streams', /node:(_http|http|net|internal\/(http|streams|stream_base|js_stream))/],
  ['node: other', /^node:/],
];
const area = (node) => {
  const { functionName, url } = node.callFrame;
  const key = url || functionName;
  return AREAS.find(([, pattern]) => pattern.test(key))?.[0] ?? (url ? 'other JS' : '(native)');
};
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^file:\/\/.*?\/(packages|node_modules)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const byArea = new Map();
const bySelf = new Map();
const byInclusive = new Map();
for (const [id, ms] of self) {
  const node = nodes.get(id);
  byArea.set(area(node), (byArea.get(area(node)) ?? 0) + ms);
  bySelf.set(label(node), (bySelf.get(label(node)) ?? 0) + ms);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = label(nodes.get(at));
    if (seen.has(name)) continue;
    seen.add(name);
    byInclusive.set(name, (byInclusive.get(name) ?? 0) + ms);
  }
}

const busy = total - (byArea.get('(idle)') ?? 0);
const print = (title, map, limit) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (percentages are of busy time)`);
print('By area (self time)', byArea, 30);
print('By function (self time)', bySelf, Number(top));
print('By function (inclusive time)', new Map([...byInclusive].filter(([name]) => !name.startsWith('(root)'))), Number(top));
