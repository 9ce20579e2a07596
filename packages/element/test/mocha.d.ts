// The mocha globals the test runner provides (no @types/mocha in this workspace).
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;

// axe-core's browser build registers window.axe when imported (the a11y tests read it from there).
declare module 'axe-core/axe.min.js';
