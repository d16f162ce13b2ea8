/**
 * The simulator's one entry point: what `gitmoxi sim`, `demo` and `rehearse` use of it. scripts/bundle.mjs makes
 * it dist/bundle/sim.js, apart from the CLI's bundle, and the commands reach it only through
 * src/cli/load-simulator.ts, at run time: every other command starts without parsing the simulator.
 */
export { readScenarioFile, ScenarioError, scenarioIssues, validateScenario } from './scenario.js';
export { type Simulator, startSimulator } from './server.js';
export { VirtualClock } from './virtual-clock.js';
