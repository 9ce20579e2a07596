import { htmlResponse, redirectResponse } from '../http.js';
import type { MonetixContext } from './context.js';
import { randomHex } from './format.js';
import { messagePage } from './html.js';
import { resendCode, startSale, submitCode } from './lifecycle.js';
import { renderCodeForm, renderPhoneForm } from './page-html.js';
import { readPageRequest } from './page-params.js';
import { isKzMobile, operatorForNumber } from './test-phones.js';
import type { MonetixPayment } from './types.js';

// The hosted Payment Page: GET {base}/payment?<signed params>, POST {base}/payment/phone,
// POST {base}/payment/code. The signed query travels along as the hidden field `q`.

const common = (ctx: MonetixContext) => ({
  smsUrl: `${ctx.baseUrl}/sms`,
  operators: ctx.operators,
});

const codeForm = (ctx: MonetixContext, payment: MonetixPayment, status = 200, extra: { error?: string; notice?: string } = {}) =>
  htmlResponse(renderCodeForm({ ...common(ctx), actionUrl: `${ctx.baseUrl}/payment/code`, payment, ...extra }), status);

const succeeded = (p: MonetixPayment) => p.status !== 'decline' && p.status !== 'awaiting clarification';

/** The result: back to the merchant (303) when it gave a URL, else a result page. */
function result(p: MonetixPayment): Response {
  const ok = succeeded(p);
  const target = ok ? p.returnUrls?.success : p.returnUrls?.fail;
  if (target) return redirectResponse(target);
  const sale = p.operations[0]!;
  return htmlResponse(ok ? messagePage('Payment successful', 'Thank you, the payment is complete.') : messagePage('Payment declined', sale.message));
}

/** A payment_id that already exists: continue it, show its result, or refuse a Gate payment's id. */
function existing(ctx: MonetixContext, p: MonetixPayment): Response {
  if (p.source !== 'payment_page') {
    return htmlResponse(messagePage('Payment ID already used', `Payment ${p.id} already exists in this project.`), 400);
  }
  if (p.status === 'awaiting clarification') return codeForm(ctx, p);
  const target = succeeded(p) ? p.returnUrls?.success : p.returnUrls?.fail;
  return htmlResponse(
    messagePage('Payment already processed', `This payment is already ${p.status}.`, target ? { href: target, text: 'Return to the shop' } : undefined),
  );
}

const invalid = (message: string) => htmlResponse(messagePage('Invalid request', message), 400);

export function showPaymentPage(ctx: MonetixContext, url: URL): Response {
  const req = readPageRequest(url.searchParams, ctx);
  if (!req.ok) return invalid(req.message);
  const known = ctx.payments.get(req.value.paymentId);
  if (known) return existing(ctx, known);
  const q = url.searchParams.toString();
  return htmlResponse(renderPhoneForm({ ...common(ctx), actionUrl: `${ctx.baseUrl}/payment/phone`, req: req.value, q }));
}

export async function submitPhone(request: Request, ctx: MonetixContext): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const q = form.get('q') ?? '';
  const req = readPageRequest(new URLSearchParams(q), ctx);
  if (!req.ok) return invalid(req.message);
  const known = ctx.payments.get(req.value.paymentId);
  if (known) return existing(ctx, known);

  // People type +7 701 123-45-67; the platform wants 77011234567.
  const phone = (form.get('phone') ?? '').replace(/[\s()+-]/g, '');
  const chosen = form.get('operator') ?? '';
  const operator = ctx.operators.some((o) => o.id === chosen) ? chosen : operatorForNumber(phone);
  if (!isKzMobile(phone)) {
    const page = renderPhoneForm({
      ...common(ctx), actionUrl: `${ctx.baseUrl}/payment/phone`, req: req.value, q, phone: form.get('phone') ?? '', operator,
      error: 'Enter an 11-digit mobile number starting with 77, e.g. 77011234567.',
    });
    return htmlResponse(page, 422);
  }
  const { paymentId, customer, amount, currency, successUrl, failUrl } = req.value;
  const payment = startSale(ctx, {
    paymentId, customer: { ...customer, ip_address: request.headers.get('x-forwarded-for') ?? '' }, number: phone, operator,
    amount, currency, description: '', source: 'payment_page', requestId: randomHex(20),
    returnUrls: { ...(successUrl && { success: successUrl }), ...(failUrl && { fail: failUrl }) },
  });
  return payment.status === 'awaiting clarification' ? codeForm(ctx, payment) : result(payment);
}

export async function submitCodeForm(request: Request, ctx: MonetixContext): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const p = ctx.payments.get(form.get('payment_id') ?? '');
  if (!p || p.source !== 'payment_page') return htmlResponse(messagePage('Payment not found', 'This payment is not known.'), 404);
  if (p.status !== 'awaiting clarification') return existing(ctx, p);

  if (form.get('action') === 'resend') {
    return resendCode(ctx, p)
      ? codeForm(ctx, p, 200, { notice: 'A new code has been sent. The previous one no longer works.' })
      : codeForm(ctx, p, 422, { error: 'Resend limit reached: a new code can be requested at most 3 times.' });
  }
  const outcome = submitCode(ctx, p, (form.get('code') ?? '').trim());
  if (outcome === 'wrong') return codeForm(ctx, p, 422, { error: 'Wrong code. Check the SMS and try again.' });
  if (outcome === 'expired') return codeForm(ctx, p, 422, { error: 'The code has expired. Use Resend code to get a new one.' });
  return result(p);
}
