// Shared HTTP plumbing for provider clients: JSON in and out, a hard timeout, and errors that say
// whether the provider answered (a definite refusal) or not (the outcome is unknown).
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    /** 'rejected': the provider answered with an error; 'unavailable': no usable answer (timeout, network, 5xx). */
    readonly kind: 'rejected' | 'unavailable',
    readonly status: number | null = null,
    readonly providerMessage: string | null = null,
  ) {
    super(message);
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

export async function requestJson(request: JsonRequest): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new ProviderError(timedOut ? 'provider timed out' : 'provider unreachable', 'unavailable');
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ProviderError(`provider answered ${response.status} with a non-JSON body`, 'unavailable', response.status);
    }
  }
  if (response.status >= 500) throw new ProviderError(`provider answered ${response.status}`, 'unavailable', response.status);
  if (!response.ok) {
    throw new ProviderError(`provider refused with ${response.status}`, 'rejected', response.status, providerMessage(body));
  }
  return body;
}

function providerMessage(body: unknown): string | null {
  if (body && typeof body === 'object') {
    for (const key of ['message', 'error', 'errorDescription', 'description']) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string') return value.slice(0, 200);
    }
  }
  return null;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
