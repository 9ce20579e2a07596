// Kazakh mobile network operators: the documented five as the fallback list, and the suggestion
// from a number's prefix (numbers are portable, so the shopper may change it).
import type { MobileOperator } from '@pay-checkout/protocol';

export const DOCUMENTED_OPERATORS: MobileOperator[] = [
  { id: 'ACTIV', name: 'Activ' },
  { id: 'ALTEL', name: 'Altel' },
  { id: 'BEELINE', name: 'Beeline' },
  { id: 'KCELL', name: 'Kcell' },
  { id: 'TELE2', name: 'Tele2' },
];

/** Reads the operator list answer in the shapes the platform uses (objects or plain ids). */
export function parseOperators(body: unknown): MobileOperator[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).operators ?? (body as Record<string, unknown>).list)
      : null;
  if (!Array.isArray(list)) return [];
  const known = new Map(DOCUMENTED_OPERATORS.map((o) => [o.id, o.name]));
  return list.flatMap((entry): MobileOperator[] => {
    if (typeof entry === 'string') return [{ id: entry.toUpperCase(), name: known.get(entry.toUpperCase()) ?? entry }];
    if (!entry || typeof entry !== 'object') return [];
    const fields = entry as Record<string, unknown>;
    const id = [fields.id, fields.code, fields.operator].find((v) => typeof v === 'string') as string | undefined;
    if (!id) return [];
    const name = [fields.name, fields.title].find((v) => typeof v === 'string') as string | undefined;
    return [{ id: id.toUpperCase(), name: name ?? known.get(id.toUpperCase()) ?? id }];
  });
}
