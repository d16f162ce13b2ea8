/**
 * Project configuration, found with cosmiconfig: gitmoxi.config.{json,yaml,js,ts}, .gitmoxirc*, or a
 * "gitmoxi" key in package.json, searched from the repository. Flags win over config, config over defaults.
 */
import { z } from 'zod';
import { GitmoxiError } from '../errors.js';

export const configSchema = z
  .object({
    region: z.string().min(1).optional(),
    profile: z.string().min(1).optional(),
    endpointUrl: z.url().optional(),
    color: z.boolean().optional(),
    verbose: z.boolean().optional(),
  })
  .strict();

export type GitmoxiConfig = z.infer<typeof configSchema>;

export async function loadConfig(searchFrom: string): Promise<{ config: GitmoxiConfig; file: string | null }> {
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('gitmoxi', {
    searchStrategy: 'project',
    searchPlaces: [
      'package.json',
      '.gitmoxirc',
      '.gitmoxirc.json',
      '.gitmoxirc.yaml',
      '.gitmoxirc.yml',
      '.gitmoxirc.js',
      '.gitmoxirc.mjs',
      'gitmoxi.config.json',
      'gitmoxi.config.yaml',
      'gitmoxi.config.yml',
      'gitmoxi.config.js',
      'gitmoxi.config.mjs',
      'gitmoxi.config.ts',
    ],
  });
  let found;
  try {
    found = await explorer.search(searchFrom);
  } catch (error) {
    throw new GitmoxiError('E_CONFIG_INVALID', `cannot read configuration: ${(error as Error).message}`, { cause: error });
  }
  if (!found || found.isEmpty) return { config: {}, file: null };
  const parsed = configSchema.safeParse(found.config);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new GitmoxiError('E_CONFIG_INVALID', `invalid configuration: ${details}`, { location: { file: found.filepath } });
  }
  return { config: parsed.data, file: found.filepath };
}
