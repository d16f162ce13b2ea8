// The bundle's entry point (scripts/bundle.mjs): bin/gitmoxi.js loads what esbuild makes of it.
import { main } from './main.js';

await main(process.argv);
