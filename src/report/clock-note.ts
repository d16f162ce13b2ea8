/** The line that says times are the simulator's: they run faster than the machine's and drift hours ahead of it. */
export function simulatedTimeNote(simulator: { scale: number | null; virtual?: boolean } | undefined): string | null {
  if (simulator === undefined) return null;
  const pace = simulator.virtual
    ? 'virtual: it jumps to the next wake-up once every client waits'
    : simulator.scale === null
      ? 'moved by whoever drives it'
      : simulator.scale === 1
        ? 'at real speed'
        : `${simulator.scale}× faster than real time`;
  return `note: times below are the simulator's clock (${pace}), not this machine's`;
}
