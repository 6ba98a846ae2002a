import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";

/** Small deterministic PRNG, so every run builds the same archive. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "parliament election commission turnout result vote party seats minister president government reform economy " +
  "oil gas trade border region capital city council court law protest opposition candidate campaign ballot count " +
  "official report agency statement week year month people country market price budget energy water road school"
).split(" ");

/**
 * Picks topic ids with Zipf-like frequencies: topic i is picked in proportion
 * to 1 / (i + 1), so with 200 topics the first is on about half of the stories
 * and the last few on well under one in a hundred.
 */
export function zipfTopicPicker(random: () => number, count: number): () => string {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const cumulative = weights.map((w) => (running += w / total));
  return () => {
    const draw = random();
    const index = cumulative.findIndex((c) => draw <= c);
    return `topic-${index < 0 ? count - 1 : index}`;
  };
}

export const SECTIONS = ["asia", "world", "politics", "business", "science", "sport"];
export const TOPIC_COUNT = 200;

export interface CorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
  /** The first story's date (ISO); the others follow about three hours apart. */
  start?: string;
}

/**
 * Writes a synthetic project of `articles` stories in Broadsheet's content
 * format: 400-900 word bodies, 2-4 topics each from 200 with Zipf-like
 * frequencies, six sections, some lead images, some stories tied to an
 * election, inline READ MORE links to older stories. The sample's templates,
 * images and election files are copied in, so the build is the real one.
 */
const RAW_TABLE = `<table>
<caption>Seats by party</caption>
<thead><tr><th scope="col">Party</th><th scope="col">Seats</th></tr></thead>
<tbody><tr><td><abbr title="Amanat party">Amanat</abbr></td><td>62</td></tr><tr><td>Others</td><td>36</td></tr></tbody>
</table>`;
const RAW_WIDGET = '<div class="poll-widget" data-id="42"><script src="https://widgets.example/poll.js"></script></div>';

export async function writeCorpus({ dir, articles, seed = 20230319, start: first = "2016-01-01T08:00:00+06:00" }: CorpusOptions): Promise<void> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const topicOf = zipfTopicPicker(random, TOPIC_COUNT);

  for (const entry of ["package.json", ".eleventy.ts", "src", "_includes", "public"]) {
    await cp(entry, path.join(dir, entry), { recursive: true, filter: (source) => !source.includes(`${path.sep}content${path.sep}articles`) });
  }
  await mkdir(path.join(dir, "_data"), { recursive: true });
  // A newsroom's page size, not the sample's small one (which shows pagination off with 11 stories).
  const site = JSON.parse(await readFile("_data/site.json", "utf8"));
  await writeFile(path.join(dir, "_data/site.json"), `${JSON.stringify({ ...site, pageSize: 20 }, null, 2)}\n`);
  for (const folder of ["elections", "regions", "maps"]) await cp(`_data/${folder}`, path.join(dir, "_data", folder), { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(path.join(dir, "_data/sections.json"), json(Object.fromEntries(SECTIONS.map((id) => [id, { name: id[0]!.toUpperCase() + id.slice(1), description: `News from ${id}.` }]))));
  await writeFile(path.join(dir, "_data/topics.json"), json(Object.fromEntries(Array.from({ length: TOPIC_COUNT }, (_, i) => [`topic-${i}`, { name: `Topic ${i}`, description: `Stories about topic ${i}.`, aliases: [] }]))));
  await writeFile(path.join(dir, "_data/authors.json"), json(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`author-${i}`, { name: `Author ${i}`, role: "Reporter", bio: "Writes news." }]))));

  const images = ["ballot-box.jpg", "astana-skyline.jpg", "central-asia-map.jpg", "constitution-document.jpg", "mazhilis-hemicycle.jpg", "oil-pipeline.jpg"];
  const start = DateTime.fromISO(first, { setZone: true });
  const slugs: string[] = [];
  const articlesDir = path.join(dir, "src/content/articles");
  for (let i = 0; i < articles; i++) {
    const date = start.plus({ hours: i * 3 + Math.floor(random() * 3) });
    const slug = `story-${String(i).padStart(6, "0")}`;
    const topics = new Set<string>();
    const wanted = 2 + Math.floor(random() * 3);
    while (topics.size < wanted) topics.add(topicOf());
    const paragraphs: string[] = [];
    const words = 400 + Math.floor(random() * 500);
    let written = 0;
    while (written < words) {
      const length = 40 + Math.floor(random() * 50);
      const sentence = Array.from({ length }, () => pick(WORDS)).join(" ");
      paragraphs.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`);
      written += length;
    }
    if (slugs.length > 10 && random() < 0.3) paragraphs.splice(2, 0, `{% readmore "${pick(slugs.slice(-200))}" %}`);
    if (random() < 0.2) paragraphs.splice(4, 0, "## Background");
    // Raw HTML, by the story's number so the random draws (and the rest of the archive) stay as they were:
    // a table on one story in ten, a pasted widget the sanitizer removes on one in a hundred.
    if (i % 10 === 7) paragraphs.splice(3, 0, RAW_TABLE);
    if (i % 100 === 42) paragraphs.splice(5, 0, RAW_WIDGET);
    const election = random() < 0.03 ? "kz-mazhilis-2023" : undefined;
    const image = random() < 0.3 ? pick(images) : undefined;
    const front = [
      "---",
      `title: "Synthetic story ${i}: ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}"`,
      `summary: "A one-sentence standfirst about ${pick(WORDS)} and ${pick(WORDS)}."`,
      `date: "${date.toISO({ suppressMilliseconds: true })}"`,
      `section: ${pick(SECTIONS)}`,
      `topics: [${[...topics].join(", ")}]`,
      random() < 0.3 ? "credit: Reuters" : `byline: [author-${Math.floor(random() * 40)}]`,
      ...(election ? [`election: ${election}`] : []),
      ...(image ? ["image:", `  src: /images/${image}`, '  alt: "A sample illustration"', '  caption: "Caption."', "  credit: Broadsheet"] : []),
      "---",
    ];
    const folder = path.join(articlesDir, String(date.year));
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${slug}.md`), `${front.join("\n")}\n${paragraphs.join("\n\n")}\n`);
    slugs.push(slug);
  }
}
