import slugifyText from "@sindresorhus/slugify";

/**
 * Kazakh letters that Russian lacks, which the transliteration library would
 * drop, romanised as ASCII after BGN/PCGN: "Мәжіліс" → "mazhilis", "Қазақстан" → "qazaqstan".
 */
export const KAZAKH_LETTERS: readonly [string, string][] = [
  ["Ә", "A"], ["ә", "a"],
  ["Ғ", "Gh"], ["ғ", "gh"],
  ["Қ", "Q"], ["қ", "q"],
  ["Ң", "Ng"], ["ң", "ng"],
  ["Ө", "O"], ["ө", "o"],
  ["Ұ", "U"], ["ұ", "u"],
  ["Ү", "U"], ["ү", "u"],
  ["Һ", "H"], ["һ", "h"],
  ["І", "I"], ["і", "i"],
];

/** Longest slug made from a headline; URLs stay readable and file names short. */
export const MAX_SLUG_LENGTH = 80;

/**
 * A URL slug from a headline: Latin letters, digits and hyphens, other
 * scripts transliterated ("Выборы в Казахстане" → "vybory-v-kazakhstane"),
 * cut at a word boundary after at most `maxLength` characters. "" when
 * nothing in the headline can be written in Latin letters.
 */
export function slugify(headline: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = slugifyText(headline, { customReplacements: KAZAKH_LETTERS, decamelize: false });
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, "");
}

/** `slug`, or `slug-2`, `slug-3`… : the first that `taken` does not hold. */
export function uniqueSlug(slug: string, taken: (candidate: string) => boolean): string {
  if (!taken(slug)) return slug;
  for (let n = 2; ; n += 1) {
    const candidate = `${slug}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
