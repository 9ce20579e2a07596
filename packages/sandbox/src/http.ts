// Small Fetch API helpers shared by the provider simulators.

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

/**
 * JSON error body. The real gateways' error shapes are not documented; this is the
 * Spring Boot default shape (timestamp, status, error, message, path).
 */
export function errorResponse(
  status: number,
  message: string,
  path: string,
  now: number,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(
    { timestamp: new Date(now).toISOString(), status, error: REASONS[status] ?? 'Error', message, path },
    status,
    headers,
  );
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Self-contained page: nothing external may load. No form-action limit, because
  // browsers apply it to the redirect to the merchant's return URL as well.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'cache-control': 'no-store',
};

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, { status, headers: HTML_HEADERS });
}

export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/** Decodes `Authorization: Basic ...` into its user/password pair. */
export function readBasicAuth(request: Request): { user: string; password: string } | null {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
