import { isInput, type Input } from '../coerce.js';

/** What every codec produces: an HTTP answer, before the server adds the headers common to all answers. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/**
 * Turns handler output into plain JSON values for the JSON protocols: Dates become epoch seconds (the default
 * timestamp format of awsJson and restJson1), byte arrays become base64, undefined members disappear.
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toJsonValue(member);
    }
    return out;
  }
  return value;
}

/** Parses a JSON request body; an empty body is an empty input, as the SDKs send for operations without input. */
export function parseJsonInput(body: Uint8Array): Input {
  const text = Buffer.from(body).toString('utf8').trim();
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (!isInput(parsed)) throw new SyntaxError('the request body must be a JSON object');
  return parsed;
}
