#!/usr/bin/env node
// Launcher only: everything, including the exit code, is decided in src/main.ts.
import { main } from '../dist/main.js';

await main(process.argv);
