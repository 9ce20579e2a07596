// Tiny localization helper: pick a table by language, fill {placeholders}. Falls back to English.
import { en, type MessageKey, type Messages } from './en.js';

export type { MessageKey, Messages };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// One line per locale; keyed by primary language subtag.
const tables: Readonly<Record<string, Messages>> = { en };

export function msg(key: MessageKey, params?: MessageParams, lang = 'en'): string {
  const table = tables[lang.toLowerCase().split('-')[0] ?? 'en'] ?? en;
  const template = table[key] ?? en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A msg bound to one language, handed to views and methods. */
export function translator(lang: string): Translate {
  return (key, params) => msg(key, params, lang);
}

/** A count in a sentence: `${base}.one`, `.few`, … by the language's plural rules, else `${base}.other`. */
export function plural(t: Translate, lang: string, base: string, n: number): string {
  let rule = 'other';
  try {
    rule = new Intl.PluralRules(lang).select(n);
  } catch {
    /* malformed lang attribute */
  }
  const key = `${base}.${rule}`;
  return t((hasMessage(key) ? key : `${base}.other`) as MessageKey, { n });
}

/** The localized message of an error code; codes newer than this bundle get the generic one. */
export function errorText(t: Translate, code: string): string {
  const key = `error.${code}`;
  return t(hasMessage(key) ? key : 'error.internal_error');
}

/** True when a string is a key of the table (for error codes coming from the server). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
