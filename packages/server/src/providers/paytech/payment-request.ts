// The Create payment request for a checkout payment: a DEPOSIT in major units, our payment id as
// referenceId, the shopper back to our return handler, webhooks to our callback URL; a recurring
// chain started when the shopper asked to keep the card.
import { toMajorUnits } from '@pay-checkout/protocol/money';
import { type CreatePaymentInput, manualCapture } from '../types.js';
import type { PaytechCustomer, PaytechPaymentRequest } from './client.js';
import type { PaytechSettings } from './config.js';

export function depositRequest(settings: PaytechSettings, input: CreatePaymentInput): PaytechPaymentRequest {
  const { payment, session, returnUrls, callbackUrl, locale } = input;
  const customer = customerOf(session.customer, locale);
  return {
    referenceId: payment.id,
    paymentType: 'DEPOSIT',
    // One allowed method is asked for; with several, pay.tech's page offers the shop's methods.
    ...(settings.paymentMethods.length === 1 ? { paymentMethod: settings.paymentMethods[0] } : {}),
    amount: toMajorUnits(payment.amount, payment.currency),
    currency: payment.currency,
    description: session.description,
    ...(customer ? { customer } : {}),
    returnUrl: returnUrls.success,
    webhookUrl: callbackUrl,
    ...(manualCapture(session, settings.twoPhase) ? { preAuth: true } : {}),
    // The shopper asked to keep the card: the paid deposit starts a recurring chain (saved-card.ts).
    ...(input.saveCard ? { startRecurring: true } : {}),
  };
}

/** pay.tech's Customer: our customer id as referenceId, the name split once, the page language. */
export function customerOf(
  customer: { id?: string | undefined; email?: string | undefined; phone?: string | undefined; name?: string | undefined },
  locale?: string,
): PaytechCustomer | null {
  const [firstName, ...rest] = (customer.name ?? '').trim().split(/\s+/).filter(Boolean);
  const language = locale?.split('-')[0]?.toLowerCase();
  const result: PaytechCustomer = {
    ...(customer.id ? { referenceId: customer.id } : {}),
    ...(firstName ? { firstName } : {}),
    ...(rest.length ? { lastName: rest.join(' ') } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(language ? { locale: language } : {}),
  };
  return Object.keys(result).length ? result : null;
}
