import { http, type HttpHandler } from 'msw';
import type { MonetixSimulator } from './monetix/simulator.js';
import type { PitechSimulator } from './pitech/simulator.js';
import type { KapitalSimulator } from './kapital/simulator.js';
import type { PaytechSimulator } from './paytech/simulator.js';

// msw is a peer dependency: only this module imports it.

/**
 * msw handlers answering for the simulator's baseUrl (e.g. https://cards-stage.pitech.kz).
 * Requests the simulator does not know pass through to the next handler.
 */
export function pitechHandlers(simulator: PitechSimulator): HttpHandler[] {
  const resolver = async ({ request }: { request: Request }) => (await simulator.handle(request)) ?? undefined;
  return [http.all(simulator.baseUrl, resolver), http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the Monetix simulator's baseUrl (e.g. https://api.trxhost.com). */
export function monetixHandlers(simulator: MonetixSimulator): HttpHandler[] {
  const resolver = async ({ request }: { request: Request }) => (await simulator.handle(request)) ?? undefined;
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the pay.tech simulator's baseUrl (e.g. https://engine-sandbox.pay.tech). */
export function paytechHandlers(simulator: PaytechSimulator): HttpHandler[] {
  const resolver = async ({ request }: { request: Request }) => (await simulator.handle(request)) ?? undefined;
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the Kapital Bank simulator's baseUrl (e.g. https://txpgtst.kapitalbank.az): /api/order..., /flex. */
export function kapitalHandlers(simulator: KapitalSimulator): HttpHandler[] {
  const resolver = async ({ request }: { request: Request }) => (await simulator.handle(request)) ?? undefined;
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}
