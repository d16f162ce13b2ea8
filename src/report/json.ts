/**
 * `--json`: every event as one line of JSON with `schemaVersion`, and nothing else on stdout, so CI can parse
 * the stream with `jq` or line by line. Times stay epoch milliseconds, as in the events.
 */
import type { ReportOutput } from './output.js';
import { eventSchemaVersion, type DeployEvent } from '../events/types.js';
import type { Renderer } from './select.js';

function formatEventJson(event: DeployEvent): string {
  return JSON.stringify({ schemaVersion: eventSchemaVersion, ...event });
}

export function createJsonRenderer(io: Pick<ReportOutput, 'stdout'>): Renderer {
  return {
    emit: (event) => {
      io.stdout.write(`${formatEventJson(event)}\n`);
    },
    close: async () => {},
  };
}
