// Order model of the Kapital Bank simulator. Names follow the collection; amounts are kept in
// qəpik (minor units) inside the simulator and printed as numbers in manat, as the bank does.

/** The thirteen statuses of the "Payment Statuses" table, as API identifiers ("Being prepared" is Preparing). */
export const KAPITAL_STATUSES = [
  'Preparing',
  'Cancelled',
  'Rejected',
  'Refused',
  'Expired',
  'Authorized',
  'PartiallyPaid',
  'FullyPaid',
  'Funded',
  'Declined',
  'Voided',
  'Refunded',
  'Closed',
] as const;
export type KapitalStatus = (typeof KAPITAL_STATUSES)[number];

/**
 * Order types the simulator runs: purchase and preauthorization through the hosted page, and their
 * saved-card twins paid with a stored token (Order_REC purchase, DMSN3D preauthorization), and OCT,
 * the Order Credit Transaction that pays out to a card.
 */
export type KapitalOrderType = 'Order_SMS' | 'Order_DMS' | 'Order_REC' | 'DMSN3D' | 'OCT';

/** Paid with a stored token (Set Source Token + Execution Transaction), never on the hosted page. */
export const STORED_TOKEN_ORDERS: ReadonlySet<KapitalOrderType> = new Set(['Order_REC', 'DMSN3D']);
/** Never on the hosted page: the stored-token orders, and OCT (a credit to a card, a payout). */
export const PAGELESS_ORDERS: ReadonlySet<KapitalOrderType> = new Set(['Order_REC', 'DMSN3D', 'OCT']);
/** Preauthorization types: a hold first (phase Auth), then clearing. */
export const DUAL_MESSAGE_ORDERS: ReadonlySet<KapitalOrderType> = new Set(['Order_DMS', 'DMSN3D']);

/** The card-on-file purposes of the collection; "Use all 3 data when saving". */
export const COF_PURPOSES = ['UnspecifiedMit', 'Cit', 'Recurring'] as const;
export type KapitalLanguage = 'az' | 'en' | 'ru';

/** The accepted `order` of Create Order. */
export interface KapitalOrderRequest {
  typeRid: KapitalOrderType;
  /** As sent: "1.0", "10.00" or a number. */
  amount: string | number;
  currency: string;
  language: KapitalLanguage;
  description?: string;
  /** Required for hosted-page orders; the Recurring example has none. */
  hppRedirectUrl?: string;
  title?: string;
  hppCofCapturePurposes?: string[];
}

export interface KapitalCard {
  pan: string;
  brand: 'Visa' | 'Mastercard';
  /** MMYY, as the bank prints it ("1126"). */
  expiration: string;
  holder: string;
  /** When it was entered on the hosted page. */
  enteredAt: number;
}

export interface KapitalTransaction {
  actionId: string;
  /** Only on approved transactions. */
  approvalCode?: string;
  ridByPmo: string;
  regTime: number;
  /** qəpik */
  amount: number;
  /** qəpik the transaction moves in clearing: + charge, - refund or reversal, 0 hold. */
  clearAmount: number;
  phase: 'Single' | 'Auth' | 'Clearing';
  type: 'Purchase' | 'Refund' | 'Credit';
  isReversal: boolean;
  pmoResultCode: string;
  description: string;
}

export interface KapitalOrder {
  id: number;
  password: string;
  secret: string;
  typeRid: KapitalOrderType;
  status: KapitalStatus;
  prevStatus: KapitalStatus | null;
  /** Who moved the status last (the API user, or the consumer on the hosted page). */
  lastStatusLogin: string;
  request: KapitalOrderRequest;
  /** qəpik */
  amount: number;
  /** From a description of the form TAKSIT=N. */
  installmentMonths: number | null;
  createdAt: number;
  statusChangedAt: number;
  finishedAt: number | null;
  card?: KapitalCard;
  tokenId?: number;
  /** The stored token (storedId) the hosted page issued for the card, when the order asked to keep it. */
  storedTokenId?: number;
  /** OCT orders: the card the credit goes to (Set Destination Token), and its token id. */
  dstCard?: KapitalCard;
  dstTokenId?: number;
  /** Stored-token orders: how Set Source Token said the payment is initiated. */
  initiationEnvKind?: 'Server' | 'Browser';
  /** Hosted page submissions with invalid fields; Cancel after one is a refusal. */
  failedAttempts: number;
  /** qəpik held, cleared and refunded. */
  authorized: number;
  cleared: number;
  refunded: number;
  trans: KapitalTransaction[];
}

/** Statuses after which no payment can be made on the order and finishTime is set. */
export const FINISHED: ReadonlySet<KapitalStatus> = new Set([
  'Cancelled', 'Rejected', 'Refused', 'Expired', 'Declined', 'Voided', 'Refunded', 'Closed',
]);
