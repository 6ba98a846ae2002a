import { closest, distance } from "fastest-levenshtein";

/** ` (did you mean "asia"?)` when a known value is close enough to be a typo, else "". */
export function didYouMean(value: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const best = closest(value, [...known]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(value, best) <= limit ? ` (did you mean "${best}"?)` : "";
}

/** "asia, europe, world": a short list of what would be right. */
export function listKnown(known: readonly string[], max = 12): string {
  const shown = known.slice(0, max).join(", ");
  return known.length > max ? `${shown}, … (${known.length} in all)` : shown;
}
