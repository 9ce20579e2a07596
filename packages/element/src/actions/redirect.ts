// Handoff to a hosted payment page. The URL comes from our server, but the element still refuses any
// origin the session did not list, so a compromised or buggy answer cannot send shoppers elsewhere.
import type { RedirectAction } from '@pay-checkout/protocol';
import type { ActionHandler } from './types.js';

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function isAllowedRedirect(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

export const handleRedirect: ActionHandler<RedirectAction> = (action, host) => {
  if (!isAllowedRedirect(action.url, host.session.redirectOrigins)) {
    host.fail('redirect_blocked');
    return;
  }
  const option = host.session.methods.find((method) => method.provider === action.provider);
  return host.redirect(action.url, option?.providerName ?? action.provider);
};
