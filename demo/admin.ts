// HTML of the demo's payments admin: the shell only. admin.js asks for the merchant API key, keeps it in
// this tab's sessionStorage and talks to the merchant API; nothing secret is ever rendered here.
// No inline script or style: the page runs under the demo's strict CSP.
import { CURRENCY_EXPONENTS } from '@pay-checkout/protocol/money';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface AdminView {
  /** Where the companion router is mounted, such as /api/pay. */
  apiBase: string;
}

export function adminPage(view: AdminView): string {
  // The API speaks minor units only; the page converts with the server's own table of decimals.
  const exponents = escape(JSON.stringify(CURRENCY_EXPONENTS));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Payments admin · Dala Tea House</title>
<link rel="stylesheet" href="/assets/demo.css">
<link rel="stylesheet" href="/assets/admin.css">
</head>
<body>
<header class="shop-header"><a href="/">Dala Tea House</a><span class="sandbox-badge">Sandbox: no real money</span></header>
<main class="admin" id="admin" data-api="${escape(view.apiBase)}" data-exponents="${exponents}">
<h1>Payments</h1>

<form id="key-form" class="admin-card" novalidate>
  <p>Sign in with the merchant API key (<code>npm start</code> prints the demo's). It stays in this tab only.</p>
  <div class="field">
    <label for="api-key">Merchant API key</label>
    <input id="api-key" name="apiKey" type="password" autocomplete="off" spellcheck="false" required aria-describedby="key-error">
  </div>
  <div class="field">
    <label for="actor">Your name <span class="optional">(optional, kept with each operation)</span></label>
    <input id="actor" name="actor" type="text" autocomplete="name" maxlength="64" aria-describedby="key-error">
  </div>
  <p id="key-error" class="field-error" hidden></p>
  <button type="submit">Show payments</button>
</form>

<section id="payments" hidden aria-labelledby="payments-title">
  <div class="admin-toolbar">
    <h2 id="payments-title">Newest first</h2>
    <button type="button" id="refresh" class="secondary">Refresh</button>
    <button type="button" id="sign-out" class="secondary">Forget key</button>
  </div>
  <div class="table-scroll">
    <table class="admin-table">
      <thead><tr><th scope="col">Order</th><th scope="col" class="num">Amount</th><th scope="col">Provider</th><th scope="col">Method</th><th scope="col">State</th><th scope="col" class="num">Refunded</th><th scope="col">Created</th></tr></thead>
      <tbody id="payment-rows"></tbody>
    </table>
  </div>
  <p id="no-payments" hidden>No payments yet: buy something in the <a href="/">shop</a>.</p>
  <button type="button" id="load-more" class="secondary" hidden>Load more</button>
</section>

<section id="details" class="admin-card" hidden aria-labelledby="details-title">
  <div class="admin-toolbar">
    <h2 id="details-title" tabindex="-1">Payment</h2>
    <button type="button" id="close-details" class="secondary">Close</button>
  </div>
  <dl id="details-summary" class="summary"></dl>
  <div id="actions" class="actions" role="group" aria-label="Operations"></div>

  <form id="operation-form" class="operation" hidden novalidate>
    <h3 id="operation-title">Refund</h3>
    <div class="field" id="amount-field">
      <label for="amount" id="amount-label">Amount</label>
      <input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" aria-describedby="amount-hint amount-error">
      <p id="amount-hint" class="hint"></p>
    </div>
    <div class="field">
      <label for="reason">Reason <span class="optional">(optional)</span></label>
      <input id="reason" name="reason" type="text" maxlength="255" autocomplete="off">
    </div>
    <p id="amount-error" class="field-error" hidden></p>
    <button type="submit" id="review">Review</button>
    <button type="button" id="cancel-operation" class="secondary">Back</button>
  </form>

  <h3>Operations</h3>
  <p id="no-operations">None yet.</p>
  <div class="table-scroll">
    <table class="admin-table" id="operations-table" hidden>
      <thead><tr><th scope="col">When</th><th scope="col">Operation</th><th scope="col" class="num">Amount</th><th scope="col">Status</th><th scope="col">By</th><th scope="col">Reason</th><th scope="col">Error</th></tr></thead>
      <tbody id="operation-rows"></tbody>
    </table>
  </div>
</section>

<dialog id="confirm" aria-labelledby="confirm-text">
  <form method="dialog">
    <p id="confirm-text"></p>
    <button type="submit" value="confirm" id="confirm-yes">Confirm</button>
    <button type="submit" value="back" class="secondary" autofocus>Back</button>
  </form>
</dialog>

<p id="status" class="status" role="status" aria-live="polite"></p>
<p id="error" class="error" role="alert"></p>
</main>
<script type="module" src="/assets/admin.js"></script>
</body>
</html>`;
}
