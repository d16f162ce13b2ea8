/**
 * The simulator's one entry point: what `gitmoxi sim`, `demo` and `rehearse` use of it. scripts/bundle.mjs makes
 * it dist/bundle/sim.js, apart from the CLI's files, and the commands reach it only through
 * src/cli/load-simulator.ts, at run time: no other command needs it, or finds it among what it loads.
 */
export { ScenarioError, scenarioIssues, validateScenario } from './scenario.js';
export { startSimulator } from './server.js';
export { VirtualClock } from './virtual-clock.js';
