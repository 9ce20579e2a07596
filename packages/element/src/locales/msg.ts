// Localization: four message tables in the bundle (no fetch), picked per element, so two checkouts
// in different languages can share a page. Amounts are formatted by Intl with the chosen tag.
import type { CheckoutErrorCode } from '../controllers/api-client.js';
import { az } from './az.js';
import { en, KEYS, type MessageKey, type Messages } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

export type { MessageKey, Messages };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const TABLES = { kk, ru, en, az } as const;
export type Language = keyof typeof TABLES;

/** The shopper message of each error code; codes that mean the same to a shopper share one. */
const ERROR_MESSAGES: Readonly<Record<CheckoutErrorCode, MessageKey>> = {
  invalid_request: 'error.request',
  unsupported_media_type: 'error.request',
  payload_too_large: 'error.request',
  invalid_signature: 'error.request',
  idempotency_key_required: 'error.request',
  idempotency_key_reused: 'error.request',
  bad_response: 'error.request',
  unauthorized: 'error.link',
  invalid_client_secret: 'error.link',
  not_found: 'error.notFound',
  session_not_found: 'error.notFound',
  payment_not_found: 'error.notFound',
  session_expired: 'expired.heading',
  session_completed: 'error.paid',
  idempotency_key_in_use: 'error.wait',
  rate_limited: 'error.wait',
  method_not_available: 'error.methodUnavailable',
  otp_not_expected: 'error.noCodeExpected',
  // Only the Change number step asks for a cancel, and it goes on whatever the answer.
  payment_not_cancelable: 'error.internal',
  resend_not_available: 'error.resendTooSoon',
  resend_limit_reached: 'otp.noResends',
  too_many_attempts: 'failure.too_many_attempts',
  provider_error: 'failure.provider_error',
  provider_unavailable: 'error.providerUnavailable',
  network_error: 'error.network',
  timeout: 'error.network',
  redirect_blocked: 'error.redirectBlocked',
  internal_error: 'error.internal',
  aborted: 'error.internal',
  // Merchant API codes: a shopper never causes them.
  operation_not_supported: 'error.internal',
  payment_state_conflict: 'error.internal',
  amount_out_of_range: 'error.internal',
  saved_card_not_found: 'error.request',
  payout_not_found: 'error.internal',
  provider_not_configured: 'error.internal',
  currency_not_supported: 'error.internal',
  card_number_invalid: 'error.internal',
  subscription_not_found: 'error.internal',
  subscription_not_active: 'error.internal',
};

export interface Locale {
  /** The tag as found (ru-KZ), for Intl. */
  tag: string;
  /** The table it selects (ru). */
  language: Language;
}

/**
 * The first candidate whose language has a table: the element's lang, then the page's, then the
 * browser's preferences. A region falls back to its language (kk-KZ -> kk); nothing usable -> en.
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const tag of candidates) {
    const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (language && Object.hasOwn(TABLES, language)) return { tag: tag!.trim().replace('_', '-'), language: language as Language };
  }
  return { tag: 'en', language: 'en' };
}

// Source tables are key -> text; the build turns each into an array in KEYS order (no key repeated
// four times in the bundle), so a text is found either way.
const INDEX = new Map(KEYS.map((key, index) => [key, index]));
const lookup = (table: Messages | readonly string[], key: MessageKey): string | undefined =>
  Array.isArray(table) ? (table as readonly string[])[INDEX.get(key)!] : (table as Messages)[key];

export function translator(language: Language): Translate {
  const table = TABLES[language];
  return (key, params) =>
    (lookup(table, key) ?? lookup(en, key) ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/** The shopper message of an error code; codes newer than this bundle get the generic one. */
export function errorText(t: Translate, code: string): string {
  return t(Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as CheckoutErrorCode] : 'error.internal');
}

/** True when a string is a key of the tables (failure codes come from the server). */
export function hasMessage(key: string): key is MessageKey {
  return INDEX.has(key as MessageKey);
}
