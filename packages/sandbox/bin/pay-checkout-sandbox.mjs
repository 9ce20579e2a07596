#!/usr/bin/env node
// Runs the TypeScript sources through tsx, registered here so the bin works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
