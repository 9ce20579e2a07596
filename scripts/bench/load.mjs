// One autocannon run against a child process, with the child's CPU time and event-loop use over it
// (and the CPU time of the provider sandbox, when it takes part).
import autocannon from 'autocannon';

/**
 * @param {object} run
 * @param {string} run.url origin (and path, when `requests` gives none)
 * @param {{ request: (m: object) => Promise<any> }} run.child the process under test
 * @param {number} run.connections
 * @param {number} run.duration seconds; a run with `maxOverallRequests` may end sooner
 * @param {object[]} [run.requests] autocannon request list (setupRequest per request)
 * @param {number} [run.maxOverallRequests]
 * @param {number} [run.overallRate] requests/s over all connections
 * @param {{ request: (m: object) => Promise<any> }} [run.sandbox] the provider sandbox, when the requests reach it
 */
export async function measure(run) {
  const before = await run.child.request({ type: 'usage' });
  const sandboxBefore = await run.sandbox?.request({ type: 'usage' });
  const instance = autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.duration,
    ...(run.requests ? { requests: run.requests } : {}),
    ...(run.maxOverallRequests ? { maxOverallRequests: run.maxOverallRequests } : {}),
    ...(run.overallRate ? { overallRate: run.overallRate } : {}),
    timeout: 10,
  });
  // Raw latencies of the 2xx answers, next to autocannon's histogram: at a fixed rate autocannon
  // corrects for coordinated omission with a 1 ms interval whatever the rate, which adds synthetic
  // samples for every slow answer.
  const latencies = [];
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const percentile = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : null);
  const after = await run.child.request({ type: 'usage' });
  const sandboxAfter = await run.sandbox?.request({ type: 'usage' });
  const completed = result.requests.total;
  const cpuMs = cpuBetween(before, after);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]));
  return {
    requests: completed,
    seconds: result.duration,
    rps: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    raw: { p50: percentile(50), p99: percentile(99) },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    serverCpuMsPerRequest: completed ? cpuMs / completed : null,
    sandboxCpuMsPerRequest: completed && sandboxAfter ? cpuBetween(sandboxBefore, sandboxAfter) / completed : null,
    serverLoopUse: (after.elu.active - before.elu.active) / (after.elu.idle + after.elu.active - before.elu.idle - before.elu.active),
  };
}

/** CPU milliseconds (user and system) between two usage answers of a child. */
function cpuBetween(before, after) {
  return (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
}

/**
 * An autocannon request list of one request rebuilt before each send by `build(n)`, n counting from 0
 * over the whole run (all connections share it).
 * @param {(n: number) => { method: string, path: string, headers: Record<string, string>, body?: string }} build
 */
export function requestsFrom(build) {
  let n = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(n++) }) }];
}
