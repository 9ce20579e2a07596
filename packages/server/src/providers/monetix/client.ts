// A small client for the Monetix Gate API (monetix-mobile-commerce-kz.txt): signed JSON requests,
// answered synchronously with an acknowledgement; outcomes arrive later by callback.
import { ProviderError, requestJson } from '../http.js';
import { monetixSign } from './signature.js';

export interface MonetixSettings {
  projectId: number;
  secretKey: string;
  gateUrl: string;
  timeoutMs: number;
}

export class MonetixClient {
  constructor(private readonly settings: MonetixSettings) {}

  sale(paymentId: string, body: { customer: Record<string, string>; account: { number: string }; payment: { currency: string; amount: number } }) {
    return this.call('/v2/payment/mobile/sale', paymentId, body);
  }

  clarification(paymentId: string, code: string) {
    return this.call('/v2/payment/clarification', paymentId, { additional_data: { additional_data: { approval_code: code } } });
  }

  resend(paymentId: string, ipAddress: string) {
    return this.call('/v2/customer/action/resend', paymentId, { customer: { ip_address: ipAddress } });
  }

  refund(paymentId: string, payment: { currency: string; amount: number; description?: string }) {
    return this.call('/v2/payment/mobile/refund', paymentId, { payment });
  }

  status(paymentId: string) {
    return this.call('/v2/payment/status', paymentId, {});
  }

  operators() {
    return this.call('/v2/info/mobile/sale/list', null, {});
  }

  private async call(path: string, paymentId: string | null, body: Record<string, unknown>): Promise<unknown> {
    const general: Record<string, unknown> = { project_id: this.settings.projectId };
    if (paymentId) general.payment_id = paymentId;
    const unsigned = { general, ...body };
    const signed = { ...unsigned, general: { ...general, signature: monetixSign(unsigned, this.settings.secretKey) } };
    const answer = await requestJson({
      method: 'POST',
      url: `${this.settings.gateUrl.replace(/\/+$/, '')}${path}`,
      body: signed,
      timeoutMs: this.settings.timeoutMs,
    });
    const status = answer && typeof answer === 'object' ? (answer as Record<string, unknown>).status : undefined;
    if (status === 'error') throw new ProviderError('Monetix refused the request', 'rejected', 200);
    return answer;
  }
}
