import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { planNewArticle } from "../articles/new-article.ts";
import { resolveKey } from "./forgive.ts";
import { enterProject, EXIT, loadArticleContext, parseCommand, PREVIEW_ORIGIN } from "./project.ts";

/** `npm run new -- "Headline" --section asia ...`: starts a draft story with valid front matter. */
const USAGE = `Usage: npm run new -- "Headline" --section <section> (--byline <author,...> | --credit <agency>)
                      [--topics <topic,...>] [--summary "One sentence."] [--slug <slug>] [--date <ISO date-time>]
   or: npx broadsheet new "Headline" --section <section> ...
Sections, topics and authors by key (nadia-arkwright) or by name ("Nadia Arkwright").`;

const list = (value: string | undefined) => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);

const { values, positionals } = parseCommand(USAGE, {
  section: { type: "string" },
  topics: { type: "string" },
  byline: { type: "string" },
  credit: { type: "string" },
  summary: { type: "string" },
  slug: { type: "string" },
  date: { type: "string" },
});
const headline = positionals.join(" ").trim();

enterProject(values.root);
const loaded = await loadArticleContext();
if (!loaded.ok) {
  process.stderr.write(`${loaded.report}\n`);
  process.exit(EXIT.problems);
}
const { sections, topics, authors } = loaded.context.data;
const planned = await planNewArticle(
  {
    // Without a headline the rest is still checked, so every missing flag is named at once.
    headline: headline || "Headline",
    topics: list(values.topics).map((topic) => resolveKey(topic, topics)),
    byline: list(values.byline).map((author) => resolveKey(author, authors)),
    ...(values.section !== undefined ? { section: resolveKey(values.section, sections) } : {}),
    ...(values.credit !== undefined ? { credit: values.credit } : {}),
    ...(values.summary !== undefined ? { summary: values.summary } : {}),
    ...(values.slug !== undefined ? { slug: values.slug } : {}),
    ...(values.date !== undefined ? { date: values.date } : {}),
  },
  loaded.context,
);
const plan: typeof planned = headline ? planned : { ok: false, errors: [{ flag: "headline", message: 'is required: give it first, in quotes ("Polls open across Kazakhstan")' }, ...(planned.ok ? [] : planned.errors.filter((error) => error.flag !== "--slug"))] };
if (!plan.ok) {
  process.stderr.write(`${plan.errors.map((error) => `${error.flag}: ${error.message}`).join("\n")}\nNothing written.\n`);
  process.exit(EXIT.problems);
}

const file = plan.inputPath.replace(/^\.\//, "");
await mkdir(path.dirname(file), { recursive: true });
try {
  // "wx": never overwrite, even a file written since the check above.
  await writeFile(file, plan.text, { flag: "wx" });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  process.stderr.write(`--slug: ${file} already exists; pass --slug to choose another file name\nNothing written.\n`);
  process.exit(EXIT.problems);
}
console.log(`Created ${file} (a draft)`);
console.log(`Preview: ${PREVIEW_ORIGIN}${plan.url} (run npm start)`);
