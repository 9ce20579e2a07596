// Dispatch with path parameters ("GET /api/v1/payments/:id"), which pay.tech's paths need and the
// shared routeTable (exact paths) does not have. Outside the base or without a route: null.

export type PatternRoute<C> = (request: Request, ctx: C, url: URL, params: Record<string, string>) => Promise<Response> | Response;

export function patternTable<C>(
  baseUrl: string,
  routes: Record<string, PatternRoute<C>>,
  ctx: C,
  onError: (message: string, url: URL) => Response,
): (request: Request) => Promise<Response | null> {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const table = Object.entries(routes).map(([key, route]) => {
    const [method, path = ''] = key.split(' ');
    return { method, segments: path.split('/').filter(Boolean), route };
  });

  const match = (segments: string[], pattern: string[]): Record<string, string> | null => {
    if (segments.length !== pattern.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      const part = pattern[i]!;
      if (part.startsWith(':')) params[part.slice(1)] = segments[i]!;
      else if (part !== segments[i]) return null;
    }
    return params;
  };

  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return null;
    }
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return null;
    let segments: string[];
    try {
      segments = url.pathname.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return null;
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    for (const entry of table) {
      if (entry.method !== method) continue;
      const params = match(segments, entry.segments);
      if (!params) continue;
      try {
        return await entry.route(request, ctx, url, params);
      } catch (err) {
        return onError(`Sandbox error: ${err instanceof Error ? err.message : String(err)}`, url);
      }
    }
    return null;
  };
}
