// The server's configuration, validated once at start: a bad value stops start-up with its name.
import { z } from 'zod';
import type { Logger } from './log.js';

const Url = z.url({ protocol: /^https?$/ });
const Origin = z
  .url({ protocol: /^https?$/ })
  .transform((value) => new URL(value).origin);

export const PitechConfig = z.strictObject({
  appId: z.string().min(1),
  secretId: z.string().min(1),
  /** PITECH gateway; the test environment unless told otherwise. */
  baseUrl: Url.default('https://cards-stage.pitech.kz'),
  /** Origins of PITECH's hosted payment page the shopper may be sent to; defaults to the baseUrl's origin. */
  paymentPageOrigins: z.array(Origin).min(1).optional(),
  /** Hosted page template name. */
  template: z.string().min(1).optional(),
});

export const CheckoutConfig = z.strictObject({
  /** Absolute URL where the router is mounted, as browsers and providers reach it (return and callback URLs). */
  publicUrl: Url.transform((value) => value.replace(/\/+$/, '')),
  /** Merchant API key for creating sessions over HTTP; at least 24 characters. */
  apiKey: z.string().min(24, 'must be at least 24 characters'),
  merchantName: z.string().min(1).max(128),
  database: z.strictObject({ path: z.string().min(1) }),
  providers: z.strictObject({ pitech: PitechConfig.optional() }).refine(
    (providers) => Object.values(providers).some(Boolean),
    'at least one provider must be configured',
  ),
  sessionTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
  /** Where a session's returnUrl may point; any http(s) URL when empty. */
  returnUrlOrigins: z.array(Origin).default([]),
  /** Origins allowed to call the element-facing API cross-origin; same-origin only when empty. */
  allowedOrigins: z.array(Origin).default([]),
  /** How long a provider call may take before it counts as unavailable. */
  providerTimeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null && 'info' in value).optional(),
});

export type CheckoutConfigInput = z.input<typeof CheckoutConfig>;
export type ResolvedConfig = z.output<typeof CheckoutConfig>;
export type PitechSettings = z.output<typeof PitechConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid pay-checkout configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

export function parseConfig(input: unknown): ResolvedConfig {
  const result = CheckoutConfig.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })),
  );
}
