#!/usr/bin/env node
// The command-line tool runs the same TypeScript modules as the app, through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
