// The hosted alternative: a signed Monetix Payment Page URL that opens straight on mobile commerce,
// with the operator preselected (payment_methods_options.enable_mobile_service / selected_operator).
import { monetixSign } from './signature.js';

export interface PaymentPageInput {
  pageUrl: string;
  projectId: number;
  secretKey: string;
  paymentId: string;
  customer: { id: string; firstName: string; lastName: string; email: string };
  amount: number;
  currency: string;
  operator?: string | undefined;
  successUrl: string;
  failUrl: string;
}

export function paymentPageUrl(input: PaymentPageInput): string {
  const params: Record<string, string | number> = {
    project_id: input.projectId,
    payment_id: input.paymentId,
    customer_id: input.customer.id,
    customer_first_name: input.customer.firstName,
    customer_last_name: input.customer.lastName,
    customer_email: input.customer.email,
    payment_currency: input.currency,
    payment_amount: input.amount,
    force_payment_method: 'mobile',
    merchant_success_url: input.successUrl,
    merchant_fail_url: input.failUrl,
  };
  if (input.operator) {
    params.payment_methods_options = JSON.stringify({ enable_mobile_service: 1, selected_operator: input.operator });
  }
  // Relative to the configured page URL, which may carry a path (the sandbox is mounted under one).
  const url = new URL(`${input.pageUrl.replace(/\/+$/, '')}/payment`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  url.searchParams.set('signature', monetixSign(params, input.secretKey));
  return url.toString();
}
