#!/usr/bin/env node
// Launcher only: everything, including the exit code, is decided in src/main.ts (bundled by scripts/bundle.mjs).
import '../dist/bundle/cli.js';
