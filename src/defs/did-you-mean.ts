/**
 * "Did you mean" for unknown keys and enum values. Distances are computed case-insensitively because the most
 * common slip in hand-written JSON is the case of one letter (`ServiceName` for `serviceName`); among equally
 * close candidates the one that also matches the case wins, then the first in the candidates' order. A candidate
 * that shares nothing with the word (every character replaced: `X` → `ON`) is never suggested.
 */
import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to `word`, or undefined when none is within max(2, ⌊length / 3⌋) edits, where length is
 * the longer of the two words (so a plural or a dropped suffix, `maxRetry` for `maxRetries`, still counts as close).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lowerWord = word.toLowerCase();
  let best: { candidate: string; folded: number; exact: number } | undefined;
  for (const candidate of candidates) {
    const longer = Math.max(word.length, candidate.length);
    const folded = distance(lowerWord, candidate.toLowerCase());
    if (folded > Math.max(2, Math.floor(longer / 3)) || folded >= longer) continue;
    const exact = distance(word, candidate);
    if (best === undefined || folded < best.folded || (folded === best.folded && exact < best.exact)) {
      best = { candidate, folded, exact };
    }
  }
  return best?.candidate;
}
