// The error codes the simulator produces, with the document's text ("Error codes" table).
export const SIM_ERRORS = {
  '1.00': 'Illegal Workflow State',
  '1.04': 'Cancelled by Timeout',
  '1.06': 'Recurring Token not Found',
  '1.08': 'Invalid Amount',
  '1.10': 'Insufficient Balance',
  '2.00': 'Cancelled by Customer',
  '3.07': 'Declined by Acquirer: Card Data',
  '4.00': 'Declined by Issuer',
  '4.01': 'Insufficient Funds',
  '4.02': 'Do Not Honor',
  '5.00': 'Declined by 3DS',
  '5.01': '3DS Timeout',
} as const;

export type SimErrorCode = keyof typeof SIM_ERRORS;

export const errorOf = (code: SimErrorCode) => ({ errorCode: code, errorMessage: SIM_ERRORS[code] });
