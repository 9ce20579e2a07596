// Templates for the states after choosing. Each state's root carries a part so merchants can style
// it and tests can find it; headings take focus (tabindex -1) when a shopper action led there.
import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentView, SessionView } from '@pay-checkout/protocol';
import type { Translate } from '../locales/msg.js';
import { hasMessage } from '../locales/msg.js';

const heading = (text: string) => html`<h2 class="heading" tabindex="-1">${text}</h2>`;

/** While the session loads: the shape of the checkout to come, and its name for screen readers. */
export function renderSkeleton(label: string): TemplateResult {
  return html`<div part="skeleton" class="skeleton" role="status">
    <span class="visually-hidden">${label}</span>
    <span class="bone short"></span><span class="bone tall"></span><span class="bone"></span><span class="bone"></span
    ><span class="bone tall"></span>
  </div>`;
}

/** A short wait with a spinner; as a step of its own (redirecting) it is a heading, to take focus. */
export function renderStatus(text: string, step = false): TemplateResult {
  return html`<div part="status" class="status" role="status">
    <span class="spinner" aria-hidden="true"></span>${step ? heading(text) : text}
  </div>`;
}

export interface ProcessingProps {
  t: Translate;
  /** Replaces the default "waiting for {provider}" text. */
  body?: string | undefined;
  providerName: string;
  gaveUp: boolean;
  onCheckAgain: () => void;
  /** Present while the hosted page is still open for this payment (shopper came back early). */
  onContinue: (() => void) | undefined;
}

export function renderProcessing(p: ProcessingProps): TemplateResult {
  return html`
    <section part="result" class="result processing">
      ${heading(p.t('processing.heading'))}
      ${p.gaveUp
        ? html`<p>${p.t('processing.pending')}</p>
            <button part="button" class="secondary" type="button" @click=${p.onCheckAgain}>
              ${p.t('processing.checkAgain')}
            </button>`
        : html`<p><span class="spinner" aria-hidden="true"></span>${p.body ?? p.t('processing.body', { provider: p.providerName })}</p>`}
      ${p.onContinue
        ? html`<button part="button" class="secondary" type="button" @click=${p.onContinue}>
            ${p.t('processing.continue', { provider: p.providerName })}
          </button>`
        : nothing}
    </section>
  `;
}

export function renderSucceeded(t: Translate, amount: string, merchant: string): TemplateResult {
  return html`
    <section part="result" class="result succeeded">
      <span class="icon" aria-hidden="true">✓</span>
      ${heading(t('succeeded.heading'))}
      <p>${t('succeeded.body', { amount, merchant })}</p>
    </section>
  `;
}

export function failureMessage(t: Translate, payment: PaymentView | null): string {
  const code = payment?.failure?.code;
  if (code) {
    const key = `failure.${code}`;
    return hasMessage(key) ? t(key) : t('failure.unknown');
  }
  if (payment?.state === 'canceled') return t('failure.canceled');
  if (payment?.state === 'expired') return t('failure.payment_expired');
  return t('failure.unknown');
}

export function renderFailed(
  t: Translate,
  payment: PaymentView | null,
  providerName: string,
  onTryAgain: () => void,
): TemplateResult {
  const reason = payment?.failure?.reason;
  return html`
    <section part="result" class="result failed">
      ${heading(t('failed.heading'))}
      <p class="reason">${failureMessage(t, payment)}</p>
      ${reason ? html`<p class="provider-reason">${t('failed.providerReason', { provider: providerName, reason })}</p>` : nothing}
      <button part="button" class="secondary" type="button" @click=${onTryAgain}>${t('failed.tryAgain')}</button>
    </section>
  `;
}

/** The session ran out: say so and lead back to the merchant, who can start a new one. */
export function renderExpired(t: Translate, session: SessionView | null): TemplateResult {
  return html`
    <section part="result" class="result expired">
      ${heading(t('expired.heading'))}
      <p>${t('expired.body')}</p>
      ${session && /^https?:/i.test(session.returnUrl)
        ? html`<a part="button" class="secondary" href=${session.returnUrl}>${t('expired.return', { merchant: session.merchantName })}</a>`
        : nothing}
    </section>
  `;
}

export function renderError(t: Translate, message: string, onRetry: () => void): TemplateResult {
  return html`
    <section part="error" class="error" role="alert">
      ${heading(t('error.heading'))}
      <p class="message">${message}</p>
      <button part="button" class="secondary" type="button" @click=${onRetry}>${t('error.retry')}</button>
    </section>
  `;
}
