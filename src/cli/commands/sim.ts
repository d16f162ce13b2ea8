import type { CommandIo, GlobalOptions } from '../io.js';

export interface SimOptions {
  host: string;
  port: number;
  timeScale: number;
  scenario?: string;
}

/** `gitmoxi sim`: serves the AWS simulator until stopped. */
export async function sim(_options: SimOptions, _global: GlobalOptions, io: CommandIo): Promise<number> {
  io.stderr.write('gitmoxi sim: the simulator is not built yet\n');
  return 2;
}
