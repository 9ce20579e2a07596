// Generates custom-elements.json, the element's public API for editors, linters and docs sites.
// The JSDoc header of pay-checkout.ts lists attributes, events, parts and custom properties;
// the Lit plugin adds the reactive properties declared in `static properties`.

/** Lit plumbing on the class, not something a page sets. */
const LIT_STATICS = new Set(['styles', 'properties', 'shadowRootOptions']);

const isInternal = (member) =>
  member.privacy === 'private' ||
  member.privacy === 'protected' ||
  member.name.startsWith('_') ||
  member.name.startsWith('#') ||
  (member.static === true && LIT_STATICS.has(member.name));

/**
 * Keeps the manifest to the public API:
 * - private, protected and `_`-prefixed members, and Lit's statics, go;
 * - so do attributes the Lit plugin derives from internal `state: true` properties;
 * - events come from the JSDoc `@event` list only: `#emit(name, ...)` would otherwise add an event called "name";
 * - declarations a module does not export go (the analyzer reads shorthand object keys as variables).
 */
function publicApiOnly() {
  return {
    name: 'pay-checkout-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer reads files in whatever order they come back; sorted, the manifest is the same every run.
      customElementsManifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
      for (const mod of customElementsManifest.modules ?? []) {
        const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name));
        mod.declarations = (mod.declarations ?? []).filter((d) => exported.has(d.name));
        for (const declaration of mod.declarations) {
          if (declaration.members) {
            const internal = new Set(declaration.members.filter(isInternal).map((m) => m.name));
            declaration.members = declaration.members.filter((m) => !internal.has(m.name));
            if (declaration.attributes) {
              declaration.attributes = declaration.attributes.filter(
                (a) => !(a.fieldName && internal.has(a.fieldName)),
              );
            }
          }
          if (declaration.events) declaration.events = declaration.events.filter((e) => e.description);
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // The stylesheet and the message tables are not API (and their text would make every style or wording change a manifest change).
  exclude: ['src/**/*.test.ts', 'test/**', 'src/pay-checkout.styles.ts', 'src/locales/**'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest already; a run with --outdir elsewhere (the freshness test) must not rewrite it.
  packagejson: false,
  plugins: [publicApiOnly()],
};
