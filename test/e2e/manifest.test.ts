// custom-elements.json: regenerated from the source it must match the committed file (a stale manifest
// fails here), and it describes <pay-checkout>'s public API and nothing private.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

interface Named {
  name: string;
}
interface Declaration extends Named {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  members?: (Named & { privacy?: string; static?: boolean })[];
  attributes?: (Named & { fieldName?: string })[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const elementDir = fileURLToPath(new URL('../../packages/element/', import.meta.url));
const committedPath = join(elementDir, 'custom-elements.json');
const cem = fileURLToPath(import.meta.resolve('@custom-elements-manifest/analyzer/cem.js'));
const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name);

describe('custom-elements.json', () => {
  let outDir: string;
  let generated: string;
  let element: Declaration;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'pay-checkout-cem-'));
    // The analyzer joins --outdir onto its working directory, so an absolute path has to go in relative.
    await promisify(execFile)(
      process.execPath,
      [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(elementDir, outDir), '--quiet'],
      { cwd: elementDir },
    );
    generated = readFileSync(join(outDir, 'custom-elements.json'), 'utf8');
    const manifest = JSON.parse(generated) as Manifest;
    const found = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'pay-checkout');
    assert.ok(found, 'no declaration with tagName pay-checkout');
    element = found;
  });

  after(() => rmSync(outDir, { recursive: true, force: true }));

  it('is up to date with the source (run `npm run manifest -w @pay-checkout/element`)', () => {
    assert.equal(generated, readFileSync(committedPath, 'utf8'));
  });

  it('declares the pay-checkout custom element', () => {
    assert.equal(element.name, 'PayCheckout');
    assert.equal(element.customElement, true);
  });

  it('lists the attributes', () => {
    assert.deepEqual(names(element.attributes).sort(), ['client-secret', 'endpoint', 'lang', 'theme']);
  });

  it('lists the five events', () => {
    assert.deepEqual(names(element.events).sort(), [
      'pay-checkout-error',
      'pay-checkout-failure',
      'pay-checkout-method-change',
      'pay-checkout-ready',
      'pay-checkout-success',
    ]);
  });

  it('lists the CSS parts and custom properties of the JSDoc', () => {
    // The JSDoc header is the source of truth: whatever it lists must come through, in order.
    const source = readFileSync(join(elementDir, 'src/pay-checkout.ts'), 'utf8');
    const tagged = (tag: string) => [...source.matchAll(new RegExp(`^ \\* @${tag} (\\S+)`, 'gm'))].map((m) => m[1]);
    assert.ok(tagged('csspart').includes('pay-button'));
    assert.ok(tagged('cssproperty').includes('--pay-checkout-color-primary'));
    assert.deepEqual(names(element.cssParts), tagged('csspart'));
    assert.deepEqual(names(element.cssProperties), tagged('cssproperty'));
  });

  it('has no private members', () => {
    const members = element.members ?? [];
    assert.ok(names(members).includes('clientSecret'));
    for (const member of members) {
      assert.ok(member.privacy !== 'private' && member.privacy !== 'protected', `${member.name} is ${member.privacy}`);
      assert.doesNotMatch(member.name, /^[_#]/);
      assert.ok(!(member.static && ['styles', 'properties'].includes(member.name)), `static ${member.name}`);
    }
    for (const hidden of ['view', '_session', '_payment', 'selected', 'paying']) {
      assert.ok(!names(members).includes(hidden), `member ${hidden}`);
      assert.ok(!names(element.attributes).includes(hidden), `attribute ${hidden}`);
    }
  });
});
