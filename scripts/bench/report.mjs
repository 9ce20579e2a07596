// What `npm run bench` prints: the machine, one table of runs, and the targets met or not.
import os from 'node:os';

/** The fixed rate of the latency run, creations/s. */
export const RATE = 200;

export const TARGETS = {
  readRatio: 0.6,
  creationsPerSecond: 500,
  p99AtRateMs: 50,
};

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** @param {{ read?: any, create?: any, atRate?: any }} backend @param {any} bare */
export function targets(backend, bare) {
  const list = [];
  if (backend.read && bare) {
    const ratio = backend.read.rps / bare.rps;
    list.push({ name: 'session read / bare Express', value: ratio, shown: ratio.toFixed(2), aim: `≥ ${TARGETS.readRatio}`, met: ratio >= TARGETS.readRatio });
  }
  if (backend.create) {
    const rate = backend.create.rps;
    list.push({ name: 'payment creations/s', value: rate, shown: rate.toFixed(0), aim: `≥ ${TARGETS.creationsPerSecond}`, met: rate >= TARGETS.creationsPerSecond });
  }
  if (backend.atRate) {
    const { p99, rps } = backend.atRate;
    // A p99 only counts at the rate it names: a server that fell behind has not met it.
    const sustained = rps >= RATE * 0.95;
    const shown = `${p99} ms${sustained ? '' : ` at ${rps.toFixed(0)}/s`}`;
    list.push({ name: `p99 at ${RATE} creations/s`, value: p99, shown, aim: `≤ ${TARGETS.p99AtRateMs} ms`, met: sustained && p99 <= TARGETS.p99AtRateMs });
  }
  const failed = ['create', 'atRate'].reduce((n, key) => n + (backend[key] ? backend[key].non2xx + backend[key].errors : 0), 0);
  if (backend.create) list.push({ name: 'payment creation non-2xx + errors', value: failed, shown: String(failed), aim: '= 0', met: failed === 0 });
  return list;
}

function row(cells, widths) {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
}

const ms = (value) => (value == null ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(2));

/** @param {ReturnType<typeof machine>} host @param {any} report */
export function formatReport(host, report) {
  const lines = [];
  lines.push(`Machine: ${host.cpu}, ${host.cores} cores, ${host.ramGiB} GiB RAM, ${host.os}, Node ${host.node}, ${host.date}`);
  lines.push(`Load: autocannon, ${report.options.connections} connections, ${report.options.duration} s a run after a ${report.options.warmup} s warm-up`);
  lines.push('');
  const widths = [34, 9, 8, 8, 8, 13];
  lines.push(row(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'srv CPU/req'], widths));
  const add = (name, run) => {
    if (!run) return;
    const cpu = run.serverCpuMsPerRequest == null ? '-' : `${run.serverCpuMsPerRequest.toFixed(3)} ms`;
    lines.push(row([name, run.rps.toFixed(0), ms(run.p50), ms(run.p99), run.non2xx + (run.errors ? ` (+${run.errors} err)` : ''), cpu], widths));
  };
  add('bare Express GET /x', report.bare);
  for (const [name, backend] of Object.entries(report.backends)) {
    if (backend.skipped) continue;
    add(`${name}: session read`, backend.read);
    add(`${name}: payment creation`, backend.create);
    add(`${name}: payment creation @${RATE}/s`, backend.atRate);
  }
  for (const [name, backend] of Object.entries(report.backends)) {
    lines.push('');
    if (backend.skipped) {
      lines.push(`${name}: ${backend.skipped}`);
      continue;
    }
    lines.push(`Targets, ${name}:`);
    for (const target of targets(backend, report.bare)) {
      lines.push(`  ${target.name.padEnd(34)} ${target.shown.padStart(8)}  (aim ${target.aim})  ${target.met ? 'met' : 'NOT MET'}`);
    }
    const fresh = backend.create?.statuses['201'] ?? 0;
    if (backend.create) lines.push(`  payments created (201), each on its own checkout session: ${fresh} of ${backend.create.requests}`);
  }
  return lines.join('\n');
}
