import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { fetchMiddleware } from './express-bridge.js';
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

// One sub-path per provider: /pitech and /monetix now; /kapital, /paytech later.

export interface SandboxRouterOptions {
  /** Public URL where the router is mounted, e.g. http://127.0.0.1:3000/sandbox */
  publicUrl: string;
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
  /** Monetix Gate + Payment Page at /monetix; default project MONETIX_SANDBOX_CREDENTIALS. */
  monetix?: Omit<MonetixSimulatorOptions, 'baseUrl'>;
}

export type SandboxRouter = Router & { readonly pitech: PitechSimulator; readonly monetix: MonetixSimulator };

export function createSandboxRouter(options: SandboxRouterOptions): SandboxRouter {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const pitech = createPitechSimulator({ ...options.pitech, baseUrl: `${publicUrl}/pitech` });
  const monetix = createMonetixSimulator({ ...options.monetix, baseUrl: `${publicUrl}/monetix` });
  const router = Router();
  router.use('/pitech', fetchMiddleware(pitech.baseUrl, (request) => pitech.handle(request)));
  router.use('/monetix', fetchMiddleware(monetix.baseUrl, (request) => monetix.handle(request)));
  return Object.assign(router, { pitech, monetix });
}

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  /** Public URL to print and to build paymentUrl with; default http://host:port */
  publicUrl?: string;
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
  monetix?: Omit<MonetixSimulatorOptions, 'baseUrl'>;
}

export interface RunningSandbox {
  /** Root URL; the simulators are at `${url}/pitech` and `${url}/monetix`. */
  url: string;
  pitech: PitechSimulator;
  monetix: MonetixSimulator;
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
  });
  app.get('/', (_req, res) => {
    res.json({ pitech: router.pitech.baseUrl, monetix: router.monetix.baseUrl });
  });
  app.use(router);
  return {
    url,
    pitech: router.pitech,
    monetix: router.monetix,
    close: () =>
      new Promise<void>((resolve, reject) => {
        router.pitech.reset();
        router.monetix.reset();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
