// Templates for the states after choosing. Each state's root carries a part so merchants can style
// it and tests can find it; headings take focus (tabindex -1) when a shopper action led there.
import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentView } from '@pay-checkout/protocol';
import type { Translate } from '../locales/msg.js';
import { hasMessage } from '../locales/msg.js';

const heading = (text: string) => html`<h2 class="heading" tabindex="-1">${text}</h2>`;

export function renderStatus(text: string): TemplateResult {
  return html`<div part="status" class="status" role="status"><span class="spinner" aria-hidden="true"></span>${text}</div>`;
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

export function renderExpired(t: Translate): TemplateResult {
  return html`
    <section part="result" class="result expired">
      ${heading(t('expired.heading'))}
      <p>${t('expired.body')}</p>
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
