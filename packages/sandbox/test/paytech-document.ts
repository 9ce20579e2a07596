import { paytechDocument } from './paytech-helpers.js';

/**
 * The PaymentMethod enum as the document prints it (both places it appears must agree). One value
 * is printed "PAYCO_TR," with a stray comma inside the quotes; the comma is dropped.
 */
export function PAYMENT_METHODS_FROM_DOCUMENT(): string[] {
  const lists = [...paytechDocument().matchAll(/string \(PaymentMethod\)\nEnum: (.*)\n/g)].map((m) => m[1]!);
  if (lists.length !== 2 || lists[0] !== lists[1]) throw new Error('the document should list PaymentMethod twice, identically');
  return [...lists[0]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/,$/, ''));
}
