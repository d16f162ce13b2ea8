/**
 * Which renderer shows a run, from flags and environment (pure), and the factory that builds it. `--json`
 * wins; the live terminal view needs a terminal and no CI; everything else gets plain lines, which read well
 * in CI logs and in files.
 */
import type { ReportOutput } from './output.js';
import type { EmitEvent } from '../events/types.js';
import { createJsonRenderer } from './json.js';
import { createPlainRenderer } from './plain.js';
import { createTtyRenderer } from './tty.js';

export type RendererKind = 'json' | 'tty' | 'plain';

/** What every renderer is: a sink for the engine's events, and a way to wait until its output is complete. */
export interface Renderer {
  emit: EmitEvent;
  /** Finishes the output (the terminal's last frame, the summary, buffered CI groups); call once, at the end. */
  close(): Promise<void>;
}

export interface RendererOptions {
  color: boolean;
}

export interface SelectOptions {
  json: boolean;
  /** Colour does not change the choice; it is passed on to the renderer that is chosen. */
  color: boolean;
  /** Whether the command's stdout is a terminal. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export function selectRenderer(options: SelectOptions): RendererKind {
  if (options.json) return 'json';
  if (options.isTTY && !isCi(options.env) && options.env.TERM !== 'dumb') return 'tty';
  return 'plain';
}

/**
 * CI services set `CI=true` (GitHub Actions, GitLab CI, CircleCI, Travis, Buildkite, …); some set `CI=1`.
 * A pseudo-terminal in CI still makes redraws unreadable in the stored log, so CI gets plain lines.
 */
function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

export function createRenderer(kind: RendererKind, io: ReportOutput, options: RendererOptions): Renderer {
  switch (kind) {
    case 'json':
      return createJsonRenderer(io);
    case 'tty':
      return createTtyRenderer(io, options);
    case 'plain':
      return createPlainRenderer(io, { ...options, github: io.env.GITHUB_ACTIONS === 'true' });
    default: {
      const never: never = kind;
      return never;
    }
  }
}
