#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the workspace needs no separate build step.
import { register } from 'tsx/esm/api';

register();
const { runAdmin } = await import('../src/admin-cli.ts');
process.exitCode = await runAdmin(process.argv.slice(2));
