// Card numbers the simulator recognises, all Luhn-valid. The first is the collection's own test
// card (PAN 4169741330151778, ExpDate 11/26, CVV 119): it pays only with exactly that expiry and CVV.

export type KapitalTestOutcome = 'success' | 'declined';

export interface KapitalTestCard {
  readonly number: string;
  readonly brand: 'Visa' | 'Mastercard';
  readonly outcome: KapitalTestOutcome;
  /** Required expiry (MM/YY) and CVV, when the card has fixed ones. */
  readonly expiry?: string;
  readonly cvc?: string;
  /** PMO result code of the outcome ("1" approved). */
  readonly pmoResultCode: string;
  /** What the page note says about this card. */
  readonly label: string;
}

export const KAPITAL_TEST_CARDS = {
  documented: {
    number: '4169741330151778',
    brand: 'Visa',
    outcome: 'success',
    expiry: '11/26',
    cvc: '119',
    pmoResultCode: '1',
    label: 'paid (Authorized for Order_DMS); expiry 11/26, CVV 119 only',
  },
  mastercardSuccess: {
    number: '5103070000013118',
    brand: 'Mastercard',
    outcome: 'success',
    pmoResultCode: '1',
    label: 'paid, Mastercard, any future expiry and CVV',
  },
  declined: {
    number: '4169740000010058',
    brand: 'Visa',
    outcome: 'declined',
    pmoResultCode: '58',
    label: 'Declined: 58 Restricted card',
  },
  insufficientFunds: {
    number: '4169740000000059',
    brand: 'Visa',
    outcome: 'declined',
    pmoResultCode: '59',
    label: 'Declined: 59 Insufficient funds',
  },
} as const satisfies Record<string, KapitalTestCard>;

/** A Luhn-valid card of a brand the terminal does not take (Discover): the order is Rejected. */
export const KAPITAL_UNSUPPORTED_BRAND_CARD = '6011111111111117';

/** PMO codes of the simulator's own declines. */
export const PMO = {
  approved: '1',
  /** The documented card with another expiry: as the collection's example error ("Card not found"). */
  invalidCard: '52',
  badCvv2: '81',
} as const;

/** Titles of the codes above, from the collection's "PmoDecline Codes" table. */
const PMO_TITLES: Readonly<Record<string, string>> = {
  '1': 'Approved',
  '52': 'Invalid card',
  '58': 'Restricted card',
  '59': 'Insufficient funds',
  '81': 'Bad CVV2',
};

export function pmoTitle(code: string): string {
  return PMO_TITLES[code] ?? `Processing code ${code}`;
}

export function findTestCard(pan: string): KapitalTestCard | undefined {
  return Object.values(KAPITAL_TEST_CARDS).find((c) => c.number === pan);
}
