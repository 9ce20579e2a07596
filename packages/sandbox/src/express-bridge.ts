import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express';
import { ChaosConnectionReset } from './chaos.js';

// Adapts a Fetch-style handler (the simulators' core) to Express.

export type FetchHandler = (request: Request) => Promise<Response | null>;

const SKIPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'expect']);

async function readBody(req: ExpressRequest): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // A body parser mounted before us has consumed the stream: rebuild the bytes.
  if (req.body !== undefined && req.readableEnded) {
    const body: unknown = req.body;
    if (Buffer.isBuffer(body)) return body;
    if (typeof body === 'string') return Buffer.from(body);
    if (req.is('application/x-www-form-urlencoded')) {
      return Buffer.from(new URLSearchParams(body as Record<string, string>).toString());
    }
    return Buffer.from(JSON.stringify(body));
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export async function toFetchRequest(req: ExpressRequest, url: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || SKIPPED_HEADERS.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const body = await readBody(req);
  return new Request(url, { method: req.method, headers, ...(body?.length ? { body: new Uint8Array(body) } : {}) });
}

export async function writeFetchResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => res.append(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Middleware serving `handler` under the mount point. `baseUrl` is the public URL of
 * that mount point; req.url (relative to it) is appended to build the Fetch URL.
 * Requests the handler does not know fall through to the next middleware.
 */
export function fetchMiddleware(baseUrl: string, handler: FetchHandler): RequestHandler {
  const base = baseUrl.replace(/\/+$/, '');
  return async (req, res, next) => {
    try {
      const response = await handler(await toFetchRequest(req, base + req.url));
      if (!response) return next();
      await writeFetchResponse(res, response);
    } catch (err) {
      // Injected fault: the caller sees the connection drop, as with a real network failure.
      if (err instanceof ChaosConnectionReset) req.socket.destroy();
      else next(err);
    }
  };
}
