// The OpenAPI document against the server itself: it describes exactly the routes the router has,
// it is self-consistent, and real responses validate against the schemas it publishes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { api, type Harness, sessionBody, startServer } from './helpers.js';

type Json = Record<string, any>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('OpenAPI document', () => {
  let h: Harness;
  let doc: Json;
  before(async () => {
    h = await startServer();
    const res = await api(`${h.url}/v1/openapi.json`);
    assert.equal(res.status, 200);
    doc = res.json;
  });
  after(() => h.close());

  it('is served without authentication as OpenAPI 3.1', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.deepEqual(doc.servers, [{ url: h.url }]);
  });

  it('documents exactly the routes the router has', () => {
    const routed = new Set<string>();
    for (const layer of h.checkout.router.stack) {
      if (!layer.route) continue;
      const { path, methods } = layer.route as unknown as { path: unknown; methods: Record<string, boolean> };
      assert.equal(typeof path, 'string', 'routes are plain string paths');
      const template = (path as string).replace(/:(\w+)/g, '{$1}');
      for (const method of Object.keys(methods)) if (methods[method] && method !== '_all') routed.add(`${method.toUpperCase()} ${template}`);
    }
    const documented = new Set(operations(doc).map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    assert.deepEqual([...routed].filter((route) => !documented.has(route)), [], 'routes missing from the document');
    assert.deepEqual([...documented].filter((route) => !routed.has(route)), [], 'documented routes the router does not have');
  });

  it('is self-consistent', () => {
    for (const pointer of refsIn(doc)) {
      assert.ok(pointer.startsWith('#/'), `${pointer} is not a local reference`);
      assert.notEqual(resolve(doc, pointer), undefined, `${pointer} does not resolve`);
    }
    assert.equal(JSON.stringify(doc).includes('"$schema"'), false, 'component schemas carry no $schema of their own');

    const ids = new Set<string>();
    for (const { method, path, operation } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const declared = (operation.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name).sort();
      assert.deepEqual(declared, templated, `${where}: path parameters`);
      for (const p of operation.parameters ?? []) if (p.in === 'path') assert.equal(p.required, true, `${where}: ${p.name} is required`);
      assert.ok(Object.keys(operation.responses ?? {}).length > 0, `${where}: no responses`);
      assert.ok(operation.operationId && !ids.has(operation.operationId), `${where}: operationId missing or repeated`);
      ids.add(operation.operationId);
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        if (Number(status) >= 400) assert.equal(response.content['application/json'].schema.$ref, '#/components/schemas/ErrorBody', `${where}: ${status}`);
      }
    }

    const webhook = doc.webhooks.paymentEvent.post;
    assert.equal(webhook.requestBody.content['application/json'].schema.$ref, '#/components/schemas/MerchantEvent');
    assert.deepEqual(webhook.parameters.map((p: Json) => `${p.in}:${p.name}`), ['header:Pay-Checkout-Signature', 'header:Pay-Checkout-Event-Id']);
    assert.ok(Object.keys(webhook.responses).length > 0);
    const event = doc.components.schemas.MerchantEvent;
    assert.deepEqual(Object.keys(event.properties).sort(), ['created', 'data', 'id', 'type']);
    assert.deepEqual([...event.required].sort(), ['created', 'data', 'id', 'type']);
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'clientSecret']);
  });

  it('describes real responses: a session, and a refused payment', async () => {
    const { id, clientSecret } = await h.checkout.createSession(sessionBody);

    const session = await api(`${h.url}/v1/sessions/${id}`, { token: clientSecret });
    assert.equal(session.status, 200);
    const sessionSchema = responseSchema(doc, 'get', '/v1/sessions/{sessionId}', 200);
    assertValid(sessionSchema, session.json);
    // The validator must be able to say no, or the checks above prove nothing.
    const { status: _status, ...withoutStatus } = session.json;
    assert.equal(sessionSchema.safeParse(withoutStatus).success, false);
    assert.equal(sessionSchema.safeParse({ ...session.json, extra: true }).success, false);

    const refused = await api(`${h.url}/v1/sessions/${id}/payments`, {
      token: clientSecret,
      body: { method: 'cash' },
      headers: { 'idempotency-key': 'openapi-sample-0001' },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'invalid_request');
    assertValid(responseSchema(doc, 'post', '/v1/sessions/{sessionId}/payments', 400), refused.json);
    assert.match(doc.paths['/v1/sessions/{sessionId}/payments'].post.responses['400'].description, /`invalid_request`/);
  });
});

function operations(doc: Json): { method: string; path: string; operation: Json }[] {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => ({ method, path, operation: item[method] })),
  );
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' && typeof child === 'string' ? [child] : refsIn(child)));
}

function resolve(doc: Json, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<any>((node, part) => node?.[part], doc);
}

/**
 * A validator of the document's JSON Schema for one response. No JSON Schema validator is installed,
 * so zod's fromJSONSchema reads the published schema back, with the component references moved to
 * the `$defs` it resolves.
 */
function responseSchema(doc: Json, method: string, path: string, status: number): z.ZodType {
  const schema = doc.paths[path][method].responses[String(status)].content['application/json'].schema;
  const standalone = JSON.stringify({ ...schema, $defs: doc.components.schemas }).replaceAll('"#/components/schemas/', '"#/$defs/');
  return z.fromJSONSchema(JSON.parse(standalone) as z.core.JSONSchema.JSONSchema);
}

function assertValid(schema: z.ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
}
