/**
 * Reading members the types leave open: those a definition schema lets through as the file wrote them (the AWS
 * model's, which gitmoxi passes on) and those AWS answers that a port keeps as they came (a service's settings, a
 * function's configuration). Every member reads as `unknown` until checked. Pure.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object, else undefined. */
export function member(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** `value[key]` when it is a number. */
export function numberMember(value: unknown, key: string): number | undefined {
  const found = member(value, key);
  return typeof found === 'number' ? found : undefined;
}
