import { resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { CommandIo, GlobalOptions } from './io.js';

/** What commander hands over: only what the user typed is set. */
export interface RawGlobalFlags {
  repo?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  json?: boolean;
  color?: boolean;
  verbose?: boolean;
}

/** Flags win over configuration, configuration over the environment and defaults. */
export async function globalOptions(flags: RawGlobalFlags, io: CommandIo): Promise<GlobalOptions> {
  const repo = resolve(io.cwd, flags.repo ?? '.');
  const { config } = await loadConfig(repo);
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

/** Colour only on a terminal, never with --no-color, NO_COLOR (https://no-color.org) or --json. */
function colorWanted(flags: RawGlobalFlags, configured: boolean | undefined, io: CommandIo): boolean {
  if (flags.color === false || flags.json) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (configured === false) return false;
  return io.stdout.isTTY === true;
}
