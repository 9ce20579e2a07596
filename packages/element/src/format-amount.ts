// Minor units -> a locale-aware currency string ("1 500,00 ₸" in ru, "₸1,500.00" in en).
import type { Money } from '@pay-checkout/protocol';
import { currencyExponent } from '@pay-checkout/protocol/money';

const cache = new Map<string, Intl.NumberFormat>();

// Some Chromium builds ship ICU without Kazakh or Azerbaijani number data and format with the root
// pattern ("₸ 1,500.00"). These locales write amounts the same way ("1 500,00 ₸", "1.500,00 ₼").
const NUMBER_FALLBACKS: Readonly<Record<string, string>> = { kk: 'ru-KZ', az: 'de-DE' };
const ROOT_SAMPLE = '1,234.5';

function numberLocale(locale: string): string {
  const fallback = NUMBER_FALLBACKS[locale.split('-')[0]!.toLowerCase()];
  if (!fallback) return locale;
  try {
    return new Intl.NumberFormat(locale).format(1234.5) === ROOT_SAMPLE ? fallback : locale;
  } catch {
    return fallback;
  }
}

function formatter(locale: string, currency: string, exponent: number): Intl.NumberFormat {
  const id = `${locale}|${currency}`;
  let format = cache.get(id);
  if (!format) {
    const options: Intl.NumberFormatOptions = {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol', // ₸ and ₼ rather than KZT and AZN
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    };
    try {
      format = new Intl.NumberFormat(numberLocale(locale), options);
    } catch {
      format = new Intl.NumberFormat('en', options); // malformed lang attribute
    }
    cache.set(id, format);
  }
  return format;
}

export function formatAmount(amount: Money, locale: string): string {
  let exponent: number;
  try {
    exponent = currencyExponent(amount.currency);
  } catch {
    exponent = 2; // a currency newer than this bundle: ISO's most common exponent
  }
  return formatter(locale, amount.currency, exponent).format(amount.value / 10 ** exponent);
}
