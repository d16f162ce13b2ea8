// The action's `changed-units` output from the command's JSON: one line, unit prefixes separated by spaces.
import { readFileSync } from 'node:fs';

const [command, path] = process.argv.slice(2);
const text = readFileSync(path, 'utf8').trim();
// The deploy report is indented JSON; plan --json and status --json print one line, and an error before it a line
// of its own (a document without units).
const parse = (t) => {
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
};
const document = parse(text) ?? parse(text.split('\n').at(-1) ?? '') ?? {};
const units =
  {
    plan: () => (document.units ?? []).filter((u) => u.action === 'deploy' || u.action === 'delete').map((u) => u.prefix),
    deploy: () => (document.results ?? []).map((r) => r.unit),
    poll: () => (document.results ?? []).map((r) => r.unit),
    status: () => (document.units ?? []).filter((u) => u.state === 'OutOfSync' || u.state === 'Missing').map((u) => u.unit),
  }[command]?.() ?? [];
process.stdout.write(units.join(' '));
