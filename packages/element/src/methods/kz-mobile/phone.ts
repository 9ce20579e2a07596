// Kazakh mobile numbers: +7 then a 10-digit national number starting with 7 (7XX XXX XX XX).
// Shoppers type and paste them in many shapes: +7 (701) 234-56-78, 8 701 234 5678, 77012345678, 7012345678.

/** The national number (up to 10 digits) in anything typed, pasted or autofilled. */
export function nationalDigits(text: string): string {
  let digits = text.replace(/\D/g, '');
  // A leading + means a country code; 11 digits mean a country code (7) or the trunk prefix (8);
  // national mobile numbers start with 7, so a leading 8 is always the trunk prefix.
  if ((/^\s*\+/.test(text) || digits.length > 10 || digits[0] === '8') && /^[78]/.test(digits)) {
    digits = digits.slice(1);
  }
  return digits.slice(0, 10);
}

/** 7012345678 -> "701 234 56 78"; partial numbers are grouped as far as they go. */
export function formatNational(digits: string): string {
  return [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8, 10)].filter(Boolean).join(' ');
}

export const isValidNational = (digits: string): boolean => /^7\d{9}$/.test(digits);

/** Where the caret goes after `count` digits of a formatted number. */
export function caretAfterDigits(formatted: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (/\d/.test(formatted[i]!) && ++seen === count) return i + 1;
  }
  return formatted.length;
}

// Operators by the first three digits of the national number (numbers are portable: only a suggestion).
const OPERATOR_BY_PREFIX: Readonly<Record<string, string>> = {
  '700': 'ALTEL',
  '708': 'ALTEL',
  '701': 'KCELL',
  '702': 'KCELL',
  '775': 'KCELL',
  '778': 'KCELL',
  '705': 'BEELINE',
  '771': 'BEELINE',
  '776': 'BEELINE',
  '777': 'BEELINE',
  '707': 'TELE2',
  '747': 'TELE2',
};

export function operatorForPrefix(digits: string): string | undefined {
  return OPERATOR_BY_PREFIX[digits.slice(0, 3)];
}
