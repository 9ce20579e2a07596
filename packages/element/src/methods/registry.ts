// Method type -> definition. Adding a method: a folder under methods/ and one line here.
// Typed as a full Record so a new MethodType in the protocol fails to compile until it is registered.
import type { MethodType } from '@pay-checkout/protocol';
import type { PaymentMethod } from './types.js';
import { cardMethod } from './card/card.js';
import { kzMobileMethod } from './kz-mobile/kz-mobile.js';

export const methodRegistry: { [T in MethodType]: PaymentMethod<T> } = {
  card: cardMethod,
  kz_mobile: kzMobileMethod,
};

/** The definition for a type the server offered, or undefined when this bundle does not know it. */
export function methodFor(type: string): PaymentMethod | undefined {
  return Object.hasOwn(methodRegistry, type) ? (methodRegistry as Record<string, PaymentMethod>)[type] : undefined;
}
