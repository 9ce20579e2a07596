// Builds <pay-checkout> in two passes (Vite library mode emits one format set per build):
//   vite build                 -> packages/element/dist/pay-checkout.js         (ES module, lit external)
//   vite build --mode global   -> packages/element/dist/pay-checkout.global.js  (IIFE for a script tag, lit bundled, minified)
// `npm run build --workspace @pay-checkout/element` runs both.
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

function elementBuild(mode: string): UserConfig {
  const global = mode === 'global';
  return {
    root: elementDir,
    publicDir: false,
    plugins: [minifyLiterals],
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
