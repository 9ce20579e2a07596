// pay-checkout-admin: payments and follow-up operations from a terminal, through the merchant HTTP API.
// Configured by PAY_CHECKOUT_URL (where the router is mounted) and PAY_CHECKOUT_API_KEY. The key is
// sent only in the Authorization header and never printed.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { MerchantPayment, OperationKind, PaymentList } from '@pay-checkout/protocol';
import { currencyExponent, fromMajorUnits, toDecimalString } from '@pay-checkout/protocol/money';
import { IDEMPOTENCY_HEADER, paths } from '@pay-checkout/protocol/paths';

export const EXIT = { ok: 0, apiError: 1, usage: 2, config: 78 } as const;

export const USAGE = `Usage: pay-checkout-admin <command> [options]

Commands:
  payments [--limit N] [--after ID] [--order ORDER_ID]   payments, newest first
  payment <id>                                           one payment with its operations
  capture <id> [--amount 12.50]                          charge an authorized payment (all, or part)
  cancel <id>                                            release an authorization
  reverse <id> [--amount 12.50]                          return a charge before settlement
  refund <id> [--amount 12.50] [--reason TEXT]           refund all that is left, or part

Operation options:
  --amount N               major units of the payment's currency (12.50 KZT); default: all available
  --reason TEXT            kept with the operation
  --idempotency-key KEY    repeat an earlier attempt (a new key is made and printed otherwise)
  --actor NAME             who asks, kept with the operation
Any command:
  --json                   the API's JSON as it is
  -h, --help

Environment: PAY_CHECKOUT_URL (e.g. http://127.0.0.1:3000/api/pay), PAY_CHECKOUT_API_KEY.
Exit codes: 0 done, 1 the API refused or could not be reached, 2 usage, 78 missing configuration.
`;

const OPERATIONS: readonly OperationKind[] = ['capture', 'cancel', 'reverse', 'refund'];
const OPTIONS = {
  limit: { type: 'string' },
  after: { type: 'string' },
  order: { type: 'string' },
  amount: { type: 'string' },
  reason: { type: 'string' },
  'idempotency-key': { type: 'string' },
  actor: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** Which options each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<string, readonly OptionName[]> = {
  payments: ['limit', 'after', 'order'],
  payment: [],
  capture: ['amount', 'reason', 'idempotency-key', 'actor'],
  cancel: ['reason', 'idempotency-key', 'actor'],
  reverse: ['amount', 'reason', 'idempotency-key', 'actor'],
  refund: ['amount', 'reason', 'idempotency-key', 'actor'],
};

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

class UsageError extends Error {}

/** An answer of the API that is not a success: printed as `code: message`. */
class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = processIo): Promise<number> {
  let command: string;
  let id: string | undefined;
  let values: Partial<Record<OptionName, string | boolean>>;
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    values = parsed.values;
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    [command = '', id] = parsed.positionals;
    checkUsage(command, id, parsed.positionals.length, values);
  } catch (error) {
    if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') !== true) throw error;
    io.err(`pay-checkout-admin: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const baseUrl = env['PAY_CHECKOUT_URL']?.trim().replace(/\/+$/, '');
  const apiKey = env['PAY_CHECKOUT_API_KEY']?.trim();
  const missing = [!baseUrl && 'PAY_CHECKOUT_URL', !apiKey && 'PAY_CHECKOUT_API_KEY'].filter(Boolean);
  if (missing.length > 0 || !baseUrl || !apiKey) {
    io.err(`pay-checkout-admin: set ${missing.join(' and ')} (see --help)\n`);
    return EXIT.config;
  }
  if (!/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl)) {
    io.err('pay-checkout-admin: PAY_CHECKOUT_URL must be an http(s) URL, such as http://127.0.0.1:3000/api/pay\n');
    return EXIT.config;
  }

  const api = client(baseUrl, apiKey);
  const json = values.json === true;
  const print = (value: unknown, human: () => string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : human());
  let key: string | undefined;
  try {
    if (command === 'payments') {
      const query = new URLSearchParams({ limit: String(values.limit ?? 20) });
      if (typeof values.after === 'string') query.set('after', values.after);
      if (typeof values.order === 'string') query.set('orderId', values.order);
      const list = (await api('GET', `${paths.payments}?${query}`)) as PaymentList;
      print(list, () => paymentsTable(list));
      return EXIT.ok;
    }
    const paymentId = id as string;
    if (command === 'payment') {
      const payment = (await api('GET', paths.payment(paymentId))) as MerchantPayment;
      print(payment, () => paymentDetails(payment));
      return EXIT.ok;
    }

    const kind = command as OperationKind;
    // Read first: amounts are typed in major units of the payment's currency, and a key used before shows in its operations.
    const current = (await api('GET', paths.payment(paymentId))) as MerchantPayment;
    const body: { amount?: number; reason?: string } = {};
    if (typeof values.reason === 'string') body.reason = values.reason;
    if (typeof values.amount === 'string') {
      const minor = minorUnits(values.amount, current.amount.currency);
      if (typeof minor === 'string') {
        io.err(`pay-checkout-admin: ${minor}\n`);
        return EXIT.usage;
      }
      body.amount = minor;
    }
    const opKey = typeof values['idempotency-key'] === 'string' ? values['idempotency-key'] : `adm_${randomUUID()}`;
    key = opKey;
    // Printed before the request: if the answer never comes, the same key settles what happened.
    io.err(`Idempotency-Key: ${opKey}\n`);
    const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: opKey };
    if (typeof values.actor === 'string') headers['Pay-Checkout-Actor'] = values.actor;
    const payment = (await api('POST', paths.paymentOperation(paymentId, kind), body, headers)) as MerchantPayment;
    const replayed = current.operations.some((o) => o.idempotencyKey === opKey && o.status === 'succeeded');
    print(payment, () => `${replayed ? 'Done before with this Idempotency-Key; nothing was repeated. ' : ''}${operationDone(kind, payment, opKey)}\n${paymentDetails(payment)}`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    if (json && error.body !== undefined) io.out(`${JSON.stringify(error.body, null, 2)}\n`);
    io.err(`${error.code}: ${error.message}\n`);
    const unsettled = error.code === 'network_error' || error.code === 'provider_unavailable' || error.code === 'idempotency_key_in_use';
    if (key && unsettled) io.err(`Repeat with --idempotency-key ${key} to settle it without operating twice.\n`);
    return EXIT.apiError;
  }
}

function checkUsage(command: string, id: string | undefined, positionals: number, values: Partial<Record<OptionName, unknown>>): void {
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'a command is required');
  const wantsId = command !== 'payments';
  if (wantsId && !id) throw new UsageError(`${command} needs a payment id`);
  if (positionals > (wantsId ? 2 : 1)) throw new UsageError(`${command} takes ${wantsId ? 'one payment id' : 'no arguments'}`);
  for (const name of Object.keys(values) as OptionName[]) {
    if (name !== 'json' && name !== 'help' && !allowed.includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  if (values.limit !== undefined && !/^(100|[1-9]\d?)$/.test(String(values.limit))) throw new UsageError('--limit must be a whole number from 1 to 100');
  if (typeof values.amount === 'string' && !/^\d+(\.\d+)?$/.test(values.amount.trim())) {
    throw new UsageError(`--amount ${JSON.stringify(values.amount)} is not an amount; write it in major units, such as 12.50`);
  }
  const key = values['idempotency-key'];
  if (typeof key === 'string' && !/^[\x21-\x7e]{8,255}$/.test(key)) throw new UsageError('--idempotency-key must be 8 to 255 printable characters without spaces');
}

/** Major units as typed -> minor units, or why not (too many decimals for the currency, zero, too large). */
function minorUnits(typed: string, currency: string): number | string {
  const value = typed.trim();
  const decimals = value.split('.')[1]?.length ?? 0;
  const exponent = currencyExponent(currency);
  if (decimals > exponent) {
    return `--amount ${value}: ${currency} amounts have ${exponent === 0 ? 'no decimals' : `at most ${exponent} decimal place${exponent === 1 ? '' : 's'}`}`;
  }
  const minor = fromMajorUnits(value, currency);
  if (!Number.isSafeInteger(minor) || minor <= 0) return `--amount ${value}: must be more than 0 and a sensible amount of ${currency}`;
  return minor;
}

type Api = (method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>) => Promise<unknown>;

function client(baseUrl: string, apiKey: string): Api {
  return async (method, path, body, headers = {}) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { accept: 'application/json', authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // Operations wait for the provider; well past its own timeout, give up on the answer (not the operation).
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiFailure('network_error', `no answer from ${baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message})`, undefined);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiFailure(`http_${response.status}`, `${baseUrl}${path} did not answer with JSON; is PAY_CHECKOUT_URL where the pay-checkout router is mounted?`, undefined);
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      throw new ApiFailure(typeof error?.code === 'string' ? error.code : `http_${response.status}`, typeof error?.message === 'string' ? error.message : 'unexpected answer', parsed);
    }
    return parsed;
  };
}

const money = (value: number, currency: string) => `${toDecimalString(value, currency)} ${currency}`;

/** Left-aligned columns, two spaces apart. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function paymentsTable(list: PaymentList): string {
  if (list.data.length === 0) return 'No payments.\n';
  const rows = list.data.map((p) => [
    p.id,
    p.orderId,
    money(p.amount.value, p.amount.currency),
    p.state,
    p.provider,
    p.method,
    p.refundedAmount.value > 0 ? money(p.refundedAmount.value, p.refundedAmount.currency) : '-',
    p.createdAt,
  ]);
  const next = list.nextCursor ? `\nMore: pay-checkout-admin payments --after ${list.nextCursor}\n` : '';
  return `${table([['PAYMENT', 'ORDER', 'AMOUNT', 'STATE', 'PROVIDER', 'METHOD', 'REFUNDED', 'CREATED'], ...rows])}\n${next}`;
}

function paymentDetails(p: MerchantPayment): string {
  const currency = p.amount.currency;
  const available = OPERATIONS.flatMap((kind) => {
    const limit = p.available[kind];
    return limit === null ? [] : [`${kind} up to ${money(limit, currency)}`];
  });
  const summary = table([
    ['Payment', p.id],
    ['Order', `${p.orderId} (${p.description})`],
    ['Amount', money(p.amount.value, currency)],
    ['State', p.state],
    ['Provider', `${p.provider}, ${p.method}, ${p.captureMethod} capture`],
    ['Captured', p.capturedAmount ? money(p.capturedAmount.value, currency) : '-'],
    ['Refunded', money(p.refundedAmount.value, currency)],
    ['Created', p.createdAt],
    ['Can', available.length > 0 ? available.join('; ') : 'nothing now'],
  ]);
  if (p.operations.length === 0) return `${summary}\n\nNo operations yet.\n`;
  const operations = p.operations.map((o) => [
    o.createdAt,
    o.kind,
    money(o.amount.value, o.amount.currency),
    o.status,
    o.actor,
    o.reason ?? '',
    o.error ? `${o.error.code}: ${o.error.message}` : '',
  ]);
  return `${summary}\n\nOperations:\n${table([['WHEN', 'KIND', 'AMOUNT', 'STATUS', 'BY', 'REASON', 'ERROR'], ...operations])}\n`;
}

function operationDone(kind: OperationKind, p: MerchantPayment, key: string): string {
  const operation = p.operations.find((o) => o.idempotencyKey === key);
  const amount = operation ? ` ${money(operation.amount.value, operation.amount.currency)}` : '';
  const past = { capture: 'Captured', cancel: 'Canceled', reverse: 'Reversed', refund: 'Refunded' }[kind];
  return `${past}${amount}; payment state: ${p.state}.\n`;
}
