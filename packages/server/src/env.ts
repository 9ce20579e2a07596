// Configuration of the standalone server from environment variables. Errors name the variable.
import { type CheckoutConfigInput, ConfigError, parseConfig } from './config.js';

/** Config field -> the environment variable it comes from. */
export const ENV_VARS: Record<string, string> = {
  publicUrl: 'PAY_CHECKOUT_PUBLIC_URL',
  apiKey: 'PAY_CHECKOUT_API_KEY',
  merchantName: 'PAY_CHECKOUT_MERCHANT_NAME',
  'database.path': 'PAY_CHECKOUT_DATABASE_PATH',
  sessionTtlSeconds: 'PAY_CHECKOUT_SESSION_TTL_SECONDS',
  returnUrlOrigins: 'PAY_CHECKOUT_RETURN_URL_ORIGINS',
  allowedOrigins: 'PAY_CHECKOUT_ALLOWED_ORIGINS',
  providerTimeoutMs: 'PAY_CHECKOUT_PROVIDER_TIMEOUT_MS',
  'providers.pitech.appId': 'PITECH_APP_ID',
  'providers.pitech.secretId': 'PITECH_SECRET_ID',
  'providers.pitech.baseUrl': 'PITECH_BASE_URL',
  'providers.pitech.paymentPageOrigins': 'PITECH_PAYMENT_PAGE_ORIGINS',
  'providers.pitech.template': 'PITECH_TEMPLATE',
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): CheckoutConfigInput {
  const value = (field: string) => {
    const raw = env[ENV_VARS[field] as string];
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const list = (field: string) => value(field)?.split(',').map((item) => item.trim()).filter(Boolean);
  const number = (field: string) => (value(field) === undefined ? undefined : Number(value(field)));
  const pitechGiven = ['appId', 'secretId', 'baseUrl'].some((key) => value(`providers.pitech.${key}`) !== undefined);

  const config: Record<string, unknown> = {
    publicUrl: value('publicUrl'),
    apiKey: value('apiKey'),
    merchantName: value('merchantName'),
    database: { path: value('database.path') ?? 'pay-checkout.db' },
    sessionTtlSeconds: number('sessionTtlSeconds'),
    returnUrlOrigins: list('returnUrlOrigins'),
    allowedOrigins: list('allowedOrigins'),
    providerTimeoutMs: number('providerTimeoutMs'),
    providers: {
      pitech: pitechGiven
        ? {
            appId: value('providers.pitech.appId'),
            secretId: value('providers.pitech.secretId'),
            baseUrl: value('providers.pitech.baseUrl'),
            paymentPageOrigins: list('providers.pitech.paymentPageOrigins'),
            template: value('providers.pitech.template'),
          }
        : undefined,
    },
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
