import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { fetchMiddleware } from './express-bridge.js';
import {
  createPitechSimulator,
  PITECH_SANDBOX_CREDENTIALS,
  type PitechSimulator,
  type PitechSimulatorOptions,
} from './pitech/simulator.js';

// One sub-path per provider: /pitech now; /kapital, /monetix, /paytech later.

export interface SandboxRouterOptions {
  /** Public URL where the router is mounted, e.g. http://127.0.0.1:3000/sandbox */
  publicUrl: string;
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
}

export type SandboxRouter = Router & { readonly pitech: PitechSimulator };

export function createSandboxRouter(options: SandboxRouterOptions): SandboxRouter {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const pitech = createPitechSimulator({ ...options.pitech, baseUrl: `${publicUrl}/pitech` });
  const router = Router();
  router.use('/pitech', fetchMiddleware(pitech.baseUrl, (request) => pitech.handle(request)));
  return Object.assign(router, { pitech });
}

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  /** Public URL to print and to build paymentUrl with; default http://host:port */
  publicUrl?: string;
  pitech?: Omit<PitechSimulatorOptions, 'baseUrl'>;
}

export interface RunningSandbox {
  /** Root URL; the PITECH simulator is at `${url}/pitech`. */
  url: string;
  pitech: PitechSimulator;
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
  const router = createSandboxRouter({ publicUrl: url, pitech: options.pitech ?? { ...PITECH_SANDBOX_CREDENTIALS } });
  app.get('/', (_req, res) => {
    res.json({ pitech: router.pitech.baseUrl });
  });
  app.use(router);
  return {
    url,
    pitech: router.pitech,
    close: () =>
      new Promise<void>((resolve, reject) => {
        router.pitech.reset();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
