import { DateTime } from "luxon";
import { z } from "zod";
import type { Problem } from "../articles/front-matter.ts";
import { SLUG } from "../articles/schema.ts";
import { didYouMean, listKnown } from "../articles/suggest.ts";
import { fieldName, zodProblems } from "../articles/zod-problems.ts";
import { isoDateTime, parseDateTime } from "../dates/dates.ts";

/** Stories in the front page's leading slots: the lead, then the secondary stories. */
export const FRONT_SLOTS = 4;
/** Stories in a section front's leading slots, and in each section's block on the front page. */
export const SECTION_SLOTS = 3;

const slug = z.string().regex(SLUG, 'expected a story\'s slug, such as "polls-open"');
const pick = z.union([slug, z.strictObject({ story: slug, expires: z.string().optional() })], {
  error: 'expected a story\'s slug, or { "story": "<slug>", "expires": "<ISO date-time>" }',
});

/** `_data/frontpage.json`: what editors choose for the front page, the section fronts and the breaking strip. */
export const frontpageSchema = z.strictObject({
  breaking: z
    .strictObject({
      text: z.string().trim().min(1).max(200),
      story: slug.optional(),
      // Not "//host/...": a protocol-relative URL would leave the site while looking like a path.
      url: z.string().regex(/^(?:\/(?!\/)\S*|https:\/\/\S+)$/, 'expected a site path such as "/elections/" or an https:// URL').optional(),
      expires: z.string({ error: "required: a breaking strip that nobody takes down stays for days, so say when it ends" }),
    })
    .optional(),
  front: z.array(pick).default([]),
  sections: z.record(z.string(), z.array(pick)).default({}),
});

export type FrontpageFile = z.infer<typeof frontpageSchema>;

/** One checked pick: a story for a leading slot, until `expires` (epoch ms) if given. */
export interface Pick {
  slug: string;
  expires?: number;
}

/** The breaking strip as checked: text, where it links, and until when (epoch ms). */
export interface Breaking {
  text: string;
  url: string;
  expires: number;
}

/** What editors chose, checked against the stories of the build. */
export interface Curation {
  front: Pick[];
  sections: Record<string, Pick[]>;
  breaking?: Breaking;
}

export const NO_CURATION: Curation = { front: [], sections: {} };

/** What a pick needs to know of a story. */
export interface PickableStory {
  slug: string;
  url: string;
  section: string;
  date: string;
  draft: boolean;
  scheduled: boolean;
}

export interface CheckContext {
  file: string;
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  /** Every story loaded, drafts and scheduled ones too. */
  stories: readonly PickableStory[];
  sections: readonly string[];
  zone: string;
  /** "Now" of the build (epoch ms): expired picks are ignored, whatever they name. */
  now: number;
}

/**
 * Checks the front-page file against the stories: every pick that has not expired must name
 * a story readers can see (not a draft, not scheduled), in its section for a section front.
 * All problems at once, each with the file, field and line.
 */
export function checkCuration(raw: unknown, context: CheckContext): { curation?: Curation; problems: Problem[] } {
  const { file, lineOf, now, zone } = context;
  const parsed = frontpageSchema.safeParse(raw);
  if (!parsed.success) return { problems: zodProblems(file, parsed.error, lineOf, ["breaking", "front", "sections", "text", "story", "url", "expires"]) };
  const problems: Problem[] = [];
  const problem = (path: readonly PropertyKey[], message: string) => problems.push({ file, line: lineOf?.(path), field: fieldName(path), message });
  const bySlug = new Map(context.stories.map((story) => [story.slug, story]));
  const expiry = (value: string | undefined, path: readonly PropertyKey[]): number | undefined | null => {
    if (value === undefined) return undefined;
    const date = parseDateTime(value, zone);
    if (date.ok) return date.value.toMillis();
    problem(path, `expected ${date.expected}`);
    return null;
  };
  /** Why readers could not follow a pick of `name`, or undefined. */
  const unseen = (name: string): string | undefined => {
    const story = bySlug.get(name);
    if (!story) return `no story has the slug "${name}"${didYouMean(name, [...bySlug.keys()])}`;
    if (story.draft) return `"${name}" is a draft, which readers cannot see; publish it or pick another story`;
    if (story.scheduled) return `"${name}" is scheduled for ${story.date}; pick it once it is published, or pick another story`;
    return undefined;
  };
  const picks = (list: FrontpageFile["front"], path: readonly PropertyKey[], section?: string): Pick[] => {
    const checked: Pick[] = [];
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      const { story: name, expires } = typeof entry === "string" ? { story: entry, expires: undefined } : entry;
      const at = typeof entry === "string" ? [...path, index] : [...path, index, "story"];
      const until = expiry(expires, [...path, index, "expires"]);
      if (until === null || (until !== undefined && until <= now)) return;
      const why = unseen(name);
      const story = bySlug.get(name);
      if (why) problem(at, why);
      else if (section && story && story.section !== section) problem(at, `"${name}" is in the ${story.section} section, not ${section}; pick it for the front page or for /${story.section}/`);
      else if (seen.has(name)) problem(at, `"${name}" is picked twice in this list; each story takes one slot`);
      else checked.push(until === undefined ? { slug: name } : { slug: name, expires: until });
      seen.add(name);
    });
    return checked;
  };
  const front = picks(parsed.data.front, ["front"]);
  const sections: Record<string, Pick[]> = {};
  for (const [key, list] of Object.entries(parsed.data.sections)) {
    if (!context.sections.includes(key)) problem(["sections", key], `unknown section "${key}"${didYouMean(key, context.sections)}; expected one of: ${listKnown(context.sections)}`);
    else sections[key] = picks(list, ["sections", key], key);
  }
  let breaking: Breaking | undefined;
  const strip = parsed.data.breaking;
  if (strip) {
    const until = expiry(strip.expires, ["breaking", "expires"]);
    if ((strip.story === undefined) === (strip.url === undefined)) problem(["breaking"], 'expected a link: either "story" (a slug) or "url" (a site path or https:// URL), not both');
    else if (typeof until === "number" && until > now) {
      const why = strip.story === undefined ? undefined : unseen(strip.story);
      if (why) problem(["breaking", "story"], why);
      else breaking = { text: strip.text, url: strip.story === undefined ? strip.url! : bySlug.get(strip.story)!.url, expires: until };
    }
  }
  if (problems.length > 0) return { problems };
  return { curation: { front, sections, ...(breaking ? { breaking } : {}) }, problems };
}

/**
 * The stories for `count` leading slots: the editors' picks still live at `now`, in their
 * order, then the newest of `newest` not already picked. Picks of stories not in `newest`
 * (left out of this build) are skipped.
 */
export function leadingSlots<T extends { slug: string }>(picks: readonly Pick[], newest: readonly T[], now: number, count: number): T[] {
  const bySlug = new Map(newest.map((story) => [story.slug, story]));
  const chosen = new Map<string, T>();
  for (const pick of picks) {
    const story = bySlug.get(pick.slug);
    if (story && (pick.expires === undefined || pick.expires > now) && chosen.size < count) chosen.set(story.slug, story);
  }
  for (const story of newest) {
    if (chosen.size >= count) break;
    if (!chosen.has(story.slug)) chosen.set(story.slug, story);
  }
  return [...chosen.values()];
}

/** The breaking strip to show at `now`, or undefined once it has expired. */
export function liveBreaking(breaking: Breaking | undefined, now: number, zone: string): { text: string; url: string; expires: string } | undefined {
  if (!breaking || breaking.expires <= now) return undefined;
  return { text: breaking.text, url: breaking.url, expires: isoDateTime(DateTime.fromMillis(breaking.expires), zone) };
}

export interface FrontPage<T> {
  lead?: T;
  /** Two or three stories under the lead, with images. */
  secondary: T[];
  /** The newest stories not in the leading slots. */
  latest: T[];
  /** Each section's leading stories (its editors' picks, then its newest) among those not in the page's leading slots. */
  sections: { key: string; stories: T[] }[];
}

/** The front page's hierarchy: lead, secondary stories, the latest, then each section's top stories. */
export function frontPage<T extends { slug: string; section: string }>(
  curation: Curation,
  newest: readonly T[],
  sections: readonly string[],
  now: number,
  latestCount: number,
): FrontPage<T> {
  const slots = leadingSlots(curation.front, newest, now, FRONT_SLOTS);
  const shown = new Set(slots.map((story) => story.slug));
  return {
    ...(slots[0] ? { lead: slots[0] } : {}),
    secondary: slots.slice(1),
    latest: newest.filter((story) => !shown.has(story.slug)).slice(0, latestCount),
    sections: sections
      .map((key) => ({
        key,
        stories: leadingSlots(curation.sections[key] ?? [], newest.filter((story) => story.section === key && !shown.has(story.slug)), now, SECTION_SLOTS),
      }))
      .filter((block) => block.stories.length > 0),
  };
}
