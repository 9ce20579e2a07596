// Configuration of the standalone server from environment variables. Errors name the variable.
import { type CheckoutConfigInput, ConfigError, parseConfig } from './config.js';

/** Config field -> the environment variable it comes from. */
export const ENV_VARS: Record<string, string> = {
  publicUrl: 'PAY_CHECKOUT_PUBLIC_URL',
  apiKey: 'PAY_CHECKOUT_API_KEY',
  merchantName: 'PAY_CHECKOUT_MERCHANT_NAME',
  'database.path': 'PAY_CHECKOUT_DATABASE_PATH',
  'database.url': 'DATABASE_URL',
  'database.schema': 'PAY_CHECKOUT_DATABASE_SCHEMA',
  sessionTtlSeconds: 'PAY_CHECKOUT_SESSION_TTL_SECONDS',
  returnUrlOrigins: 'PAY_CHECKOUT_RETURN_URL_ORIGINS',
  allowedOrigins: 'PAY_CHECKOUT_ALLOWED_ORIGINS',
  providerTimeoutMs: 'PAY_CHECKOUT_PROVIDER_TIMEOUT_MS',
  'providers.pitech.appId': 'PITECH_APP_ID',
  'providers.pitech.secretId': 'PITECH_SECRET_ID',
  'providers.pitech.baseUrl': 'PITECH_BASE_URL',
  'providers.pitech.paymentPageOrigins': 'PITECH_PAYMENT_PAGE_ORIGINS',
  'providers.pitech.template': 'PITECH_TEMPLATE',
  'providers.pitech.twoPhase': 'PITECH_TWO_PHASE',
  'providers.kapital.username': 'KAPITAL_USERNAME',
  'providers.kapital.password': 'KAPITAL_PASSWORD',
  'providers.kapital.baseUrl': 'KAPITAL_BASE_URL',
  'providers.kapital.twoPhase': 'KAPITAL_TWO_PHASE',
  'providers.paytech.apiKey': 'PAYTECH_API_KEY',
  'providers.paytech.signingKey': 'PAYTECH_SIGNING_KEY',
  'providers.paytech.baseUrl': 'PAYTECH_BASE_URL',
  'providers.paytech.twoPhase': 'PAYTECH_TWO_PHASE',
  'providers.paytech.paymentMethods': 'PAYTECH_PAYMENT_METHODS',
  'providers.paytech.paymentPageOrigins': 'PAYTECH_PAYMENT_PAGE_ORIGINS',
  'providers.paytech.currencies': 'PAYTECH_CURRENCIES',
  'routing.card': 'PAY_CHECKOUT_CARD_ROUTING',
  'providers.monetix.projectId': 'MONETIX_PROJECT_ID',
  'providers.monetix.secretKey': 'MONETIX_SECRET_KEY',
  'providers.monetix.gateUrl': 'MONETIX_GATE_URL',
  'providers.monetix.paymentPageUrl': 'MONETIX_PAYMENT_PAGE_URL',
  'providers.monetix.mode': 'MONETIX_MODE',
  'providers.monetix.resendCooldownSeconds': 'MONETIX_RESEND_COOLDOWN_SECONDS',
  'limits.mobilePerPhone.max': 'PAY_CHECKOUT_MOBILE_PER_PHONE_PER_HOUR',
  'limits.mobilePerIp.max': 'PAY_CHECKOUT_MOBILE_PER_IP_PER_HOUR',
  'notifications.url': 'PAY_CHECKOUT_NOTIFY_URL',
  'notifications.secret': 'PAY_CHECKOUT_NOTIFY_SECRET',
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): CheckoutConfigInput {
  const value = (field: string) => {
    const raw = env[ENV_VARS[field] as string];
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const list = (field: string) => value(field)?.split(',').map((item) => item.trim()).filter(Boolean);
  const number = (field: string) => (value(field) === undefined ? undefined : Number(value(field)));
  const given = (provider: string, keys: string[]) => keys.some((key) => value(`providers.${provider}.${key}`) !== undefined);
  const flag = (field: string) => (value(field) === undefined ? undefined : /^(1|true|yes)$/i.test(value(field)!));
  const hourly = (field: string) => (value(field) === undefined ? undefined : { max: number(field), windowSeconds: 3600 });

  const config: Record<string, unknown> = {
    publicUrl: value('publicUrl'),
    apiKey: value('apiKey'),
    merchantName: value('merchantName'),
    // DATABASE_URL (postgres://) selects PostgreSQL; a SQLite file otherwise.
    database: value('database.url')
      ? { url: value('database.url'), schema: value('database.schema'), path: value('database.path') }
      : { path: value('database.path') ?? 'pay-checkout.db', schema: value('database.schema') },
    sessionTtlSeconds: number('sessionTtlSeconds'),
    returnUrlOrigins: list('returnUrlOrigins'),
    allowedOrigins: list('allowedOrigins'),
    providerTimeoutMs: number('providerTimeoutMs'),
    providers: {
      pitech: given('pitech', ['appId', 'secretId', 'baseUrl'])
        ? {
            appId: value('providers.pitech.appId'),
            secretId: value('providers.pitech.secretId'),
            baseUrl: value('providers.pitech.baseUrl'),
            paymentPageOrigins: list('providers.pitech.paymentPageOrigins'),
            template: value('providers.pitech.template'),
            twoPhase: flag('providers.pitech.twoPhase'),
          }
        : undefined,
      kapital: given('kapital', ['username', 'password', 'baseUrl'])
        ? {
            username: value('providers.kapital.username'),
            password: value('providers.kapital.password'),
            baseUrl: value('providers.kapital.baseUrl'),
            twoPhase: flag('providers.kapital.twoPhase'),
          }
        : undefined,
      paytech: given('paytech', ['apiKey', 'signingKey', 'baseUrl'])
        ? {
            apiKey: value('providers.paytech.apiKey'),
            signingKey: value('providers.paytech.signingKey'),
            baseUrl: value('providers.paytech.baseUrl'),
            twoPhase: flag('providers.paytech.twoPhase'),
            paymentMethods: list('providers.paytech.paymentMethods'),
            paymentPageOrigins: list('providers.paytech.paymentPageOrigins'),
            currencies: list('providers.paytech.currencies'),
          }
        : undefined,
      monetix: given('monetix', ['projectId', 'secretKey', 'gateUrl'])
        ? {
            projectId: number('providers.monetix.projectId'),
            secretKey: value('providers.monetix.secretKey'),
            gateUrl: value('providers.monetix.gateUrl'),
            paymentPageUrl: value('providers.monetix.paymentPageUrl'),
            mode: value('providers.monetix.mode'),
            resendCooldownSeconds: number('providers.monetix.resendCooldownSeconds'),
          }
        : undefined,
    },
    // KZT=pitech,AZN=kapital,*=paytech
    routing: value('routing.card') ? { card: Object.fromEntries(list('routing.card')!.map((pair) => pair.split('=').map((x) => x.trim()))) } : undefined,
    limits: {
      mobilePerPhone: hourly('limits.mobilePerPhone.max'),
      mobilePerIp: hourly('limits.mobilePerIp.max'),
    },
    notifications:
      value('notifications.url') || value('notifications.secret')
        ? { url: value('notifications.url'), secret: value('notifications.secret') }
        : undefined,
  };
  // Validate here too, so a bad variable is reported by its name rather than its config path.
  try {
    parseConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(error.issues.map((issue) => ({ ...issue, path: ENV_VARS[issue.path] ?? issue.path })));
  }
  return config as CheckoutConfigInput;
}
