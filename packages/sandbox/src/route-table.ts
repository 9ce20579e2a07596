// Dispatch shared by the simulators: "METHOD /path" below the simulator's base URL -> a route.
// Requests outside the base or without a route answer null, so hosts can fall through.

export type Route<C> = (request: Request, ctx: C, url: URL) => Promise<Response> | Response;

export function routeTable<C>(
  baseUrl: string,
  routes: Record<string, Route<C>>,
  ctx: C,
  onError: (message: string, path: string, url: URL) => Response,
): (request: Request) => Promise<Response | null> {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  /** Path below the base ("/" for the base itself), or null when outside it. */
  const routePath = (pathname: string): string | null =>
    pathname === basePath || pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length).replace(/\/+$/, '') || '/' : null;

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return null;
    }
    const path = routePath(url.pathname);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = path === null ? undefined : routes[`${method} ${path}`];
    if (!route || path === null) return null;
    try {
      return await route(request, ctx, url);
    } catch (err) {
      return onError(`Sandbox error: ${err instanceof Error ? err.message : String(err)}`, path, url);
    }
  };
}
