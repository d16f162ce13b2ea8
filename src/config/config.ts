/**
 * Project configuration. It is data, never code, and a repository cannot redirect credentials with it:
 * - `--config PATH` (or `GITMOXI_CONFIG`) names a file the operator chose: JSON, YAML, or a `.js`/`.mjs`/`.cjs`
 *   module (run, since they asked for it); it may set every key.
 * - Otherwise the repository's own file (gitmoxi.config.{json,yaml,yml}, .gitmoxirc[.json|.yaml|.yml] or the
 *   "gitmoxi" key of package.json, at its top folder) is read as data; code files there are refused. In CI it is
 *   read from the tree of the commit being deployed, not from a working tree earlier steps may have changed.
 * - A repository file may not set `endpointUrl` or `profile` (where signed AWS requests go, and whose
 *   credentials sign them) unless `--allow-repo-endpoint` says the operator trusts every committer.
 * Flags win over configuration, configuration over the environment and defaults.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { suggest } from '../defs/did-you-mean.js';
import { GitmoxiError } from '../errors.js';
import { readCiDefaults } from '../git/ci-defaults.js';
import { openTree } from '../git/read.js';
import { resolveCommit } from '../git/revisions.js';
import { findRepoConfig, isCodeFile, parseConfigText, type ConfigDocument, type ConfigSource } from './config-files.js';

/** One line per key, so that a new setting is one added line. */
const configSchema = z
  .object({
    region: z.string().min(1).optional(),
    profile: z.string().min(1).optional(),
    endpointUrl: z.url().optional(),
    color: z.boolean().optional(),
    verbose: z.boolean().optional(),
    concurrency: z.number().int().min(1).optional(),
    busyTimeout: z.number().int().min(0).optional(),
    report: z.string().min(1).optional(),
    /** Webhook URLs every unit notifies (docs/notifications.md); --notify replaces the list. */
    notify: z.array(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })).optional(),
  })
  .strict();

export type GitmoxiConfig = z.infer<typeof configSchema>;

/** Keys that decide where signed requests go or which credentials sign them. */
const redirectingKeys = ['endpointUrl', 'profile'] as const;

export interface LoadConfigOptions {
  /** The repository folder (`--repo`). */
  repo: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--config PATH`; `GITMOXI_CONFIG` when absent. */
  explicitPath?: string;
  /** `--allow-repo-endpoint`: a repository file may set endpointUrl and profile. */
  allowRepoEndpoint?: boolean;
  /** The commit the command acts on, as given (`--to`, `--at`); in CI its tree holds the configuration. */
  revision?: string;
}

export interface LoadedConfig {
  config: GitmoxiConfig;
  /** The file the configuration came from, as shown in messages; null when there is none. */
  file: string | null;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const explicit = options.explicitPath ?? (options.env['GITMOXI_CONFIG'] || undefined);
  if (explicit !== undefined) return loadExplicit(resolve(options.cwd, explicit));
  const source = isCi(options.env) ? await commitSource(options) : workingTreeSource(options.repo, options.cwd);
  if (source === null) return { config: {}, file: null };
  try {
    const document = await findRepoConfig(source);
    if (document === null) return { config: {}, file: null };
    const config = validate(document);
    if (!options.allowRepoEndpoint) refuseRedirects(document, config);
    return { config, file: document.file };
  } finally {
    source.close();
  }
}

/** `CI=true` is set by most CI systems; GitHub Actions and GitLab CI also set their own. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env['CI'];
  return (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') || Boolean(env['GITHUB_ACTIONS']) || Boolean(env['GITLAB_CI']);
}

async function loadExplicit(path: string): Promise<LoadedConfig> {
  let document: ConfigDocument;
  if (/\.[cm]?ts$/.test(path)) {
    // cosmiconfig compiles TypeScript with the `typescript` package's compiler API, which the native compiler
    // (typescript 7) no longer has and an installed gitmoxi does not ship: refuse it by name rather than fail inside.
    throw new GitmoxiError('E_CONFIG_INVALID', `${path}: TypeScript configuration modules are not supported`, {
      location: { file: path },
      hint: 'Write the same object as JSON or YAML, or as plain JavaScript in a .mjs file (export default { … }).',
    });
  }
  if (isCodeFile(path)) {
    document = { file: path, value: await importModule(path), locate: () => ({ file: path }) };
  } else {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new GitmoxiError('E_CONFIG_INVALID', `cannot read the configuration file ${path}: ${error.code ?? error.message}`, {
        location: { file: path },
        hint: 'Check the path given with --config or GITMOXI_CONFIG.',
      });
    });
    document = parseConfigText(text, path, extname(path) === '.json' ? 'json' : 'yaml');
  }
  return { config: validate(document), file: path };
}

/** An explicitly named JavaScript module, loaded as cosmiconfig loads one (its default export). */
async function importModule(path: string): Promise<unknown> {
  const { cosmiconfig } = await import('cosmiconfig');
  try {
    const found = await cosmiconfig('gitmoxi').load(path);
    return found?.config ?? {};
  } catch (error) {
    throw new GitmoxiError('E_CONFIG_INVALID', `cannot load the configuration module ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      location: { file: path },
      cause: error,
    });
  }
}

function validate(document: ConfigDocument): GitmoxiConfig {
  const parsed = configSchema.safeParse(document.value ?? {});
  if (parsed.success) return parsed.data;
  const allowed = Object.keys(configSchema.shape);
  const problems = parsed.error.issues.map((issue) => {
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknown === undefined ? issue.path : [...issue.path, unknown];
    const close = unknown === undefined ? undefined : suggest(unknown, allowed);
    const message = `${path.map(String).join('.') || '(root)'}: ${issue.message}${close === undefined ? '' : ` (did you mean ${close}?)`}`;
    return { message, location: document.locate(path.filter((segment) => typeof segment !== 'symbol')) };
  });
  const [first] = problems;
  throw new GitmoxiError('E_CONFIG_INVALID', `invalid configuration: ${problems.map((p) => p.message).join('; ')}`, {
    ...(first !== undefined && { location: first.location }),
    hint: `Allowed keys: ${allowed.join(', ')}. See docs/configuration.md.`,
  });
}

function refuseRedirects(document: ConfigDocument, config: GitmoxiConfig): void {
  const found = redirectingKeys.filter((key) => config[key] !== undefined);
  const [first] = found;
  if (first === undefined) return;
  throw new GitmoxiError(
    'E_CONFIG_INVALID',
    `${found.join(' and ')} in a repository's configuration file ${found.length > 1 ? 'are' : 'is'} refused: whoever can push to the ` +
      'repository could send every signed AWS request (with your access key id and session token) to a host they choose',
    {
      location: document.locate([first]),
      hint:
        'Remove it from the file and pass --endpoint-url / --profile (or AWS_ENDPOINT_URL / AWS_PROFILE), or put it in a file you ' +
        'name with --config; if every committer is trusted, pass --allow-repo-endpoint.',
    },
  );
}

type ClosableSource = ConfigSource & { close(): void };

function workingTreeSource(repo: string, cwd: string): ClosableSource {
  return {
    label: (path) => relative(cwd, join(repo, path)) || path,
    read: (path) => readFile(join(repo, path), 'utf8').catch(() => null),
    close: () => undefined,
  };
}

/** The tree of the commit a CI run deploys (the command's revision, else the CI's own, else HEAD). */
async function commitSource(options: LoadConfigOptions): Promise<ClosableSource | null> {
  const ciTo = options.revision === undefined ? (await readCiDefaults(options.env)).to?.rev : undefined;
  const wanted = options.revision ?? (ciTo !== undefined && !/^0+$/.test(ciTo) ? ciTo : 'HEAD');
  // A commit missing from a shallow clone is fetched later by the range resolution (or reported there in full);
  // HEAD, what the job checked out, is the best stand-in until then.
  const commit = (await resolveCommit(options.repo, wanted).catch(() => null)) ?? (await resolveCommit(options.repo, 'HEAD').catch(() => null));
  if (commit === null) return null;
  const tree = await openTree(options.repo, commit);
  return {
    label: (path) => `${commit.slice(0, 12)}:${path}`,
    read: async (path) => (await tree.read(path))?.toString('utf8') ?? null,
    close: () => tree.close(),
  };
}
