import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { planNewArticle } from "../articles/new-article.ts";
import { askForNew, type NewGiven } from "./ask.ts";
import { resolveKey } from "./forgive.ts";
import { enterProject, EXIT, loadArticleContext, parseCommand, PREVIEW_ORIGIN, runAsScript, type ToolIo } from "./project.ts";
import { askOrExit, terminalPrompter } from "./prompts.ts";

/** `npm run new -- "Headline" --section asia ...`: starts a draft story with valid front matter. */
const USAGE = `Usage: npm run new -- "Headline" --section <section> (--byline <author,...> | --credit <agency>)
                      [--topics <topic,...>] [--summary "One sentence."] [--slug <slug>] [--date <ISO date-time>]
   or: npx broadsheet new "Headline" --section <section> ...
Sections, topics and authors by key (nadia-arkwright) or by name ("Nadia Arkwright").
In a terminal, what is left out is asked for (Ctrl-C stops, writing nothing).`;

const list = (value: string | undefined) => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);

/** Starts a draft story from the flags, or from answers to questions in a terminal. */
export async function newStory(argv: string[], io: ToolIo): Promise<number> {
  const { values, positionals } = parseCommand(
    USAGE,
    {
    section: { type: "string" },
    topics: { type: "string" },
    byline: { type: "string" },
    credit: { type: "string" },
    summary: { type: "string" },
    slug: { type: "string" },
    date: { type: "string" },
    },
    argv,
    io,
  );
  const headline = positionals.join(" ").trim();

  enterProject(values.root, io);
  const loaded = await loadArticleContext();
  if (!loaded.ok) {
    io.stderr(`${loaded.report}\n`);
    return EXIT.problems;
  }
  const { sections, topics, authors } = loaded.context.data;
  const typed: NewGiven = {
    headline,
    section: values.section,
    topics: values.topics === undefined ? undefined : list(values.topics),
    byline: values.byline === undefined ? undefined : list(values.byline),
    credit: values.credit,
    summary: values.summary,
  };
  // In a terminal the editor is asked for what is missing; elsewhere every missing flag is reported at once.
  const given = io.interactive ? await askOrExit(async () => askForNew(typed, loaded.context.data, await terminalPrompter())) : typed;
  const planned = await planNewArticle(
    {
      // Without a headline the rest is still checked, so every missing flag is named at once.
      headline: given.headline || "Headline",
      topics: (given.topics ?? []).map((topic) => resolveKey(topic, topics)),
      byline: (given.byline ?? []).map((author) => resolveKey(author, authors)),
      ...(given.section !== undefined ? { section: resolveKey(given.section, sections) } : {}),
      ...(given.credit !== undefined ? { credit: given.credit } : {}),
      ...(given.summary !== undefined ? { summary: given.summary } : {}),
      ...(values.slug !== undefined ? { slug: values.slug } : {}),
      ...(values.date !== undefined ? { date: values.date } : {}),
    },
    loaded.context,
  );
  const plan: typeof planned = given.headline ? planned : { ok: false, errors: [{ flag: "headline", message: 'is required: give it first, in quotes ("Polls open across Kazakhstan")' }, ...(planned.ok ? [] : planned.errors.filter((error) => error.flag !== "--slug"))] };
  if (!plan.ok) {
    io.stderr(`${plan.errors.map((error) => `${error.flag}: ${error.message}`).join("\n")}\nNothing written.\n`);
    return EXIT.problems;
  }

  const file = plan.inputPath.replace(/^\.\//, "");
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // "wx": never overwrite, even a file written since the check above.
    await writeFile(file, plan.text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    io.stderr(`--slug: ${file} already exists; pass --slug to choose another file name\nNothing written.\n`);
    return EXIT.problems;
  }
  io.stdout(`Created ${file} (a draft)\nPreview: ${PREVIEW_ORIGIN}${plan.url} (run npm start)\n`);
  return EXIT.ok;
}

await runAsScript(import.meta.url, newStory);
