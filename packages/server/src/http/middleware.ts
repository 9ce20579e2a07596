// Request guards of the companion API: response headers, JSON-only bodies, merchant API key,
// cross-origin allowlist and the Origin check of state-changing requests.
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { ApiError } from './errors.js';
import { bearerToken, secretMatches, sha256 } from './secrets.js';

/** Largest request body any endpoint accepts. */
export const BODY_LIMIT = '16kb';

const parseJson = express.json({
  limit: BODY_LIMIT,
  strict: true,
  type: 'application/json',
  // Keep the exact bytes: some providers sign the raw body of their callbacks.
  verify: (req, _res, buffer) => {
    (req as unknown as { rawBody?: Buffer }).rawBody = Buffer.from(buffer);
  },
});

/** Refuses anything but a JSON body, then parses it. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (!req.is('application/json')) {
    next(new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json'));
    return;
  }
  parseJson(req, res, next);
};

export function rawBodyOf(req: Request): Buffer {
  return (req as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

export function requireApiKey(apiKey: string): RequestHandler {
  const expected = sha256(apiKey);
  return (req, _res, next) => {
    const presented = bearerToken(req.get('authorization'));
    if (!presented || !secretMatches(presented, expected)) {
      next(new ApiError(401, 'unauthorized', 'A valid merchant API key is required'));
      return;
    }
    next();
  };
}

/**
 * Headers of every API answer. JSON is never rendered, framed or cached: a CSP that allows nothing,
 * frame denial, nosniff, no referrer, no X-Powered-By, `Cache-Control: no-store`. HSTS without
 * includeSubDomains: the router is mounted in the merchant's app and must not decide for their other
 * hosts. Cross-Origin-Resource-Policy same-origin only binds no-cors loads (an <img>, a <script>); the
 * element's cross-origin fetch is a CORS request and is governed by corsAllowlist.
 */
export const apiHeaders: RequestHandler[] = [
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  }),
  (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  },
];

/** CORS for the element-facing API, only for the origins the merchant allowed. */
export function corsAllowlist(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    // The answer depends on Origin, whatever it is: caches must keep them apart.
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.set({
        'access-control-allow-origin': origin,
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        'access-control-allow-methods': 'GET, POST, DELETE',
        'access-control-max-age': '600',
        // The element reads the server's clock for the SMS-code countdown.
        'access-control-expose-headers': 'Date',
      });
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that a browser sent from a page of another origin. CORS only keeps
 * that page from reading the answer; the request itself would still act. No Origin (server to server,
 * or an older browser's same-origin request) and the server's own origin pass.
 */
export function sameOriginWrites(origins: string[], publicUrl: string): RequestHandler {
  const allowed = new Set([...origins, new URL(publicUrl).origin]);
  return (req, _res, next) => {
    const origin = req.get('origin');
    if (SAFE_METHODS.has(req.method) || origin === undefined || allowed.has(origin)) {
      next();
      return;
    }
    // 403 with the code of a refused caller: no code of its own (the element, being on that origin,
    // cannot read the answer anyway).
    next(new ApiError(403, 'unauthorized', 'Requests from this origin are not allowed'));
  };
}
