/**
 * Times as every renderer prints them. Both take a time from an event (the engine's clock), never the wall
 * clock, so the same events always print the same text.
 */

/** `2026-01-01T00:00:05Z`: UTC to the second, the form CI log viewers and `date -u` agree on. */
export function formatTimestamp(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `45s`, `3m 05s`, `1h 02m`: short enough for a progress line, precise enough for a deployment. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad2(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad2(minutes % 60)}m`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
