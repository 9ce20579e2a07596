// Builds <pay-checkout> in two passes (Vite library mode emits one format set per build):
//   vite build                 -> packages/element/dist/pay-checkout.js         (ES module, lit external)
//   vite build --mode global   -> packages/element/dist/pay-checkout.global.js  (IIFE for a script tag, lit bundled, minified)
// `npm run build --workspace @pay-checkout/element` runs both.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const elementDir = fileURLToPath(new URL('./packages/element/', import.meta.url));

// Lit's html`` and css`` literals keep their indentation through the JS minifier; minify-literals
// (html-minifier-next and Lightning CSS, Lit-binding aware) strips it: about 0.4 KB gzip.
const minifyLiterals: Plugin = {
  name: 'pay-checkout:minify-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!id.startsWith(`${elementDir}src/`) || !id.endsWith('.ts')) return null;
    return minifyHTMLLiterals(code, { fileName: id });
  },
};

// The four message tables are written as key -> text objects (readable, type-checked for missing
// keys); in the bundle each becomes an array in English's key order, so the ~80 keys are not repeated
// four times: about 0.45 KB gzip. locales/msg.ts reads either shape.
const LOCALE_TABLE = /\/src\/locales\/(en|kk|ru|az)\.ts$/;
let keyOrder: string[] | null = null;

function tableOf(code: string, id: string): Record<string, string> {
  const literal = /export const \w+: Messages = (\{[\s\S]*?\n\});/.exec(code)?.[1];
  if (!literal) throw new Error(`${id}: no "export const <lang>: Messages = { ... };" table`);
  // Our own source, plain string literals only: evaluated here, at build time.
  return new Function(`return ${literal};`)() as Record<string, string>;
}

const compactLocales: Plugin = {
  name: 'pay-checkout:compact-locales',
  enforce: 'pre',
  async transform(code, id) {
    const language = LOCALE_TABLE.exec(id)?.[1];
    if (!language) return null;
    const table = tableOf(code, id);
    if (language === 'en') keyOrder = Object.keys(table);
    else if (!keyOrder) keyOrder = Object.keys(tableOf(await readFile(id.replace(/\w+\.ts$/, 'en.ts'), 'utf8'), 'en.ts'));
    const values = keyOrder.map((key) => {
      if (typeof table[key] !== 'string') throw new Error(`${id}: no text for ${key}`);
      return table[key];
    });
    const keys = language === 'en' ? `export const KEYS = ${JSON.stringify(keyOrder)};\n` : '';
    return { code: `${keys}export const ${language} = ${JSON.stringify(values)};\n`, map: null };
  },
};

function elementBuild(mode: string): UserConfig {
  const global = mode === 'global';
  return {
    root: elementDir,
    publicDir: false,
    plugins: [compactLocales, minifyLiterals],
    build: {
      outDir: 'dist',
      emptyOutDir: !global, // the ES pass runs first and clears dist; the global pass adds to it
      target: 'es2022',
      sourcemap: true,
      // Both minified (with source maps): the ES module is what bundler users ship, too.
      minify: true,
      lib: {
        entry: `${elementDir}src/index.ts`,
        formats: [global ? 'iife' : 'es'],
        name: 'PayCheckout',
        fileName: () => (global ? 'pay-checkout.global.js' : 'pay-checkout.js'),
      },
      rolldownOptions: {
        // npm consumers share one lit; the script-tag bundle must stand alone.
        external: global ? [] : [/^lit($|\/)/, /^@lit\//, /^lit-html($|\/)/],
      },
    },
  };
}

export default defineConfig(({ command, mode }) => (command === 'build' ? elementBuild(mode) : {}));
