#!/usr/bin/env node
// Launcher: lets `npx normhub` (and `node bin/normhub.js`) run the TypeScript CLI from a
// checkout, with no build step, by registering tsx before loading it.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
