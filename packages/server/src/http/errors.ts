// One error shape for the whole API: { error: { code, message, details? } } with a 4xx/5xx status.
import type { ErrorBody, ErrorCode } from '@pay-checkout/protocol';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { Logger } from '../log.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }

  static invalid(error: ZodError, what = 'request body'): ApiError {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    return new ApiError(
      400,
      'invalid_request',
      first ? `Invalid ${what}: ${first.path || '(root)'} ${first.message}` : `Invalid ${what}`,
      { issues },
    );
  }
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(new ApiError(404, 'not_found', 'No such endpoint').toBody());
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) logger.error('request.failed', { method: req.method, path: req.path, error });
    if (res.headersSent) return;
    res.status(apiError.status).json(apiError.toBody());
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.parse.failed') return new ApiError(400, 'invalid_request', 'Request body is not valid JSON');
  if (type === 'entity.too.large') return new ApiError(413, 'payload_too_large', 'Request body is too large');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ApiError(415, 'unsupported_media_type', 'Request body must be UTF-8 JSON');
  }
  // Express's router cannot decode a path parameter (a stray %): it names nothing we have.
  if (error instanceof URIError) return new ApiError(404, 'not_found', 'No such resource');
  // Any other refusal of the request itself (body-parser's aborted or mis-sized bodies) is the client's.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError(400, 'invalid_request', 'The request could not be read');
  return new ApiError(500, 'internal_error', 'Something went wrong on our side');
}
