// Shadow DOM styles. Theming goes through --pay-checkout-* custom properties and ::part();
// nothing is set through style attributes, so the element runs under a strict CSP.
import { css } from 'lit';

export const styles = css`
  :host {
    /* Light and dark in one declaration each: color-scheme picks the side (auto, or the theme attribute). */
    color-scheme: light dark;
    --_primary: var(--pay-checkout-color-primary, light-dark(#1f5eff, #8cb0ff));
    --_on-primary: var(--pay-checkout-color-on-primary, light-dark(#fff, #0b1020));
    --_text: var(--pay-checkout-color-text, light-dark(#1a1d24, #e8eaed));
    --_muted: var(--pay-checkout-color-muted, light-dark(#5b6270, #a9afba));
    --_background: var(--pay-checkout-color-background, light-dark(#fff, #17191f));
    --_border: var(--pay-checkout-color-border, light-dark(#8a919e, #6b7280));
    --_success: var(--pay-checkout-color-success, light-dark(#13804b, #4cc38a));
    --_error: var(--pay-checkout-color-error, light-dark(#c5221f, #ff8a80));
    --_skeleton: light-dark(#e9ecf1, #2a2e37);
    --_radius: var(--pay-checkout-radius, 8px);
    --_space: var(--pay-checkout-spacing, 16px);

    display: block;
    color: var(--_text);
    font-family: var(--pay-checkout-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--pay-checkout-font-size, 16px);
    line-height: 1.4;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  p,
  h2 {
    margin: 0;
  }
  .header,
  .field {
    display: grid;
    gap: calc(var(--_space) / 4);
  }
  .merchant,
  label,
  strong {
    font-weight: 600;
  }
  .description,
  .hint,
  .method-provider,
  .wait,
  .note,
  .no-resends {
    color: var(--_muted);
  }
  .phone,
  .operator,
  .resend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .phone input {
    flex: 1;
  }
  input:not([type='radio']),
  select {
    min-width: 0;
    min-height: 44px;
    padding: 0 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: inherit;
    font: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .link {
    justify-self: start;
    padding: 0 0.25em;
    border: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
  }
  .check,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .check {
    font-weight: 400;
  }
  .check input {
    width: 1.2em;
    height: 1.2em;
    accent-color: var(--_primary);
  }
  .confirm p {
    flex-basis: 100%;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .bone {
    height: 48px;
    border-radius: var(--_radius);
    background: var(--_skeleton);
    animation: pulse 1.5s ease-in-out infinite alternate;
  }
  .bone.short {
    width: 40%;
    height: 1em;
  }
  .bone.tall {
    height: 2em;
    width: 60%;
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  .amount {
    font-size: 1.6em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  form,
  .result,
  .error,
  .otp {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .methods {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    border: 0;
  }
  .methods legend {
    padding: 0;
    margin-bottom: calc(var(--_space) / 2);
    font-weight: 600;
  }
  .method {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .method:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: 0 0 0 1px var(--_primary);
  }
  .method:has(input:focus-visible) {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  .method input {
    accent-color: var(--_primary);
    margin: 0;
  }
  .method-text {
    display: flex;
    flex: 1;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
  }
  .method-label {
    font-weight: 600;
  }
  button {
    font: inherit;
    min-height: 44px; /* touch target */
    padding: calc(var(--_space) * 0.6) var(--_space);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  button:disabled,
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
  .pay {
    border: 0;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .secondary {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    min-height: 44px;
    padding: calc(var(--_space) * 0.6) var(--_space);
    border-radius: var(--_radius);
    text-decoration: none;
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_text);
  }
  .status {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    color: var(--_muted);
  }
  .heading {
    font-size: 1.25em;
  }
  .heading:focus {
    outline: none;
  }
  .status .heading {
    font-size: inherit;
    font-weight: inherit;
  }
  .succeeded .heading,
  .icon {
    color: var(--_success);
  }
  .icon {
    font-size: 2em;
    line-height: 1;
  }
  .failed .heading,
  .error .heading,
  .field-error {
    color: var(--_error);
  }
  .provider-reason {
    color: var(--_muted);
  }
  .spinner {
    display: inline-block;
    flex: none;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
    .bone {
      animation: none;
    }
  }
`;
