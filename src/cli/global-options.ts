import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type GitmoxiConfig } from '../config/config.js';
import { checkReportFolder } from '../report/report-file.js';
import type { CommandIo, GlobalOptions } from './io.js';

/** What commander hands over: only what the user typed is set. */
interface RawGlobalFlags {
  repo?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  json?: boolean;
  color?: boolean;
  verbose?: boolean;
  config?: string;
  allowRepoEndpoint?: boolean;
}

/** The command's own flags that configuration files may also set, and the revision it acts on. */
interface CommandFlags {
  to?: string;
  at?: string;
  report?: string;
}

/** Keys of the configuration that are options of some commands (deploy, poll, rollback), by option name. */
const commandSettings = ['concurrency', 'busyTimeout', 'report', 'notify'] as const satisfies readonly (keyof GitmoxiConfig)[];

/**
 * Flags win over configuration, configuration over the environment and defaults. Command options the
 * configuration sets (concurrency, busyTimeout, report, notify) are applied to `command` unless typed on the command line.
 */
export async function globalOptions(command: Command, io: CommandIo): Promise<GlobalOptions> {
  const flags = command.optsWithGlobals<RawGlobalFlags & CommandFlags>();
  const repo = resolve(io.cwd, flags.repo ?? '.');
  const revision = flags.to ?? flags.at;
  const { config } = await loadConfig({
    repo,
    cwd: io.cwd,
    env: io.env,
    ...(flags.config !== undefined && { explicitPath: flags.config }),
    allowRepoEndpoint: flags.allowRepoEndpoint === true,
    ...(revision !== undefined && { revision }),
  });
  applyCommandSettings(command, config);
  const reportValue: unknown = command.getOptionValue('report');
  const report = typeof reportValue === 'string' ? reportValue : undefined;
  // Checked before anything is deployed: a report that cannot be written must not be found out afterwards.
  if (report !== undefined) await checkReportFolder(resolve(io.cwd, report));
  const region = flags.region ?? config.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  const profile = flags.profile ?? config.profile ?? io.env.AWS_PROFILE;
  const endpointUrl = flags.endpointUrl ?? config.endpointUrl ?? io.env.AWS_ENDPOINT_URL;
  const options: GlobalOptions = {
    repo,
    json: flags.json ?? false,
    color: colorWanted(flags, config.color, io),
    verbose: flags.verbose ?? config.verbose ?? false,
  };
  if (region) options.region = region;
  if (profile) options.profile = profile;
  if (endpointUrl) options.endpointUrl = endpointUrl;
  return options;
}

function applyCommandSettings(command: Command, config: GitmoxiConfig): void {
  for (const key of commandSettings) {
    const value = config[key];
    if (value === undefined || !command.options.some((option) => option.attributeName() === key)) continue;
    const source = command.getOptionValueSource(key);
    if (source === undefined || source === 'default') command.setOptionValueWithSource(key, value, 'config');
  }
}

/** Colour only on a terminal, never with --no-color, NO_COLOR (https://no-color.org) or --json. */
function colorWanted(flags: RawGlobalFlags, configured: boolean | undefined, io: CommandIo): boolean {
  if (flags.color === false || flags.json) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (configured === false) return false;
  return io.stdout.isTTY === true;
}
