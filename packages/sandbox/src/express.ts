import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import type { Chaos } from './chaos.js';
import { type FetchHandler, fetchMiddleware } from './express-bridge.js';
import {
  createPitechSimulator,
  PITECH_SANDBOX_CREDENTIALS,
  type PitechSimulator,
  type PitechSimulatorOptions,
} from './pitech/simulator.js';
import {
  createMonetixSimulator,
  MONETIX_SANDBOX_CREDENTIALS,
  type MonetixSimulator,
  type MonetixSimulatorOptions,
} from './monetix/simulator.js';
import {
  createPaytechSimulator,
  PAYTECH_SANDBOX_CREDENTIALS,
  type PaytechSimulator,
  type PaytechSimulatorOptions,
} from './paytech/simulator.js';
import {
  createKapitalSimulator,
  KAPITAL_SANDBOX_CREDENTIALS,
  type KapitalSimulator,
  type KapitalSimulatorOptions,
} from './kapital/simulator.js';

// One sub-path per provider: /pitech, /monetix, /paytech and /kapital.

export interface SandboxRouterOptions {
  /** Public URL where the router is mounted, e.g. http://127.0.0.1:3000/sandbox */
  publicUrl: string;
  /** PITECH API + hosted pages at /pitech, with every simulator option (savedCards seeds included); default PITECH_SANDBOX_CREDENTIALS. */
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
  /** Monetix Gate + Payment Page at /monetix; default project MONETIX_SANDBOX_CREDENTIALS. */
  monetix?: Omit<MonetixSimulatorOptions, 'baseUrl'>;
  /** pay.tech API + checkout page at /paytech; default shop keys PAYTECH_SANDBOX_CREDENTIALS. */
  paytech?: Omit<PaytechSimulatorOptions, 'baseUrl'>;
  /** Kapital Bank API (/api/order...) + hosted page (/flex) at /kapital; default KAPITAL_SANDBOX_CREDENTIALS. */
  kapital?: Omit<KapitalSimulatorOptions, 'baseUrl'>;
  /** Faults injected into every simulator's API calls and callbacks (see chaos.ts). */
  chaos?: Chaos;
}

export type SandboxRouter = Router & {
  readonly pitech: PitechSimulator;
  readonly monetix: MonetixSimulator;
  readonly paytech: PaytechSimulator;
  readonly kapital: KapitalSimulator;
};

export function createSandboxRouter(options: SandboxRouterOptions): SandboxRouter {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const { chaos } = options;
  // With chaos, callbacks go through its fetch (duplicated, reordered) and API calls through its faults.
  const callbacks = <O extends { fetch?: typeof fetch }>(o: O | undefined): O | undefined =>
    chaos ? ({ ...o, fetch: chaos.callbackFetch(() => o?.fetch ?? globalThis.fetch) } as O) : o;
  const pitech = createPitechSimulator({ ...callbacks(options.pitech), baseUrl: `${publicUrl}/pitech` });
  const monetix = createMonetixSimulator({ ...callbacks(options.monetix), baseUrl: `${publicUrl}/monetix` });
  const paytech = createPaytechSimulator({ ...callbacks(options.paytech), baseUrl: `${publicUrl}/paytech` });
  const kapital = createKapitalSimulator({ ...options.kapital, baseUrl: `${publicUrl}/kapital` });
  const serve = (simulator: { baseUrl: string; handle: FetchHandler }) => {
    const handle: FetchHandler = (request) => simulator.handle(request);
    return fetchMiddleware(simulator.baseUrl, chaos ? chaos.wrap(handle) : handle);
  };
  const router = Router();
  router.use('/pitech', serve(pitech));
  router.use('/monetix', serve(monetix));
  router.use('/paytech', serve(paytech));
  router.use('/kapital', serve(kapital));
  return Object.assign(router, { pitech, monetix, paytech, kapital });
}

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  /** Public URL to print and to build paymentUrl with; default http://host:port */
  publicUrl?: string;
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
  monetix?: Omit<MonetixSimulatorOptions, 'baseUrl'>;
  paytech?: Omit<PaytechSimulatorOptions, 'baseUrl'>;
  kapital?: Omit<KapitalSimulatorOptions, 'baseUrl'>;
  chaos?: Chaos;
}

export interface RunningSandbox {
  /** Root URL; the simulators are at `${url}/pitech` and `${url}/monetix`. */
  url: string;
  pitech: PitechSimulator;
  monetix: MonetixSimulator;
  paytech: PaytechSimulator;
  kapital: KapitalSimulator;
  close(): Promise<void>;
}

/** Standalone sandbox server (CLI, demo). Port 0 picks a free port. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const app = express();
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = (options.publicUrl ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  // Routes are added after listen because the public URL depends on the chosen port.
  const router = createSandboxRouter({
    publicUrl: url,
    pitech: options.pitech ?? { ...PITECH_SANDBOX_CREDENTIALS },
    monetix: options.monetix ?? { ...MONETIX_SANDBOX_CREDENTIALS },
    paytech: options.paytech ?? { ...PAYTECH_SANDBOX_CREDENTIALS },
    kapital: options.kapital ?? { ...KAPITAL_SANDBOX_CREDENTIALS },
    chaos: options.chaos,
  });
  app.get('/', (_req, res) => {
    res.json({ pitech: router.pitech.baseUrl, monetix: router.monetix.baseUrl, paytech: router.paytech.baseUrl, kapital: router.kapital.baseUrl });
  });
  app.use(router);
  return {
    url,
    pitech: router.pitech,
    monetix: router.monetix,
    paytech: router.paytech,
    kapital: router.kapital,
    close: () =>
      new Promise<void>((resolve, reject) => {
        router.pitech.reset();
        router.monetix.reset();
        router.paytech.reset();
        router.kapital.reset();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
