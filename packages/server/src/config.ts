// The server's configuration, validated once at start: a bad value stops start-up with its name.
import { z } from 'zod';
import type { MerchantEvent } from '@pay-checkout/protocol';
import type { Logger } from './log.js';
import { KapitalConfig } from './providers/kapital/config.js';
import { PaytechConfig } from './providers/paytech/config.js';
import { SCHEMA_NAME } from './store/postgres.js';

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
  /** Authorize only (cards/auth, then commit) unless a session says otherwise; off by default. */
  twoPhase: z.boolean().default(false),
});

export const MonetixConfig = z.strictObject({
  projectId: z.number().int().positive(),
  secretKey: z.string().min(1),
  /** Gate API; Monetix's public host unless told otherwise. */
  gateUrl: Url.default('https://api.trxhost.com'),
  paymentPageUrl: Url.default('https://paymentpage.trxhost.com'),
  /** 'gate': the element runs the phone and SMS-code steps; 'payment_page': hand off to Monetix's page. */
  mode: z.enum(['gate', 'payment_page']).default('gate'),
  /** How long after a code is sent the shopper may ask for a new one (the operator's 80-90 s). */
  resendCooldownSeconds: z.number().int().min(1).max(600).default(80),
  /** How long a code is accepted, for the element's messages. */
  codeTtlSeconds: z.number().int().min(1).max(600).default(85),
  maxResends: z.number().int().min(0).max(3).default(3),
  maxWrongCodes: z.number().int().min(1).max(10).default(5),
  operatorsCacheSeconds: z.number().int().min(0).default(3600),
});

const RateLimit = z.strictObject({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) });

export const LimitsConfig = z.strictObject({
  /** Mobile payments started for one phone number. */
  mobilePerPhone: RateLimit.default({ max: 5, windowSeconds: 3600 }),
  /** Mobile payments started from one IP address. */
  mobilePerIp: RateLimit.default({ max: 20, windowSeconds: 3600 }),
});

/** Where and how the server posts signed notifications of payment changes to the merchant. */
export const NotificationsConfig = z.strictObject({
  url: Url,
  /** HMAC-SHA256 key of the Pay-Checkout-Signature header; share it with the receiver only. */
  secret: z.string().min(24, 'must be at least 24 characters'),
  /** One delivery attempt may take this long. */
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** The first retry waits this long; each next one twice as long, up to maxRetryDelayMs. */
  firstRetryDelayMs: z.number().int().min(10).default(10_000),
  maxRetryDelayMs: z.number().int().min(10).default(3_600_000),
  /** Retries go on for this long after the event (three days by default). */
  giveUpAfterMs: z.number().int().min(100).default(3 * 86_400_000),
  /** How often the outbox is looked at for due events (new events are sent at once). */
  pollIntervalMs: z.number().int().min(10).default(1000),
});

/** A SQLite file (the default), or a PostgreSQL server that several server processes share. */
export const DatabaseConfig = z
  .strictObject({
    /** SQLite file (WAL mode). */
    path: z.string().min(1).optional(),
    /** postgres://user:password@host:5432/database: PostgreSQL instead of SQLite. */
    url: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    /** PostgreSQL only: a schema of its own (created when missing) instead of the connection's search_path. */
    schema: z.string().regex(SCHEMA_NAME, 'must be a lowercase SQL identifier').optional(),
  })
  .superRefine((database, ctx) => {
    if (database.path === undefined && database.url === undefined) ctx.addIssue({ code: 'custom', message: 'needs path (SQLite) or url (PostgreSQL)' });
    if (database.path !== undefined && database.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'and path name two stores: give one' });
    if (database.schema !== undefined && database.url === undefined) ctx.addIssue({ code: 'custom', path: ['schema'], message: 'is for PostgreSQL (url) only' });
  })
  .transform((database): { path: string } | { url: string; schema: string | undefined } =>
    database.url === undefined ? { path: database.path as string } : { url: database.url, schema: database.schema },
  );

export const CheckoutConfig = z.strictObject({
  /** Absolute URL where the router is mounted, as browsers and providers reach it (return and callback URLs). */
  publicUrl: Url.transform((value) => value.replace(/\/+$/, '')),
  /** Merchant API key for creating sessions over HTTP; at least 24 characters. */
  apiKey: z.string().min(24, 'must be at least 24 characters'),
  merchantName: z.string().min(1).max(128),
  database: DatabaseConfig,
  providers: z
    .strictObject({
      pitech: PitechConfig.optional(),
      kapital: KapitalConfig.optional(),
      monetix: MonetixConfig.optional(),
      paytech: PaytechConfig.optional(),
    })
    .refine(
    (providers) => Object.values(providers).some(Boolean),
    'at least one provider must be configured',
  ),
  /**
   * Which provider serves a method per currency, e.g. { card: { KZT: 'pitech', AZN: 'kapital', '*': 'paytech' } }.
   * Without a route, the first configured provider that takes the currency serves it.
   */
  routing: z
    .strictObject({
      card: z.record(z.string(), z.enum(['pitech', 'kapital', 'paytech'])).optional(),
      kz_mobile: z.record(z.string(), z.enum(['monetix'])).optional(),
    })
    .default({}),
  sessionTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
  /** Where a session's returnUrl may point; any http(s) URL when empty. */
  returnUrlOrigins: z.array(Origin).default([]),
  /** Origins allowed to call the element-facing API cross-origin; same-origin only when empty. */
  allowedOrigins: z.array(Origin).default([]),
  /** How long a provider call may take before it counts as unavailable. */
  providerTimeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  /** How often PITECH's subscriptions are read for new charges, which are recorded as payments. */
  subscriptionSyncMs: z.number().int().min(1000).max(86_400_000).default(300_000),
  /**
   * Reconciliation: every `everyMs`, payments in flight untouched for `minAgeMs` are re-read from their
   * provider; an instance holds each for `leaseMs`, so several servers don't read the same one together.
   */
  reconcile: z
    .strictObject({
      everyMs: z.number().int().min(100).max(86_400_000).default(60_000),
      minAgeMs: z.number().int().min(0).max(86_400_000).default(120_000),
      leaseMs: z.number().int().min(1).max(3_600_000).default(30_000),
      batch: z.number().int().min(1).max(10_000).default(200),
    })
    .default({ everyMs: 60_000, minAgeMs: 120_000, leaseMs: 30_000, batch: 200 }),
  limits: LimitsConfig.default({ mobilePerPhone: { max: 5, windowSeconds: 3600 }, mobilePerIp: { max: 20, windowSeconds: 3600 } }),
  logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null && 'info' in value).optional(),
  notifications: NotificationsConfig.optional(),
  /**
   * Called in this process for every payment event, from the same durable outbox as the notifications:
   * at least once, retried with them while it throws; the event id tells repeats apart.
   */
  onPaymentEvent: z.custom<(event: MerchantEvent) => void | Promise<void>>((value) => typeof value === 'function', 'must be a function').optional(),
});

/** A route to a provider that is not configured is a configuration error, found at start. */
function checkRoutes(config: z.output<typeof CheckoutConfig>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const [method, routes] of Object.entries(config.routing)) {
    for (const [currency, provider] of Object.entries(routes ?? {})) {
      if (!config.providers[provider as keyof typeof config.providers]) {
        issues.push({ path: `routing.${method}.${currency}`, message: `routes to ${provider}, which is not configured` });
      }
    }
  }
  return issues;
}

export type CheckoutConfigInput = z.input<typeof CheckoutConfig>;
export type ResolvedConfig = z.output<typeof CheckoutConfig>;
export type PitechSettings = z.output<typeof PitechConfig>;
export type MonetixSettings = z.output<typeof MonetixConfig>;
export type NotificationSettings = z.output<typeof NotificationsConfig>;
export type DatabaseSettings = z.output<typeof DatabaseConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Invalid pay-checkout configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

export function parseConfig(input: unknown): ResolvedConfig {
  const result = CheckoutConfig.safeParse(input);
  if (result.success) {
    const issues = checkRoutes(result.data);
    if (issues.length > 0) throw new ConfigError(issues);
    return result.data;
  }
  throw new ConfigError(
    result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message })),
  );
}
