import { http, HttpResponse, type HttpHandler } from 'msw';
import { type Chaos, ChaosConnectionReset } from './chaos.js';
import type { MonetixSimulator } from './monetix/simulator.js';
import type { PitechSimulator } from './pitech/simulator.js';
import type { KapitalSimulator } from './kapital/simulator.js';
import type { PaytechSimulator } from './paytech/simulator.js';

// msw is a peer dependency: only this module imports it.

/** The simulator as an msw resolver; with chaos, an injected reset is a network error for the caller. */
function resolverOf(simulator: { handle(request: Request): Promise<Response | null> }, chaos?: Chaos) {
  const handle = (request: Request) => simulator.handle(request);
  const guarded = chaos ? chaos.wrap(handle) : handle;
  return async ({ request }: { request: Request }) => {
    try {
      return (await guarded(request)) ?? undefined;
    } catch (error) {
      if (error instanceof ChaosConnectionReset) return HttpResponse.error();
      throw error;
    }
  };
}

/**
 * msw handlers answering for the simulator's baseUrl (e.g. https://cards-stage.pitech.kz).
 * Requests the simulator does not know pass through to the next handler.
 */
export function pitechHandlers(simulator: PitechSimulator, chaos?: Chaos): HttpHandler[] {
  const resolver = resolverOf(simulator, chaos);
  return [http.all(simulator.baseUrl, resolver), http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the Monetix simulator's baseUrl (e.g. https://api.trxhost.com). */
export function monetixHandlers(simulator: MonetixSimulator, chaos?: Chaos): HttpHandler[] {
  const resolver = resolverOf(simulator, chaos);
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the pay.tech simulator's baseUrl (e.g. https://engine-sandbox.pay.tech). */
export function paytechHandlers(simulator: PaytechSimulator, chaos?: Chaos): HttpHandler[] {
  const resolver = resolverOf(simulator, chaos);
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}

/** msw handlers answering for the Kapital Bank simulator's baseUrl (e.g. https://txpgtst.kapitalbank.az): /api/order..., /flex. */
export function kapitalHandlers(simulator: KapitalSimulator, chaos?: Chaos): HttpHandler[] {
  const resolver = resolverOf(simulator, chaos);
  return [http.all(`${simulator.baseUrl}/*`, resolver)];
}
