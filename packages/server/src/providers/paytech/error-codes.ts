// pay.tech's "Error codes" table (errorCode / errorMessage of a payment) and what each means for
// the shopper, as a FailureCode. The text is kept as the failure's reason.
import type { FailureCode } from '@pay-checkout/protocol';

export const PAYTECH_ERROR_CODES: Readonly<Record<string, string>> = {
  '1.00': 'Illegal Workflow State',
  '1.01': 'Not Found',
  '1.02': 'Communication Problem',
  '1.03': 'Internal Server Error',
  '1.04': 'Cancelled by Timeout',
  '1.05': 'Terminal not Found',
  '1.06': 'Recurring Token not Found',
  '1.07': 'Payer Unaccepted',
  '1.08': 'Invalid Amount',
  '1.09': 'Invalid Currency',
  '1.10': 'Insufficient Balance',
  '2.00': 'Cancelled by Customer',
  '3.00': 'Declined by Acquirer',
  '3.01': 'Declined by Acquirer: Anti-fraud',
  '3.02': 'Declined by Acquirer: Request Validation',
  '3.03': 'Acquirer Malfunction',
  '3.04': 'Acquirer Timeout',
  '3.05': 'Acquirer Limits Reached',
  '3.06': 'Declined by Acquirer: Card Scheme',
  '3.07': 'Declined by Acquirer: Card Data',
  '3.08': 'Declined by Acquirer: Business Rules',
  '3.09': 'Not Fully 3DS',
  '3.10': 'Unknown Error Code',
  '3.11': 'Payer cannot pay',
  '3.12': 'Invalid ID Document',
  '3.13': 'ID Document Restrictions',
  '3.14': 'Declined Due to Age Requirements',
  '3.15': 'ID Document Under Temporary Restrictions',
  '3.16': 'Duplicate Payment',
  '4.00': 'Declined by Issuer',
  '4.01': 'Insufficient Funds',
  '4.02': 'Do Not Honor',
  '4.03': 'Invalid Account Number',
  '4.04': 'Declined by Issuer: Expired Card',
  '4.05': 'Issuer Limits Reached',
  '4.06': 'Card Lost or Stolen',
  '4.07': 'Invalid Security Code',
  '4.08': 'Declined by Issuer: Business Rules',
  '5.00': 'Declined by 3DS',
  '5.01': '3DS Timeout',
  '6.00': 'Declined by Internal Anti-fraud',
  '6.01': 'Card PAN Blacklisted',
  '6.02': 'Customer Email Blacklisted',
  '6.03': 'Card Issuing Country Restricted',
  '6.04': 'IP Country Restricted',
  '6.05': 'Restricted Currency',
  '6.06': 'Invalid Amount',
  '6.07': 'IP Country Must Be Equal to Billing Country',
  '6.08': 'IP Country Must Be Equal to Card Issuing Country',
  '6.09': 'Billing Country Must Be Equal to Card Issuing Country',
  '6.10': 'Payment Created Within Closed Period of Day',
  '6.11': 'Card PAN not Whitelisted',
  '6.12': 'Cardholder name is invalid',
  '6.13': 'The same card is used by different customers',
  '6.14': 'Customer Phone Blacklisted',
  '6.15': 'Card Brand not supported',
  '6.21': 'Limit exceeded: Number of completed deposits',
  '6.22': 'Limit exceeded: Number of completed deposits for card',
  '6.23': 'Limit exceeded: Number of declined deposits for card',
  '6.24': 'Limit exceeded: Number of cards for IP address',
  '6.25': 'Limit exceeded: Number of IP addresses for card',
  '6.26': 'Limit exceeded: IP country does not match card country',
  '6.27': 'Limit exceeded: Same amount and currency for card',
  '6.28': 'Limit exceeded: Amount of deposits in specified currency',
  '6.29': 'Limit exceeded: Amount of deposits for card and currency',
  '6.30': 'Limit exceeded: Amount of deposits in base currency',
  '6.31': 'Limit exceeded: Amount of deposits for card in base currency',
  '6.32': 'Limit exceeded: Number of IP countries for card',
  '6.33': 'Limit exceeded: Amount of deposits for customer in base currency',
  '6.34': 'Limit exceeded: Withdrawal amount for customer in base currency',
  '6.35': 'Billing Country Restricted',
  '6.36': 'Customer Citizenship Country Restricted',
  '6.37': 'Limit exceeded: Number of withdrawals',
  '6.38': 'Limit exceeded: Amount of withdrawals in specified currency',
  '6.39': 'Card BIN Blacklisted',
  '6.40': 'UPI VPA Blacklisted',
  '6.41': 'ID Document Blacklisted',
  '6.42': 'Limit exceeded: Decline deposits streak for card',
  '6.43': 'Limit exceeded: Incomplete deposits APM streak for email',
  '6.44': 'Customer email contains restricted word',
  '7.00': 'Declined by External Anti-fraud',
  '7.01': 'External Anti-fraud Communication Problem',
};

/** Codes that say the system, not the card, failed: the shopper may simply try again. */
const SYSTEM_ERRORS = new Set(['1.00', '1.01', '1.02', '1.03', '1.05', '1.06', '1.10', '3.03', '3.04', '3.10', '7.01']);

/**
 * The FailureCode for a pay.tech error code; null for "Cancelled by Customer" (the payment is
 * simply canceled). Unknown codes count as a decline: the card adapter's safest reading.
 */
export function paytechFailureCodeFor(errorCode: string | null | undefined): FailureCode | null {
  switch (errorCode) {
    case '2.00':
      return null;
    case '1.04':
      return 'payment_expired';
    case '4.01':
      return 'insufficient_funds';
    case '5.01':
      return 'authentication_timed_out';
    default:
      return errorCode && SYSTEM_ERRORS.has(errorCode) ? 'provider_error' : 'card_declined';
  }
}
