// PMO (processing) result codes from the collection's "PmoDecline Codes" table: their titles, and
// which of our failure codes each decline means. Titles are the bank's words, shown as the reason.
import type { FailureCode } from '@pay-checkout/protocol';

export const PMO_RESULT_TITLES: Readonly<Record<string, string>> = {
  '0': 'None',
  '1': 'Approved',
  '2': 'Approved Partial',
  '3': 'Approved Purchase Only',
  '4': 'Postponed',
  '6': 'Strong customer authentication required',
  '7': "Need Checker's confirmation",
  '8': 'Telebank customer already exists',
  '9': 'Should select virtual card product',
  '10': 'Should select account number',
  '11': 'Should change PVV',
  '12': 'Confirm payment precheck',
  '13': 'Select bill',
  '14': 'Customer confirmation requested',
  '15': 'Original transaction not found',
  '16': 'Slip already received',
  '17': 'Personal information input error',
  '18': 'SMS/EMail dynamic password requested',
  '19': 'DPA/CAP dynamic password requested',
  '20': 'Prepaid code not found',
  '21': 'Corresponding account exhausted',
  '22': 'Acquirer limit exceeded',
  '23': 'Cutover in process',
  '24': 'Dynamic PVV Expired',
  '25': 'Weak PIN',
  '26': 'External authentication required',
  '27': 'Additional data required',
  '29': 'Closed account',
  '30': 'Blocked',
  '40': 'Lost card',
  '41': 'Stolen card',
  '49': 'Ineligible vendor account',
  '50': 'Unauthorized usage',
  '51': 'Expired card',
  '52': 'Invalid card',
  '53': 'Invalid PIN',
  '54': 'System error',
  '55': 'Ineligible transaction',
  '56': 'Ineligible account',
  '57': 'Transaction not supported',
  '58': 'Restricted card',
  '59': 'Insufficient funds',
  '60': 'Uses limit exceeded',
  '61': 'Withdrawal limit would be exceeded',
  '62': 'PIN tries limit was reached',
  '63': 'Withdrawal limit already reached',
  '64': 'Credit amount limit',
  '65': 'No statement information',
  '66': 'Statement not available',
  '67': 'Invalid amount',
  '68': 'External decline',
  '69': 'No sharing',
  '71': 'Contact card issuer',
  '72': 'Destination not available',
  '73': 'Routing error',
  '74': 'Format error',
  '75': 'External decline special condition',
  '80': 'Bad CVV',
  '81': 'Bad CVV2',
  '82': 'Invalid transaction',
  '83': 'PIN tries limit was exceeded',
  '84': 'Bad CAVV',
  '85': 'Bad ARQC',
  '90': 'Approve administrative card operation inside window',
  '91': 'Approve administrative card operation outside of window',
  '92': 'Approve administrative card operation',
  '93': 'Should select card',
  '94': 'Confirm Issuer Fee',
  '95': 'Insufficient cash',
  '96': 'Approved frictionless',
  '98': 'Invalid merchant',
};

/** Codes that approve (fully, partially or frictionless): not a failure. */
const APPROVED = new Set(['1', '2', '3', '90', '91', '92', '96']);
const INSUFFICIENT_FUNDS = new Set(['59', '95']);
/** Not about the card: the bank, its processing or the merchant's set-up (or a step our flow never takes). */
const PROVIDER_SIDE = new Set([
  '0', '4', '7', '8', '9', '10', '12', '13', '14', '15', '16', '20', '21', '22', '23', '49', '54', '64', '65', '66',
  '67', '72', '73', '74', '93', '94', '98',
]);

export function isApprovedPmoCode(code: string): boolean {
  return APPROVED.has(code.trim());
}

/** Why a transaction with this PMO code failed, or null when the code approves it. */
export function pmoFailureCode(code: string): FailureCode | null {
  const key = code.trim();
  if (APPROVED.has(key)) return null;
  if (INSUFFICIENT_FUNDS.has(key)) return 'insufficient_funds';
  if (PROVIDER_SIDE.has(key)) return 'provider_error';
  // Card, cardholder and issuer refusals (lost, stolen, expired, restricted, bad CVV2, 3-D Secure ...).
  return 'card_declined';
}

/** The bank's title for a PMO code, e.g. "Insufficient funds". */
export function pmoTitle(code: string): string {
  return PMO_RESULT_TITLES[code.trim()] ?? `Processing code ${code.trim()}`;
}
