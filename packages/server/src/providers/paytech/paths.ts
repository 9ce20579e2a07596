// pay.tech HTTP paths, in one place. The gateway document (paytech-gateway-api.txt, Redoc text)
// names the operations but prints no methods or paths; these are the ones pay.tech's public
// integration guide and API reference give for the same operations (engine.pay.tech /
// engine-sandbox.pay.tech, Bearer auth with the shop API key). The simulator serves the same.
export const PAYTECH_PATHS = {
  /** Create payment (DEPOSIT, WITHDRAWAL, REFUND). */
  createPayment: { method: 'POST', path: '/api/v1/payments' },
  /** Get payments (offset, limit, created.gte/lt, updated.gte/lt, referenceId.eq). */
  listPayments: { method: 'GET', path: '/api/v1/payments' },
  /** Find payment (by Id). */
  findPayment: { method: 'GET', path: '/api/v1/payments/{id}' },
  /** Execute deposit (host-to-host, not used by the adapter). */
  executeDeposit: { method: 'PATCH', path: '/api/v1/payments/{id}' },
  /** Capture payment (AUTHORIZED only). */
  capturePayment: { method: 'POST', path: '/api/v1/payments/{id}/capture' },
  /** Void payment (AUTHORIZED only; becomes CANCELLED). */
  voidPayment: { method: 'POST', path: '/api/v1/payments/{id}/void' },
  /** Get operations (most recent first). */
  paymentOperations: { method: 'GET', path: '/api/v1/payments/{id}/operations' },
  /** Find subscription (by Id). */
  findSubscription: { method: 'GET', path: '/api/v1/subscriptions/{id}' },
  /** Patch subscription: the document's only change is `{"state":"CANCELLED"}`. */
  patchSubscription: { method: 'PATCH', path: '/api/v1/subscriptions/{id}' },
  /** Get withdrawal balances (payouts). */
  balances: { method: 'GET', path: '/api/v1/balances' },
} as const;

/** A path with its payment or subscription id filled in; ids are 32 letters or digits, so nothing needs escaping. */
export function pathWithId(template: string, id: string): string {
  return template.replace('{id}', encodeURIComponent(id));
}
