/**
 * Exit codes are a contract with CI (docs/design.md#exit-codes); README documents them and an e2e test covers each.
 */
export const ExitCode = {
  Ok: 0,
  RolledBack: 1,
  Invalid: 2,
  NeedsOperator: 3,
  Interrupted: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Every error gitmoxi raises on purpose has a code from this catalogue: what it means, the exit code it ends the
 * command with, and a hint that says the fix. Codes a unit's result carries are in `unitErrorCatalogue` below.
 */
export const errorCatalogue = {
  E_USAGE: {
    meaning: 'A command, flag or argument gitmoxi does not accept.',
    exitCode: ExitCode.Invalid,
    hint: 'Run `gitmoxi --help` for the commands and flags.',
  },
  E_CONFIG_INVALID: {
    meaning: 'A configuration file does not parse or sets what it may not.',
    exitCode: ExitCode.Invalid,
    hint: 'Fix the configuration file named above.',
  },
  E_GIT: { meaning: 'A git command failed.', exitCode: ExitCode.Invalid, hint: 'Check that --repo points at a git repository and the revisions exist.' },
  E_GIT_NOT_A_REPO: {
    meaning: 'The folder is not inside a git repository.',
    exitCode: ExitCode.Invalid,
    hint: 'Run gitmoxi inside a git checkout or pass --repo DIR.',
  },
  E_GIT_REV_MISSING: {
    meaning: 'A revision (--from, --to, --at) is not in the repository.',
    exitCode: ExitCode.Invalid,
    hint: 'Check the revision, or fetch it (git fetch origin <rev>).',
  },
  E_GIT_BASE_MISSING: {
    meaning: 'The clone is too shallow to contain --from.',
    exitCode: ExitCode.Invalid,
    hint: 'The clone is too shallow to contain --from: set fetch-depth: 0 on actions/checkout (GIT_DEPTH: 0 on GitLab), or run `git fetch --unshallow`.',
  },
  E_CI_EVENT: {
    meaning: 'The CI event does not say which commits to compare.',
    exitCode: ExitCode.Invalid,
    hint: 'Pass --from and --to explicitly, or check that the job can read the file named in GITHUB_EVENT_PATH.',
  },
  E_UNIT_NOT_FOUND: {
    meaning: 'No unit, or nothing running in AWS, has that name.',
    exitCode: ExitCode.Invalid,
    hint: 'Give a unit prefix such as apps/web/web (the file path without its _svcdef.json suffix).',
  },
  E_FILE_TOO_LARGE: {
    meaning: 'A definition file is larger than any definition.',
    exitCode: ExitCode.Invalid,
    hint: 'Definition files are small JSON documents; check that the right file was committed.',
  },
  E_FILE_BINARY: {
    meaning: 'A definition file is not text.',
    exitCode: ExitCode.Invalid,
    hint: 'Definition files must be UTF-8 text; check that the right file was committed.',
  },
  E_FILE_EMPTY: { meaning: 'A definition file is empty.', exitCode: ExitCode.Invalid, hint: 'Write a JSON object into the file, or delete it.' },
  E_RENDER_SYNTAX: { meaning: 'A template has a syntax error.', exitCode: ExitCode.Invalid, hint: 'Fix the Jinja syntax at the line shown.' },
  E_RENDER_UNDEFINED: {
    meaning: 'A template uses a variable nothing defines.',
    exitCode: ExitCode.Invalid,
    hint: "Define the variable in the unit's input file, in a ref file it reads, or use `| default(...)`.",
  },
  E_RENDER_LIMIT: {
    meaning: 'A template exceeds a rendering limit.',
    exitCode: ExitCode.Invalid,
    hint: 'Make the loop, recursion or text at the line shown smaller (docs/templates.md lists the limits).',
  },
  E_RENDER_FAILED: {
    meaning: 'A template expression failed while rendering.',
    exitCode: ExitCode.Invalid,
    hint: 'Fix the template expression at the line shown.',
  },
  E_JSON_INVALID: {
    meaning: 'A rendered definition is not valid JSON.',
    exitCode: ExitCode.Invalid,
    hint: 'The rendered text must be valid JSON: check commas, quotes and brackets at the line shown.',
  },
  E_JSON_DUPLICATE_KEY: {
    meaning: 'A definition names one key twice.',
    exitCode: ExitCode.Invalid,
    hint: 'Keep one of the two keys: JSON parsers disagree on which one wins.',
  },
  E_JSON_TOO_DEEP: {
    meaning: 'A definition nests deeper than any definition does.',
    exitCode: ExitCode.Invalid,
    hint: 'Definition files nest a few levels deep; check that the right file was committed.',
  },
  E_INPUT_INVALID: {
    meaning: 'An input file does not have the input format.',
    exitCode: ExitCode.Invalid,
    hint: 'See the input file format in README (ref.file, ref.type).',
  },
  E_INPUT_REF_MISSING: {
    meaning: 'A file an input refers to is not in the commit.',
    exitCode: ExitCode.Invalid,
    hint: 'Commit the referenced file, or fix the path in ref.file (paths are relative to the repository root).',
  },
  E_INPUT_REF_ESCAPES_REPO: {
    meaning: 'A file an input refers to lies outside the repository.',
    exitCode: ExitCode.Invalid,
    hint: 'ref.file paths must stay inside the repository: remove leading / and ../ segments.',
  },
  E_INPUT_REF_TYPE: {
    meaning: 'A file an input refers to is not of the type it names.',
    exitCode: ExitCode.Invalid,
    hint: 'ref.type must be TERRAFORM, CDK or JSON, and the file must have that shape.',
  },
  E_DEF_INVALID: { meaning: 'A definition fails its schema or a rule across its fields.', exitCode: ExitCode.Invalid, hint: 'Fix the fields listed above.' },
  E_NOT_DEPLOYABLE: {
    meaning: 'A unit has settings but not the definition they apply to.',
    exitCode: ExitCode.Invalid,
    hint: 'Add the missing definition file or remove the settings file.',
  },
  E_PREFLIGHT: {
    meaning: 'A unit cannot run (no Region, no strategy), found before any change.',
    exitCode: ExitCode.Invalid,
    hint: 'Fix what is listed above; nothing was changed in AWS.',
  },
  E_ACCOUNT_MISMATCH: {
    meaning: 'The credentials act in another account than a depdef names.',
    exitCode: ExitCode.Invalid,
    hint: 'Use credentials for the account named in environment.account (AWS_PROFILE, or the role your CI assumes); nothing was changed.',
  },
  E_AWS_UNREACHABLE: {
    meaning: 'AWS (or the endpoint) could not be reached.',
    exitCode: ExitCode.Invalid,
    hint: 'Check --endpoint-url (or AWS_ENDPOINT_URL), the network, DNS and proxy settings (HTTPS_PROXY), then run again.',
  },
  E_AWS_REFUSED: {
    meaning: 'AWS refused the first call of the run.',
    exitCode: ExitCode.Invalid,
    hint: 'Check the Region is enabled for the account and that no policy (an SCP, a permissions boundary) denies sts:GetCallerIdentity.',
  },
  E_AWS_CREDENTIALS: {
    meaning: 'No credentials, or credentials AWS does not accept.',
    exitCode: ExitCode.Invalid,
    hint: 'Set AWS_PROFILE or AWS credentials (in CI: configure OIDC with aws-actions/configure-aws-credentials).',
  },
  E_UNIT_BUSY: {
    meaning: 'Another gitmoxi run holds the unit.',
    exitCode: ExitCode.Invalid,
    hint: 'Let the other gitmoxi run finish (or stop it), then try again.',
  },
  E_SCENARIO_INVALID: {
    meaning: 'A scenario file given to `gitmoxi rehearse` or `gitmoxi sim` does not have the scenario format.',
    exitCode: ExitCode.Invalid,
    hint: 'Fix the scenario file at the lines shown; its format is in docs/simulator.md (Scenarios), its use in docs/rehearse.md.',
  },
  E_INTERNAL: {
    meaning: 'A bug in gitmoxi.',
    exitCode: ExitCode.NeedsOperator,
    hint: 'This is a bug in gitmoxi: please report it with the output of --verbose.',
  },
} as const satisfies Record<string, { meaning: string; exitCode: ExitCode; hint: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/**
 * Codes a unit's result carries (docs/deploy-failures.md): the unit failed while deploying, not before the run. The
 * run's exit code follows the unit's outcome (src/events/exit-code.ts), so each entry lists the exit codes a run
 * may end with when a unit carries it: 1 when the previous version was restored or left untouched, 2 when nothing
 * was changed and something must be fixed, 3 when a human must look.
 */
export const unitErrorCatalogue = {
  E_DEPLOY_FAILED: {
    exitCodes: [ExitCode.RolledBack, ExitCode.NeedsOperator],
    meaning: 'The new version did not become healthy (or an alarm fired); the previous version was restored, or could not be.',
  },
  E_ROLLBACK_FAILED: { exitCodes: [ExitCode.NeedsOperator], meaning: 'The deployment failed and restoring the previous version failed too.' },
  E_RESUME_FAILED: { exitCodes: [ExitCode.NeedsOperator], meaning: 'What an interrupted run left on a blue/green service could not be finished or reverted.' },
  E_REPLACE_FAILED: { exitCodes: [ExitCode.NeedsOperator], meaning: 'The replacement is deployed, but the resource it replaces could not be retired.' },
  E_ALARM_MISSING: { exitCodes: [ExitCode.RolledBack], meaning: 'An alarm the depdef watches does not exist; nothing was shifted.' },
  E_LOCKED: { exitCodes: [ExitCode.RolledBack], meaning: "Another run holds the blue/green service's lock; nothing was changed." },
  E_SERVICE_GONE: { exitCodes: [ExitCode.RolledBack], meaning: 'The service was deleted while this deployment waited for it.' },
  E_TARGET_GROUP_UNPAIRED: { exitCodes: [ExitCode.RolledBack], meaning: 'A blue/green target group has no partner to shift traffic to; nothing was shifted.' },
  E_TARGET_GROUP_UNROUTED: { exitCodes: [ExitCode.RolledBack], meaning: 'No listener or rule forwards to a target group of the service; nothing was shifted.' },
  E_BUSY: { exitCodes: [ExitCode.RolledBack], meaning: 'Another deployment still drove the unit when this run stopped waiting; nothing was changed.' },
  E_DELETE_FAILED: { exitCodes: [ExitCode.NeedsOperator], meaning: 'Deleting the function failed part-way.' },
  E_DELETE_TIMEOUT: { exitCodes: [ExitCode.NeedsOperator], meaning: 'The deleted service was still draining when gitmoxi stopped waiting.' },
  E_DELETE_UNKNOWN: {
    exitCodes: [ExitCode.Invalid],
    meaning: 'A deleted unit whose resource gitmoxi cannot find, by its definitions or its tag; nothing was changed.',
  },
  E_AWS: {
    exitCodes: [ExitCode.Invalid, ExitCode.NeedsOperator],
    meaning: 'An AWS error the strategy did not expect: exit 2 before the unit changed anything, 3 after.',
  },
} as const satisfies Record<string, { exitCodes: readonly ExitCode[]; meaning: string }>;

/** What a unit's result may carry: a unit code, or the code of an error thrown while it ran. */
export type UnitErrorCode = keyof typeof unitErrorCatalogue | ErrorCode;

/** Where in a file a problem is; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface GitmoxiErrorOptions {
  hint?: string;
  location?: SourceLocation;
  cause?: unknown;
  /** Further problems reported together with this one (validation collects them all). */
  problems?: readonly Problem[];
}

/** One problem in one file, printed as `path:line:col: message (hint)`. */
export interface Problem {
  code: ErrorCode;
  message: string;
  location: SourceLocation;
  hint?: string;
}

export class GitmoxiError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly exitCode: ExitCode;
  readonly location: SourceLocation | undefined;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, options: GitmoxiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitmoxiError';
    this.code = code;
    this.hint = options.hint ?? errorCatalogue[code].hint;
    this.exitCode = errorCatalogue[code].exitCode;
    this.location = options.location;
    this.problems = options.problems ?? [];
  }

  /** This error as a Problem, for collecting several into one report. */
  toProblem(): Problem {
    return { code: this.code, message: this.message, location: this.location ?? { file: '' }, hint: this.hint };
  }
}

export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** `path:line:col: message (hint)`: the one format every collected problem is printed in. */
export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem.location);
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${where ? `${where}: ` : ''}${problem.message}${hint}`;
}
