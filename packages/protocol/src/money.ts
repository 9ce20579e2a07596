// Money is an integer in minor units plus an ISO 4217 currency everywhere inside pay-checkout.
// Provider adapters convert at their edge with these helpers; nothing else does arithmetic on floats.
// This module has no dependencies so the element can import it at runtime.

/** ISO 4217 minor-unit exponents for the currencies a session may carry. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  KZT: 2,
  AZN: 2,
  RUB: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  UZS: 2,
  KGS: 2,
  TRY: 2,
  GEL: 2,
  UAH: 2,
  CNY: 2,
  AED: 2,
  TJS: 2,
  AMD: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
});

export function isSupportedCurrency(currency: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENTS, currency);
}

export function currencyExponent(currency: string): number {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === undefined) throw new RangeError(`Unsupported currency: ${currency}`);
  return exponent;
}

/** 150050 KZT minor -> 1500.5 (for providers that take a float in major units). */
export function toMajorUnits(minor: number, currency: string): number {
  assertMinor(minor);
  const exponent = currencyExponent(currency);
  return Number(toDecimalString(minor, currency, exponent));
}

/** 150050 KZT minor -> "1500.50" (for providers that take a decimal string). */
export function toDecimalString(minor: number, currency: string, exponent = currencyExponent(currency)): string {
  assertMinor(minor);
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * 1500.5 or "1500.50" -> 150050. Throws when the value has more precision than the currency allows
 * (beyond float noise), so a provider answering with an unexpected amount can never be rounded into a match.
 */
export function fromMajorUnits(major: number | string, currency: string): number {
  const exponent = currencyExponent(currency);
  const value = typeof major === 'string' ? Number(major.trim()) : major;
  if (typeof major === 'string' && !/^-?\d+(\.\d+)?$/.test(major.trim())) {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(major)}`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${String(major)}`);
  const scaled = value * 10 ** exponent;
  const minor = Math.round(scaled);
  if (Math.abs(scaled - minor) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    throw new RangeError(`${String(major)} has more precision than ${currency} allows`);
  }
  return minor;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Amount must be an integer in minor units, got ${minor}`);
}
