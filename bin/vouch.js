#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `npm install` leaves the CLI runnable.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
