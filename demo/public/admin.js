// The demo's payments admin: lists payments through the merchant API and runs capture, cancel,
// reverse and refund on them. The API key lives in this tab's sessionStorage only (never a cookie or
// the URL) and goes out only in the Authorization header of same-origin requests.
const root = document.getElementById('admin');
const API = root.dataset.api;
/** Decimals of each currency, from the server's own table: the API speaks minor units only. */
const EXPONENTS = JSON.parse(root.dataset.exponents);
const LANG = document.documentElement.lang || undefined;
const PAGE_SIZE = Math.min(100, Math.max(1, Number(new URLSearchParams(location.search).get('limit')) || 20));
const KEY_STORE = 'pay-checkout-admin.key';
const ACTOR_STORE = 'pay-checkout-admin.actor';
const KINDS = ['capture', 'cancel', 'reverse', 'refund'];
const VERB = { capture: 'Capture', cancel: 'Cancel', reverse: 'Reverse', refund: 'Refund' };
const PAST = { capture: 'Captured', cancel: 'Canceled', reverse: 'Reversed', refund: 'Refunded' };
const ACTOR_PATTERN = /^[\p{L}\p{N} ._@:-]{1,64}$/u;

const $ = (id) => document.getElementById(id);
const ui = {
  keyForm: $('key-form'), keyInput: $('api-key'), actorInput: $('actor'), keyError: $('key-error'),
  payments: $('payments'), rows: $('payment-rows'), empty: $('no-payments'), loadMore: $('load-more'),
  details: $('details'), detailsTitle: $('details-title'), summary: $('details-summary'), actions: $('actions'),
  form: $('operation-form'), formTitle: $('operation-title'), amountField: $('amount-field'), amountLabel: $('amount-label'),
  amount: $('amount'), amountHint: $('amount-hint'), amountError: $('amount-error'), reason: $('reason'), review: $('review'),
  operationRows: $('operation-rows'), operationsTable: $('operations-table'), noOperations: $('no-operations'),
  dialog: $('confirm'), confirmText: $('confirm-text'), confirmYes: $('confirm-yes'),
  status: $('status'), error: $('error'),
};

let apiKey = sessionStorage.getItem(KEY_STORE);
let actor = sessionStorage.getItem(ACTOR_STORE) ?? '';
/** Summaries shown in the list, newest first, and where the next page starts. */
let listed = [];
let nextCursor = null;
/** The payment open in the details, and the operation being prepared on it. */
let current = null;
let draft = null;
/** The last confirmed action whose outcome is unknown: retried with the same Idempotency-Key. */
let unsettled = null;

// Money -----------------------------------------------------------------------------------------

function exponentOf(currency) {
  const exponent = EXPONENTS[currency];
  if (exponent === undefined) throw new Error(`Unsupported currency ${currency}`);
  return exponent;
}

/** 150050 KZT -> "1500.50", without floating point. */
function decimalString(minor, currency) {
  const exponent = exponentOf(currency);
  if (exponent === 0) return String(minor);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function formatMoney(minor, currency) {
  const exponent = exponentOf(currency);
  const format = new Intl.NumberFormat(LANG, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  // A decimal string is formatted exactly (no float rounding of large amounts).
  return format.format(decimalString(minor, currency));
}

/** "12.5" or "12,50" in major units -> minor units, or { error } saying what is wrong with it. */
function parseAmount(text, currency, available) {
  const value = text.trim().replace(',', '.');
  const exponent = exponentOf(currency);
  if (!/^\d+(\.\d+)?$/.test(value)) return { error: `Enter the amount as a number, such as ${decimalString(available, currency)}.` };
  const [whole, fraction = ''] = value.split('.');
  if (fraction.length > exponent) {
    return { error: exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimal place${exponent === 1 ? '' : 's'}.` };
  }
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor <= 0) return { error: 'Enter an amount greater than 0.' };
  if (minor > available) return { error: `At most ${formatMoney(available, currency)} can be taken.` };
  return { minor };
}

// API -------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function request(method, path, { body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network_error', 'The server could not be reached.', 0);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? `Unexpected answer (HTTP ${response.status}).`, response.status);
  }
  return data;
}

// Messages --------------------------------------------------------------------------------------

function say(text) {
  ui.error.textContent = '';
  ui.status.textContent = text;
}

function fail(error, extra = '') {
  ui.status.textContent = '';
  ui.error.textContent = `${error.message}${error.code ? ` (${error.code})` : ''}${extra}`;
  if (error.status === 401) signOut('The API key was not accepted; enter it again.');
}

// Sign-in ---------------------------------------------------------------------------------------

function showKeyError(text, input) {
  ui.keyError.textContent = text;
  ui.keyError.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

function signOut(message) {
  apiKey = null;
  sessionStorage.removeItem(KEY_STORE);
  ui.payments.hidden = true;
  ui.details.hidden = true;
  ui.keyForm.hidden = false;
  if (message) showKeyError(message, ui.keyInput);
}

ui.keyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  for (const input of [ui.keyInput, ui.actorInput]) input.removeAttribute('aria-invalid');
  ui.keyError.hidden = true;
  const key = ui.keyInput.value.trim();
  const name = ui.actorInput.value.trim();
  if (!key) return showKeyError('Enter the merchant API key.', ui.keyInput);
  if (name && !ACTOR_PATTERN.test(name)) return showKeyError('Your name may have up to 64 letters, digits, spaces and . _ @ : -', ui.actorInput);
  apiKey = key;
  actor = name;
  say('Checking the key…');
  try {
    await loadPayments(false);
  } catch (error) {
    apiKey = null;
    ui.status.textContent = '';
    return showKeyError(`${error.message} (${error.code})`, ui.keyInput);
  }
  sessionStorage.setItem(KEY_STORE, key);
  sessionStorage.setItem(ACTOR_STORE, name);
  ui.keyInput.value = '';
  ui.keyForm.hidden = true;
});

$('sign-out').addEventListener('click', () => {
  signOut();
  say('The key is forgotten in this tab.');
  ui.keyInput.focus();
});

// The list --------------------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

const stateBadge = (state) => el('span', { className: 'state', dataset: { state } }, state.replaceAll('_', ' '));
const when = (iso) => new Date(iso).toLocaleString(LANG, { dateStyle: 'medium', timeStyle: 'short' });

function paymentRow(p) {
  const open = el('button', { type: 'button', className: 'link', 'aria-controls': 'details' }, p.orderId);
  open.addEventListener('click', () => void openPayment(p.id));
  return el(
    'tr',
    { dataset: { paymentId: p.id } },
    el('th', { scope: 'row' }, open),
    el('td', { className: 'num' }, formatMoney(p.amount.value, p.amount.currency)),
    el('td', {}, p.provider),
    el('td', {}, p.method),
    el('td', {}, stateBadge(p.state)),
    el('td', { className: 'num' }, p.refundedAmount.value > 0 ? formatMoney(p.refundedAmount.value, p.refundedAmount.currency) : '—'),
    el('td', {}, when(p.createdAt)),
  );
}

async function loadPayments(more) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (more && nextCursor) query.set('after', nextCursor);
  const page = await request('GET', `/v1/payments?${query}`);
  listed = more ? [...listed, ...page.data] : page.data;
  nextCursor = page.nextCursor;
  if (more) ui.rows.append(...page.data.map(paymentRow));
  else ui.rows.replaceChildren(...page.data.map(paymentRow));
  ui.empty.hidden = listed.length > 0;
  ui.loadMore.hidden = !nextCursor;
  ui.payments.hidden = false;
  say(more ? `${page.data.length} more payments shown.` : `${listed.length} payment${listed.length === 1 ? '' : 's'} shown${nextCursor ? '; there are more' : ''}.`);
}

ui.loadMore.addEventListener('click', () => loadPayments(true).catch((error) => fail(error)));
$('refresh').addEventListener('click', () => loadPayments(false).catch((error) => fail(error)));

function replaceRow(payment) {
  const index = listed.findIndex((p) => p.id === payment.id);
  if (index < 0) return;
  listed[index] = payment;
  ui.rows.querySelector(`tr[data-payment-id="${CSS.escape(payment.id)}"]`)?.replaceWith(paymentRow(payment));
}

// Details ---------------------------------------------------------------------------------------

async function openPayment(id) {
  try {
    say('Loading the payment…');
    showPayment(await request('GET', `/v1/payments/${encodeURIComponent(id)}`));
    say(`Payment of order ${current.orderId} opened.`);
    ui.details.scrollIntoView({ block: 'start' });
    ui.detailsTitle.focus();
  } catch (error) {
    fail(error);
  }
}

function showPayment(p) {
  current = p;
  const money = (amount) => formatMoney(amount.value, amount.currency);
  ui.detailsTitle.textContent = `Order ${p.orderId}`;
  const facts = [
    ['Payment', p.id],
    ['Description', p.description],
    ['Amount', money(p.amount)],
    ['State', stateBadge(p.state)],
    ['Provider', `${p.provider} · ${p.method} · ${p.captureMethod} capture`],
    ['Captured', p.capturedAmount ? money(p.capturedAmount) : '—'],
    ['Refunded', money(p.refundedAmount)],
    ['Created', when(p.createdAt)],
    ...(p.failure ? [['Failure', `${p.failure.code}${p.failure.reason ? `: ${p.failure.reason}` : ''}`]] : []),
  ];
  ui.summary.replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));

  const kinds = KINDS.filter((kind) => p.available[kind] !== null);
  ui.actions.replaceChildren(
    ...kinds.map((kind) => {
      const button = el('button', { type: 'button', 'aria-controls': 'operation-form' }, `${VERB[kind]}…`);
      button.addEventListener('click', () => prepare(kind));
      return button;
    }),
  );
  if (kinds.length === 0) ui.actions.append(el('p', { className: 'hint' }, 'Nothing can be done with this payment now.'));
  if (draft && p.available[draft.kind] === null) closeForm();

  ui.operationRows.replaceChildren(
    ...p.operations.map((o) =>
      el(
        'tr',
        { dataset: { operationId: o.id } },
        el('td', {}, when(o.createdAt)),
        el('td', {}, o.kind),
        el('td', { className: 'num' }, money(o.amount)),
        el('td', {}, el('span', { className: 'state', dataset: { state: o.status } }, o.status)),
        el('td', {}, o.actor),
        el('td', {}, o.reason ?? ''),
        el('td', {}, o.error ? o.error.message : ''),
      ),
    ),
  );
  ui.operationsTable.hidden = p.operations.length === 0;
  ui.noOperations.hidden = p.operations.length > 0;
  ui.details.hidden = false;
}

$('close-details').addEventListener('click', () => {
  ui.details.hidden = true;
  closeForm();
  ui.rows.querySelector(`tr[data-payment-id="${CSS.escape(current?.id ?? '')}"] button`)?.focus();
  current = null;
});

// Operations ------------------------------------------------------------------------------------

function prepare(kind) {
  const available = current.available[kind];
  const { currency } = current.amount;
  draft = { kind, available };
  ui.formTitle.textContent = `${VERB[kind]} order ${current.orderId}`;
  // A cancel always releases the whole hold; the others take all that is available unless told less.
  ui.amountField.hidden = kind === 'cancel';
  ui.amountLabel.textContent = `${VERB[kind]} amount (${currency})`;
  ui.amount.value = decimalString(available, currency);
  ui.amountHint.textContent = `Up to ${formatMoney(available, currency)}.`;
  ui.reason.value = '';
  clearAmountError();
  ui.review.textContent = `Review ${kind}`;
  ui.form.hidden = false;
  (kind === 'cancel' ? ui.reason : ui.amount).focus();
}

function closeForm() {
  draft = null;
  ui.form.hidden = true;
}

function clearAmountError() {
  ui.amountError.hidden = true;
  ui.amount.removeAttribute('aria-invalid');
}

$('cancel-operation').addEventListener('click', closeForm);

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearAmountError();
  const { kind, available } = draft;
  const { currency } = current.amount;
  const parsed = kind === 'cancel' ? { minor: available } : parseAmount(ui.amount.value, currency, available);
  if (parsed.error) {
    ui.amountError.textContent = parsed.error;
    ui.amountError.hidden = false;
    ui.amount.setAttribute('aria-invalid', 'true');
    ui.amount.focus();
    return;
  }
  const reason = ui.reason.value.trim();
  draft = { ...draft, amount: parsed.minor, reason };
  ui.confirmText.textContent = `${VERB[kind]} ${formatMoney(parsed.minor, currency)} of order ${current.orderId}?${reason ? ` Reason: ${reason}.` : ''}`;
  ui.confirmYes.textContent = `Confirm ${kind}`;
  ui.dialog.returnValue = '';
  ui.dialog.showModal();
});

ui.dialog.addEventListener('close', () => {
  if (ui.dialog.returnValue === 'confirm' && draft?.amount !== undefined) void perform({ paymentId: current.id, ...draft });
});

const sameAction = (a, b) => a && b && a.paymentId === b.paymentId && a.kind === b.kind && a.amount === b.amount && a.reason === b.reason;

function newKey() {
  if (crypto.randomUUID) return `adm_${crypto.randomUUID()}`;
  // Pages served over plain http on a LAN address have no randomUUID.
  return `adm_${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function perform(action) {
  // The same action retried after an unknown outcome reuses its key, so it can never happen twice.
  const key = sameAction(unsettled, action) ? unsettled.key : newKey();
  unsettled = { ...action, key };
  const { currency } = current.amount;
  const body = { ...(action.kind === 'cancel' ? {} : { amount: action.amount }), ...(action.reason ? { reason: action.reason } : {}) };
  const headers = { 'Idempotency-Key': key, ...(actor ? { 'Pay-Checkout-Actor': actor } : {}) };
  ui.review.disabled = true;
  root.setAttribute('aria-busy', 'true');
  say(`Sending the ${action.kind}…`);
  try {
    const payment = await request('POST', `/v1/payments/${encodeURIComponent(action.paymentId)}/${action.kind}`, { body, headers });
    unsettled = null;
    closeForm();
    showPayment(payment);
    replaceRow(payment);
    say(`${PAST[action.kind]} ${formatMoney(action.amount, currency)}. Payment state: ${payment.state.replaceAll('_', ' ')}.`);
    ui.detailsTitle.focus();
  } catch (error) {
    // Unknown outcomes (no answer, provider unreachable, still running) keep the key for a retry.
    const unknown = error.code === 'network_error' || error.code === 'provider_unavailable' || error.code === 'idempotency_key_in_use';
    if (!unknown) unsettled = null;
    fail(error, unknown ? ' Review and confirm the same operation again to find out what happened; it will not be done twice.' : '');
    // The operation may be on record now (failed or unknown): show it.
    if (error.status !== 401 && error.code !== 'network_error') {
      await request('GET', `/v1/payments/${encodeURIComponent(action.paymentId)}`).then(showPayment, () => {});
    }
  } finally {
    ui.review.disabled = false;
    root.removeAttribute('aria-busy');
  }
}

// Start -----------------------------------------------------------------------------------------

ui.actorInput.value = actor;
if (apiKey) {
  loadPayments(false).then(() => (ui.keyForm.hidden = true), (error) => fail(error));
} else {
  ui.keyInput.focus();
}
