// Forgiving search: a misspelt name ("Tokaev", "Kazakstan") is matched to the nearest known
// name (src/search/names.ts lists them) by edit distance, since Pagefind matches only exact
// words and their prefixes. Plain browser JavaScript, loaded by search.js when a query has no
// exact match; unit-tested in src/search/spelling.test.ts.

/** Words shorter than this are left as typed (as in src/search/names.ts). */
const MIN_WORD = 4;
const WORD = /[\p{L}\p{N}]+/gu;

/** Case and accents aside: "Qazaqstan" and "qazaqstán" are the same word. */
export function fold(word) {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

/** Levenshtein distance, or `max + 1` as soon as it is sure to exceed `max`. */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    previous = row;
  }
  return previous[b.length];
}

/** One typo in a word of up to seven letters, two in a longer one. */
function allowed(word) {
  return word.length >= 8 ? 2 : 1;
}

/**
 * The known name a query word most likely means: the nearest within the allowed distance
 * that starts with the same letter (few misspell that one), the weightier on a tie. None
 * when the word is itself a name or the start of one (Pagefind finds those), or too short.
 * @param {string} word
 * @param {[string, number][]} names as `/search/names.json` lists them, weightiest first
 * @returns {string | undefined}
 */
export function nearestName(word, names) {
  const wanted = fold(word);
  if ([...wanted].length < MIN_WORD || /\p{N}/u.test(wanted)) return undefined;
  const max = allowed(wanted);
  let best;
  for (const [term, weight] of names) {
    const known = fold(term);
    if (known.startsWith(wanted)) return undefined;
    if (known[0] !== wanted[0]) continue;
    const d = distance(wanted, known, max);
    if (d <= max && (!best || d < best.d || (d === best.d && weight > best.weight))) best = { term, weight, d };
  }
  return best?.term;
}

/**
 * The query with its misspelt names corrected, or undefined when nothing changes.
 * `found(word)` says a word has matches as typed: such a word is never corrected.
 * @param {string} query
 * @param {[string, number][]} names
 * @param {(word: string) => boolean} [found]
 * @returns {string | undefined}
 */
export function correctQuery(query, names, found = () => false) {
  let changed = false;
  const corrected = query.replace(WORD, (word) => {
    const name = found(word) ? undefined : nearestName(word, names);
    if (!name || fold(name) === fold(word)) return word;
    changed = true;
    return name;
  });
  return changed ? corrected : undefined;
}

/**
 * Whether the index matched a word as typed, judged by the words Pagefind marked in its
 * excerpts: for a word it does not have, Pagefind falls back to a short prefix ("Tokaev"
 * finds "to"), which must not count; its stemming ("senator" finds "Senate") does.
 * @param {string} word
 * @param {string[]} excerpts HTML excerpts of the word's first results
 */
export function foundAsTyped(word, excerpts) {
  const wanted = fold(word);
  const stem = wanted.slice(0, Math.max(MIN_WORD, wanted.length - 2));
  return excerpts.some((excerpt) => [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].some((match) => fold(match[1] ?? "").startsWith(stem)));
}

/** The query's words that could be corrected, to ask the index about them first. */
export function queryWords(query) {
  return [...new Set(query.match(WORD) ?? [])];
}
