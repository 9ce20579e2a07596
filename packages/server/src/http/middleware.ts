// Request guards of the companion API: JSON-only bodies, merchant API key, cross-origin allowlist.
import express, { type Request, type RequestHandler } from 'express';
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

/** Answers API responses as never cacheable and never sniffable. */
export const apiHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  next();
};

/** CORS for the element-facing API, only for the origins the merchant allowed. */
export function corsAllowlist(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.set({
        'access-control-allow-origin': origin,
        vary: 'Origin',
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
