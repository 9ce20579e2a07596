// Kazakh mobile commerce through Monetix Gate: the server sends the signed sale, relays the SMS code
// and resends, and takes the outcome from signed callbacks (or the status read). Optionally hands off
// to Monetix's own Payment Page instead.
import type { MobileOperator } from '@pay-checkout/protocol';
import type { MonetixSettings as MonetixConfig } from '../../config.js';
import type { PaymentRecord, SessionRecord } from '../../store/types.js';
import { ProviderError } from '../http.js';
import type { CallbackResult, CreatedPayment, CreatePaymentInput, ProviderAdapter, ProviderStatus } from '../types.js';
import { MonetixPaymentBody, statusFromBody } from './callback-body.js';
import { MonetixClient } from './client.js';
import { DOCUMENTED_OPERATORS, parseOperators } from './operators.js';
import { paymentPageUrl } from './payment-page.js';
import { monetixVerify } from './signature.js';

export function createMonetixAdapter(settings: MonetixConfig, timeoutMs: number, onWarn: (event: string, fields: Record<string, unknown>) => void): ProviderAdapter {
  const client = new MonetixClient({ ...settings, timeoutMs });
  let cached: { operators: MobileOperator[]; until: number } | null = null;

  return {
    id: 'monetix',
    displayName: 'Monetix',
    methods: ['kz_mobile'],
    currencies: ['KZT'],
    redirectOrigins: settings.mode === 'payment_page' ? [new URL(settings.paymentPageUrl).origin] : [],

    async createPayment({ payment, session, details, clientIp, returnUrls }: CreatePaymentInput): Promise<CreatedPayment> {
      const customer = customerOf(session);
      if (!details.phone) throw new ProviderError('no phone number', 'rejected');
      const number = details.phone.replace(/^\+/, '');
      if (settings.mode === 'payment_page') {
        const url = paymentPageUrl({
          pageUrl: settings.paymentPageUrl,
          projectId: settings.projectId,
          secretKey: settings.secretKey,
          paymentId: payment.id,
          customer,
          amount: payment.amount,
          currency: payment.currency,
          operator: details.operator,
          successUrl: returnUrls.success,
          failUrl: returnUrls.error,
        });
        return { providerOrderId: payment.id, providerRef: { paymentId: payment.id }, providerState: 'new', state: 'requires_action', redirectUrl: url };
      }
      await client.sale(payment.id, {
        customer: { id: customer.id, ip_address: clientIp, first_name: customer.firstName, last_name: customer.lastName, email: customer.email },
        account: { number },
        // Monetix takes integer minor units, as we keep them.
        payment: { currency: payment.currency, amount: payment.amount },
      });
      // Accepted; Monetix will call back asking for the SMS code.
      return { providerOrderId: payment.id, providerRef: { paymentId: payment.id }, providerState: 'accepted', state: 'processing', redirectUrl: null };
    },

    async fetchStatus(payment: PaymentRecord): Promise<ProviderStatus> {
      const parsed = MonetixPaymentBody.safeParse(await client.status(payment.id));
      if (!parsed.success) throw new ProviderError('Monetix status answer has an unexpected shape', 'unavailable');
      return statusFromBody(parsed.data);
    },

    handleCallback(body: unknown): CallbackResult | null {
      if (!monetixVerify(body, settings.secretKey)) return { kind: 'rejected', reason: 'invalid signature' };
      const parsed = MonetixPaymentBody.safeParse(body);
      if (!parsed.success) return null;
      return { kind: 'status', merchantReference: parsed.data.payment.id, status: statusFromBody(parsed.data) };
    },

    async submitOtp(payment: PaymentRecord, code: string): Promise<void> {
      await client.clarification(payment.id, code);
    },

    async resendOtp(payment: PaymentRecord, clientIp: string): Promise<void> {
      await client.resend(payment.id, clientIp);
    },

    partial: ['refund'],

    async refund(payment: PaymentRecord, amount: number): Promise<null> {
      await client.refund(payment.id, { currency: payment.currency, amount });
      return null; // confirmed by the refund callback
    },

    /** The signed operator list, cached; the documented five when Monetix cannot be asked. */
    async operators(): Promise<MobileOperator[]> {
      if (cached && cached.until > Date.now()) return cached.operators;
      try {
        const operators = parseOperators(await client.operators());
        if (operators.length > 0) {
          cached = { operators, until: Date.now() + settings.operatorsCacheSeconds * 1000 };
          return operators;
        }
        onWarn('monetix.operators_empty', {});
      } catch (error) {
        onWarn('monetix.operators_unavailable', { message: (error as Error).message });
      }
      // Retry the live list in a minute rather than on every session view.
      cached = { operators: DOCUMENTED_OPERATORS, until: Date.now() + 60_000 };
      return DOCUMENTED_OPERATORS;
    },
  };
}

/** Monetix requires first and last name and email; sessions offering mobile commerce carry them. */
function customerOf(session: SessionRecord) {
  const [first = '', ...rest] = (session.customer.name ?? '').trim().split(/\s+/);
  return {
    id: session.customer.id ?? session.id,
    firstName: first,
    lastName: rest.join(' ') || first,
    email: session.customer.email ?? '',
  };
}
