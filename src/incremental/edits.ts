import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { mulberry32, SECTIONS, TOPIC_COUNT } from "../bench/corpus.ts";

/**
 * Seeded random edits to a synthetic project (src/bench/corpus.ts), as a newsroom
 * makes them, for the differential test of incremental builds: each keeps the
 * content valid, so a full build of the result must succeed.
 */
export interface EditContext {
  dir: string;
  random: () => number;
  /** "Now" for the next build, moved forward by the clock edit. */
  now: DateTime;
}

export type EditKind = (typeof EDIT_KINDS)[number];

export const EDIT_KINDS = [
  "new story",
  "scheduled story",
  "body",
  "embed",
  "headline",
  "topics",
  "section",
  "byline",
  "date",
  "draft",
  "related",
  "redirect_from",
  "remove",
  "rename",
  "results stage added",
  "results changed",
  "regions changed",
  "topics data",
  "sections data",
  "authors data",
  "site data",
  "template",
  "front pick",
  "section pick",
  "breaking strip",
  "clock",
  "live entry",
] as const;

const ARTICLES = "src/content/articles";
const ELECTION = "_data/elections/kz-mazhilis-2023.json";
const REGIONS = "_data/regions/kz-mazhilis-2023.json";
const FRONTPAGE = "_data/frontpage.json";

/** The editors' picks file (src/curation/), as the edits below write it. */
interface Frontpage {
  front?: { story: string; expires: string }[];
  sections?: Record<string, { story: string; expires: string }[]>;
  breaking?: { text: string; story?: string; url?: string; expires: string };
}

function readFrontpage(dir: string): Frontpage {
  const file = path.join(dir, FRONTPAGE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Frontpage) : {};
}

interface Story {
  file: string;
  slug: string;
  text: string;
}

function stories(dir: string): Story[] {
  const root = path.join(dir, ARTICLES);
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => {
      const file = path.join(root, name);
      return { file, slug: path.basename(name, ".md"), text: readFileSync(file, "utf8") };
    });
}

/** Slugs another story or the front page names (picks and READ MORE lines): changing their visibility or URL would break a link. */
function linked(all: readonly Story[], frontpage: Frontpage): Set<string> {
  const names = new Set<string>([
    ...(frontpage.front ?? []).map((entry) => entry.story),
    ...Object.values(frontpage.sections ?? {}).flatMap((list) => list.map((entry) => entry.story)),
    ...(frontpage.breaking?.story ? [frontpage.breaking.story] : []),
  ]);
  for (const story of all) {
    for (const match of story.text.matchAll(/readmore "([^"]+)"/g)) names.add(match[1]!);
    for (const match of story.text.matchAll(/^related: \[([^\]]*)\]/gm)) for (const slug of match[1]!.split(",")) names.add(slug.trim());
  }
  return names;
}

/** One common topic and one of any frequency, as a front-matter list. */
const topicList = (random: () => number) => `[${[...new Set([`topic-${Math.floor(random() * 3)}`, `topic-${Math.floor(random() * TOPIC_COUNT)}`])].join(", ")}]`;
const field = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1];
const setField = (text: string, name: string, value: string) =>
  field(text, name) === undefined ? text.replace(/^---\n/, `---\n${name}: ${value}\n`) : text.replace(new RegExp(`^${name}: .*$`, "m"), `${name}: ${value}`);
const dateOf = (story: Story) => DateTime.fromISO(JSON.parse(field(story.text, "date")!) as string, { setZone: true });

/** What every edit sees: the project's stories now, and the random source to choose with. */
interface EditInput {
  context: EditContext;
  kind: EditKind;
  all: Story[];
  pick: <T>(items: readonly T[]) => T;
  frontpage: Frontpage;
  /** Published, nobody links to it, and it links nowhere: safe to hide, move or remove. */
  loose: Story[];
  anyStory: Story;
}

/** Applies one edit of `kind`; returns what it did, for the test's message. */
export function applyEdit(kind: EditKind, context: EditContext): string {
  const all = stories(context.dir);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(context.random() * items.length)]!;
  const frontpage = readFrontpage(context.dir);
  const links = linked(all, frontpage);
  const loose = all.filter((s) => !links.has(s.slug) && !/readmore|^related:/m.test(s.text) && field(s.text, "draft") === undefined && dateOf(s) <= context.now);
  return EDITS[kind]({ context, kind, all, pick, frontpage, loose, anyStory: pick(all) });
}

const write = (story: Story, text: string) => writeFileSync(story.file, text);
const isPublished = (story: Story, now: DateTime) => field(story.text, "draft") === undefined && dateOf(story) <= now;

function addStory({ context, kind, pick }: EditInput): string {
  const { random } = context;
  const date = kind === "new story" ? context.now.minus({ minutes: 5 + Math.floor(random() * 600) }) : context.now.plus({ hours: 1 + Math.floor(random() * 24) });
  const slug = `edit-${kind === "new story" ? "new" : "scheduled"}-${Math.floor(random() * 1e9)}`;
  const text = ["---", `title: "Added story ${slug}"`, 'summary: "Added by the differential test."', `date: "${date.toISO({ suppressMilliseconds: true })}"`, `section: ${pick(SECTIONS)}`, `topics: ${topicList(random)}`, "credit: Reuters", "---", `New text about ${slug}.`, ""].join("\n");
  writeFileSync(path.join(context.dir, ARTICLES, String(date.year), `${slug}.md`), text);
  return `${kind} ${slug} at ${date.toISO()}`;
}

function editBody({ context, all, pick }: EditInput): string {
  // A live story's text is its entries: adding to them is the "live entry" edit.
  const story = pick(all.filter((s) => !/^live:/m.test(s.text)));
  appendFileSync(story.file, `\nAn added paragraph ${Math.floor(context.random() * 1e6)}.\n`);
  return `body of ${story.slug}${isPublished(story, context.now) ? "" : " (not published)"}`;
}

function editFrontMatter({ context, kind, anyStory, loose, all, pick }: EditInput): string {
  const { random } = context;
  switch (kind) {
    case "embed":
      // A page with an embed gets a policy of its own in _headers, a site-wide page.
      appendFileSync(anyStory.file, `\n{% embed "https://www.youtube.com/watch?v=${String(Math.floor(random() * 1e11)).padStart(11, "x")}" %}\n`);
      return `embed in ${anyStory.slug}`;
    case "headline":
      write(anyStory, setField(anyStory.text, "title", `"Retitled ${anyStory.slug} ${Math.floor(random() * 1e6)}"`));
      return `headline of ${anyStory.slug}`;
    case "topics":
      write(anyStory, setField(anyStory.text, "topics", topicList(random)));
      return `topics of ${anyStory.slug}`;
    case "byline":
      write(anyStory, anyStory.text.replace(/^(credit: .*|byline: .*)$/m, `byline: [author-${Math.floor(random() * 40)}]`));
      return `byline of ${anyStory.slug}`;
    case "section": {
      const story = pick(loose.length ? loose : all);
      write(story, setField(story.text, "section", pick(SECTIONS)));
      return `section of ${story.slug}`;
    }
    default:
      throw new Error(`not a front-matter edit: ${kind}`);
  }
}

function editLinks({ context, kind, all, pick }: EditInput): string {
  const story = pick(all);
  if (kind === "related") {
    const older = all.filter((s) => s.slug !== story.slug && isPublished(s, context.now) && dateOf(s) <= dateOf(story));
    if (!older.length || field(story.text, "related") !== undefined) return "related: nothing to pick";
    write(story, setField(story.text, "related", `[${pick(older).slug}]`));
    return `related pick for ${story.slug}`;
  }
  if (field(story.text, "redirect_from") !== undefined) return "redirect_from: already has one";
  write(story, setField(story.text, "redirect_from", `["/old/${story.slug}-${Math.floor(context.random() * 1e6)}/"]`));
  return `redirect_from for ${story.slug}`;
}

const MOVES: Partial<Record<EditKind, string>> = { draft: "hide", date: "move", remove: "remove", rename: "rename" };

/** Edits that change where a story is or whether readers see it: only loose stories, so no link breaks. */
function moveOrHide({ context, kind, all, loose, pick }: EditInput): string {
  if (kind === "draft") {
    const drafts = all.filter((s) => field(s.text, "draft") === "true");
    if (drafts.length && context.random() < 0.5) {
      const story = pick(drafts);
      write(story, story.text.replace(/^draft: true\n/m, ""));
      return `published draft ${story.slug}`;
    }
  }
  if (!loose.length) return `${kind}: no story free to ${MOVES[kind] ?? "change"}`;
  const story = pick(loose);
  switch (kind) {
    case "draft":
      write(story, setField(story.text, "draft", "true"));
      return `made ${story.slug} a draft`;
    case "date": {
      const moved = dateOf(story).minus({ hours: 1 + Math.floor(context.random() * 48) });
      write(story, setField(story.text, "date", `"${moved.toISO({ suppressMilliseconds: true })}"`));
      return `date of ${story.slug}`;
    }
    case "remove":
      rmSync(story.file);
      return `removed ${story.slug}`;
    default:
      renameSync(story.file, path.join(path.dirname(story.file), `${story.slug}-renamed.md`));
      return `renamed ${story.slug}`;
  }
}

function editResults({ context, kind }: EditInput): string {
  const file = path.join(context.dir, ELECTION);
  const election = JSON.parse(readFileSync(file, "utf8")) as { stages: { kind: string; time: string; source: string }[] };
  const last = election.stages.at(-1)!;
  // A new source line: figures must stay consistent with each other, which the checks enforce.
  if (kind === "results changed") last.source = `Central Election Commission, release ${Math.floor(context.random() * 1e6)}`;
  else {
    // Just after the newest stage, which may still be to come: the clock releases it later.
    const time = DateTime.fromISO(last.time, { setZone: true }).plus({ hours: 1 + Math.floor(context.random() * 6) });
    election.stages.push({ ...last, kind: `recount-${election.stages.length}`, time: time.toISO({ suppressMilliseconds: true })! });
  }
  writeFileSync(file, `${JSON.stringify(election, null, 2)}\n`);
  return kind;
}

function editRegions({ context, pick }: EditInput): string {
  // A corrected regional turnout in one set of the night: the region page and the stories quoting it change.
  const file = path.join(context.dir, REGIONS);
  const regions = JSON.parse(readFileSync(file, "utf8")) as { stages: { results: { region: string; turnout?: number }[] }[] };
  const result = pick(pick(regions.stages).results);
  result.turnout = Math.round(context.random() * 9000) / 100;
  writeFileSync(file, `${JSON.stringify(regions, null, 2)}\n`);
  return `regions changed: ${result.region}`;
}

function editSiteData({ context, kind, pick }: EditInput): string {
  if (kind === "site data") {
    const file = path.join(context.dir, "_data/site.json");
    const site = JSON.parse(readFileSync(file, "utf8")) as { description: string };
    site.description = `${site.description} Edited.`;
    writeFileSync(file, `${JSON.stringify(site, null, 2)}\n`);
    return kind;
  }
  const file = path.join(context.dir, "_data", `${kind.replace(" data", "")}.json`);
  const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, { name: string }>;
  const key = pick(Object.keys(data));
  data[key]!.name = `${data[key]!.name} (renamed)`;
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return `${kind}: ${key}`;
}

function editTemplate({ context, kind }: EditInput): string {
  const file = path.join(context.dir, "_includes/partials/site/footer.njk");
  if (existsSync(file)) appendFileSync(file, `{# edited ${Math.floor(context.random() * 1e6)} #}\n`);
  return kind;
}

function editFrontpage({ context, kind, all, frontpage, pick }: EditInput): string {
  // Picks expire within a day or so: the clock edit takes them down with no file edited.
  const { random } = context;
  const published = all.filter((s) => isPublished(s, context.now));
  if (!published.length) return `${kind}: no published story`;
  const story = pick(published);
  const entry = { story: story.slug, expires: context.now.plus({ hours: 1 + Math.floor(random() * 30) }).toISO({ suppressMilliseconds: true })! };
  const others = <T extends { story: string }>(list: readonly T[] = []) => list.filter((other) => other.story !== story.slug);
  if (kind === "front pick") frontpage.front = [entry, ...others(frontpage.front)].slice(0, 3);
  else if (kind === "section pick") {
    const section = field(story.text, "section")!;
    frontpage.sections = { ...frontpage.sections, [section]: [entry, ...others(frontpage.sections?.[section])].slice(0, 2) };
  } else if (frontpage.breaking && random() < 0.25) delete frontpage.breaking;
  else frontpage.breaking = { text: `Breaking ${Math.floor(random() * 1e6)}`, ...(random() < 0.5 ? { story: story.slug } : { url: "/elections/" }), expires: entry.expires };
  writeFileSync(path.join(context.dir, FRONTPAGE), `${JSON.stringify(frontpage, null, 2)}\n`);
  return `${kind}: ${frontpage.breaking || kind !== "breaking strip" ? `${story.slug} until ${entry.expires}` : "strip taken down"}`;
}

function moveClock({ context }: EditInput): string {
  context.now = context.now.plus({ hours: 1 + Math.floor(context.random() * 24) });
  return `clock to ${context.now.toISO()}`;
}

const EDITS: Record<EditKind, (input: EditInput) => string> = {
  "new story": addStory,
  "scheduled story": addStory,
  body: editBody,
  embed: editFrontMatter,
  headline: editFrontMatter,
  topics: editFrontMatter,
  section: editFrontMatter,
  byline: editFrontMatter,
  date: moveOrHide,
  draft: moveOrHide,
  related: editLinks,
  redirect_from: editLinks,
  remove: moveOrHide,
  rename: moveOrHide,
  "results stage added": editResults,
  "results changed": editResults,
  "regions changed": editRegions,
  "topics data": editSiteData,
  "sections data": editSiteData,
  "authors data": editSiteData,
  "site data": editSiteData,
  template: editTemplate,
  "front pick": editFrontpage,
  "section pick": editFrontpage,
  "breaking strip": editFrontpage,
  clock: moveClock,
  "live entry": ({ context }) => liveEntry(context),
};

const LIVE_SLUG = "edit-live-coverage";

/** A live story (docs/live.md): started if there is none, else given an entry timed now, its coverage extended if it has ended. */
function liveEntry({ dir, random, now }: EditContext): string {
  const iso = (time: DateTime) => time.toISO({ suppressMilliseconds: true })!;
  const existing = stories(dir).find((story) => story.slug === LIVE_SLUG);
  const entry = `\n::: ${iso(now)} | Update ${Math.floor(random() * 1e6)}${random() < 0.5 ? " | key" : ""}\nAn entry written at ${iso(now)}.\n`;
  if (!existing) {
    const start = now.minus({ hours: 2 });
    const text = ["---", 'title: "Live coverage"', 'summary: "Added by the differential test."', `date: "${iso(start)}"`, `live: { start: "${iso(start)}", end: "${iso(now.plus({ hours: 6 }))}" }`, `section: ${SECTIONS[0]}`, "topics: [topic-0]", "credit: Reuters", "---", "The introduction.", "", `::: ${iso(start)} | Coverage begins | key`, "The first entry.", ""].join("\n");
    writeFileSync(path.join(dir, ARTICLES, String(start.year), `${LIVE_SLUG}.md`), `${text}${entry}`);
    return "live story started";
  }
  const end = DateTime.fromISO(/end: "([^"]+)"/.exec(existing.text)![1]!, { setZone: true });
  const text = end < now ? existing.text.replace(/end: "[^"]+"/, `end: "${iso(now.plus({ hours: 6 }))}"`) : existing.text;
  writeFileSync(existing.file, `${text}${entry}`);
  return `live entry at ${iso(now)}${end < now ? ", coverage extended" : ""}`;
}

/** A seeded sequence of edit kinds: the same seed, the same sequence. */
export function editSequence(seed: number, length: number): { kinds: EditKind[]; random: () => number } {
  const random = mulberry32(seed);
  return { kinds: Array.from({ length }, () => EDIT_KINDS[Math.floor(random() * EDIT_KINDS.length)]!), random };
}
