// The document's test cards ("Testing" section); any future expiry and any CVC work.
import type { SimErrorCode } from './error-codes.js';

export interface PaytechTestCard {
  readonly number: string;
  readonly threeDs: boolean;
  readonly outcome: 'success' | 'declined';
  /** The error code a decline carries (the document does not say which; these are plausible). */
  readonly errorCode?: SimErrorCode;
  readonly externalResultCode?: string;
  /** The document's wording. */
  readonly label: string;
}

export const PAYTECH_TEST_CARDS = {
  threeDsSuccess: { number: '4000000000000002', threeDs: true, outcome: 'success', label: '3D-Secure enrolled, successful authorization' },
  threeDsDeclined: {
    number: '4242424242424242', threeDs: true, outcome: 'declined', errorCode: '4.02', externalResultCode: '05',
    label: '3D-Secure enrolled, declined authorization',
  },
  success: { number: '4000000000000408', threeDs: false, outcome: 'success', label: 'Not enrolled for 3D-Secure, successful authorization' },
  declined: {
    number: '4000000000000416', threeDs: false, outcome: 'declined', errorCode: '4.01', externalResultCode: '51',
    label: 'Not enrolled for 3D-Secure, declined authorization',
  },
} as const satisfies Record<string, PaytechTestCard>;

export function findPaytechTestCard(pan: string): PaytechTestCard | undefined {
  return Object.values(PAYTECH_TEST_CARDS).find((card) => card.number === pan);
}
