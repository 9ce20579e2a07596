// Shadow DOM styles. Theming goes through --pay-checkout-* custom properties and ::part();
// nothing is set through style attributes, so the element runs under a strict CSP.
import { css } from 'lit';

export const styles = css`
  :host {
    --_primary: var(--pay-checkout-color-primary, #1f5eff);
    --_on-primary: var(--pay-checkout-color-on-primary, #fff);
    --_text: var(--pay-checkout-color-text, #1a1d24);
    --_muted: var(--pay-checkout-color-muted, #5b6270);
    --_background: var(--pay-checkout-color-background, #fff);
    --_border: var(--pay-checkout-color-border, #d5d9e0);
    --_success: var(--pay-checkout-color-success, #13804b);
    --_error: var(--pay-checkout-color-error, #c5221f);
    --_radius: var(--pay-checkout-radius, 8px);
    --_space: var(--pay-checkout-spacing, 16px);

    display: block;
    color: var(--_text);
    font-family: var(--pay-checkout-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--pay-checkout-font-size, 16px);
    line-height: 1.4;
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
  [aria-selected='true'] {
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
  input:not([type='radio']) {
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
  .listbox {
    position: fixed; /* placed by @floating-ui/dom */
    z-index: 1;
    margin: 0;
    padding: 4px;
    list-style: none;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px #0003;
  }
  .option {
    padding: 0.5em 1em;
    cursor: pointer;
  }
  .option.active {
    background: var(--_primary);
    color: var(--_on-primary);
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
  input:focus-visible {
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
  }
`;
