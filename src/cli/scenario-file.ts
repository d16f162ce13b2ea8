/**
 * A scenario file (JSON or YAML, the simulator's format: docs/simulator.md) for `gitmoxi rehearse` or `gitmoxi sim`,
 * read before anything is planned or started. Every problem points at its line: the file sits in the repository
 * beside the definitions, and is fixed the same way they are.
 */
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { GitmoxiError, type Problem } from '../errors.js';
import { loadSimulator } from './load-simulator.js';
import type { Scenario } from '../sim/types.js';
import { recordOf } from '../is-record.js';

/**
 * `path` is read from disk; `shownAs` is how messages name it (as the user typed it); `refused` says what did not
 * happen because of it ("nothing was rehearsed").
 */
export async function readScenarioFile(path: string, shownAs: string, refused: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GitmoxiError('E_SCENARIO_INVALID', `cannot read the scenario file ${shownAs} (${errorCode(error)})`, {
      hint: 'Give the path of a scenario file relative to the current directory, e.g. --scenario rehearse/breaker.yaml.',
    });
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const syntax: Problem[] = document.errors.map((error) => ({
    code: 'E_SCENARIO_INVALID',
    // The first line without its own position: the location says where, once.
    message: (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:$/, ''),
    location: { file: shownAs, ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}) },
  }));
  if (syntax.length > 0) throw invalid(shownAs, refused, syntax);
  const value: unknown = document.toJS();
  const { scenarioIssues, validateScenario } = await loadSimulator();
  const problems: Problem[] = scenarioIssues(value).map((issue) => ({
    code: 'E_SCENARIO_INVALID',
    message: `${issue.where}: ${issue.message}`,
    location: { file: shownAs, ...lineOf(document, lines, issue.path) },
  }));
  if (problems.length > 0) throw invalid(shownAs, refused, problems);
  return validateScenario(value, shownAs);
}

function invalid(shownAs: string, refused: string, problems: Problem[]): GitmoxiError {
  return new GitmoxiError('E_SCENARIO_INVALID', `the scenario file ${shownAs} is not valid: ${refused}`, { problems });
}

/** The line of the deepest node of `path` the document has (a missing key points at its parent). */
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): { line?: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return { line: lines.linePos(node.range[0]).line };
  }
  return {};
}

/** The errno code of a failed read (ENOENT, EACCES, …). */
function errorCode(error: unknown): string {
  const { code } = recordOf(error);
  return typeof code === 'string' ? code : 'error';
}
