// Card numbers the sandbox recognises. All are Luhn-valid; the masks mirror the
// spec's examples (440564-#####-6150, 490472-#####-8492, 516949-#####-8024).
export type PitechTestOutcome = 'success' | 'declined' | 'timed_out';

export interface PitechTestCard {
  readonly number: string;
  readonly issuer: 'visa' | 'mastercard';
  readonly outcome: PitechTestOutcome;
  /** What the page note says about this card. */
  readonly label: string;
  /** `message` in the status response and callback. */
  readonly message: string;
}

export const PITECH_TEST_CARDS = {
  visaSuccess: {
    number: '4405645000006150',
    issuer: 'visa',
    outcome: 'success',
    label: 'paid (AUTH_OK for two-phase orders)',
    message: 'Approved',
  },
  mastercardSuccess: {
    number: '5169495000038024',
    issuer: 'mastercard',
    outcome: 'success',
    label: 'paid, Mastercard',
    message: 'Approved',
  },
  declined: {
    number: '4904725000098492',
    issuer: 'visa',
    outcome: 'declined',
    label: 'declined: Not sufficient funds (ERROR)',
    message: 'Not sufficient funds',
  },
  threeDsTimeout: {
    number: '4405645000030036',
    issuer: 'visa',
    outcome: 'timed_out',
    label: '3-D Secure not completed (TIMED_OUT)',
    message: '3-D Secure authentication expired',
  },
} as const satisfies Record<string, PitechTestCard>;

/** Message for Luhn-valid numbers that are not test cards. */
export const UNKNOWN_CARD_MESSAGE = 'Card not supported in sandbox';

export function findTestCard(pan: string): PitechTestCard | undefined {
  return Object.values(PITECH_TEST_CARDS).find((c) => c.number === pan);
}
