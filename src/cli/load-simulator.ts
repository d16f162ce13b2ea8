/**
 * The simulator, loaded when a command needs it: `import()` of its entry (src/sim/index.ts). esbuild bundles that
 * entry as dist/bundle/sim.js and points this import at it from whichever chunk holds this module; from source
 * (tsx, tsc's output) it is the module itself. Nothing else outside src/sim/ may import the simulator's values,
 * or the CLI's bundle would carry it again (scripts/bundle.mjs refuses to build then).
 */
import { GitmoxiError } from '../errors.js';

export type SimulatorModule = typeof import('../sim/index.js');

export async function loadSimulator(): Promise<SimulatorModule> {
  try {
    return await import('../sim/index.js');
  } catch (error) {
    // Every other command works without the simulator's files, so a copy that lost them fails here, and only here.
    if (!(error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND')) throw error;
    throw new GitmoxiError('E_INTERNAL', `this installation of gitmoxi lacks its AWS simulator: ${error.message}`, {
      hint: 'Reinstall gitmoxi: `gitmoxi sim`, `demo` and `rehearse` load dist/bundle/sim.js, shipped beside the CLI in the same package.',
      cause: error,
    });
  }
}
