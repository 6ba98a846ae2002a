import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblems } from "../articles/load.ts";
import { decodeText } from "../sources/text.ts";
import { planImport } from "../wire/import-story.ts";
import { askForImportFile } from "./ask.ts";
import { resolveKey } from "./forgive.ts";
import { enterProject, EXIT, loadArticleContext, parseCommand, PREVIEW_ORIGIN, runAsScript, usageError, userPath, type ToolIo } from "./project.ts";
import { askOrExit, terminalPrompter } from "./prompts.ts";

/** `npm run import -- story.json`: a wire story in IPTC ninjs becomes an article, or updates the one it was. */
const USAGE = `Usage: npm run import -- <ninjs-file.json> [--section <key>] [--credit <agency>] [--slug <slug>] [--publish] [--force]`;

/** Turns a wire story into an article, or updates the article it became before. */
export async function importStory(argv: string[], io: ToolIo): Promise<number> {
  const { values, positionals } = parseCommand(
    USAGE,
    {
    section: { type: "string" },
    credit: { type: "string" },
    slug: { type: "string" },
    publish: { type: "boolean" },
    force: { type: "boolean" },
    },
    argv,
    io,
  );
  if (positionals.length > 1) usageError("Give one ninjs file at a time.", USAGE, io);
  // In a terminal the file is asked for; elsewhere its absence is a usage error.
  if (positionals.length === 0 && !io.interactive) usageError("Give the ninjs file to import.", USAGE, io);

  const given = positionals[0] ?? (await askOrExit(async () => askForImportFile(await terminalPrompter())));
  const full = userPath(given);
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    io.stderr(`${given}: (file): cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\nNothing written.\n`);
    return EXIT.problems;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    io.stderr(`${formatProblems([{ file: given, line: decoded.line, column: decoded.column, field: "(file)", message: decoded.message }])}\nNothing written.\n`);
    return EXIT.problems;
  }
  const text = decoded.text;

  enterProject(values.root, io);
  const loaded = await loadArticleContext();
  if (!loaded.ok) {
    io.stderr(`${loaded.report}\n`);
    return EXIT.problems;
  }
  const plan = await planImport(
    text,
    given,
    {
      ...(values.section !== undefined ? { section: resolveKey(values.section, loaded.context.data.sections) } : {}),
      ...(values.credit !== undefined ? { credit: values.credit } : {}),
      ...(values.slug !== undefined ? { slug: values.slug } : {}),
      publish: values.publish === true,
      force: values.force === true,
    },
    loaded.context,
  );
  if (!plan.ok) {
    io.stderr(`${formatProblems(plan.problems)}\nNothing written.\n`);
    return EXIT.problems;
  }

  const file = plan.inputPath.replace(/^\.\//, "");
  if (plan.action === "unchanged") {
    io.stdout(`${plan.notes.join("\n")}\n`);
    return EXIT.ok;
  }
  const backupPath = plan.backup ? await keepBackup(plan.backup) : undefined;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // A new story never replaces a file, even one written since the check; an update rewrites the story it updates.
    await writeFile(file, plan.text, plan.action === "create" ? { flag: "wx" } : {});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    io.stderr(`${file} appeared while importing; run the import again\nNothing written.\n`);
    return EXIT.problems;
  }
  io.stdout(`${plan.action === "create" ? "Created" : "Updated"} ${file}${plan.draft ? " (a draft)" : ""}\n`);
  io.stdout(`Preview: ${PREVIEW_ORIGIN}${plan.url} (run npm start)\n`);
  io.stdout(`Topics: ${plan.topics.join(", ") || "(none)"}\n`);
  for (const note of plan.notes) io.stdout(`Note: ${plan.backup && backupPath ? note.replace(plan.backup.path, backupPath) : note}\n`);
  return EXIT.ok;
}

/** Keeps the story as it was before an update rewrites it; a failure here writes nothing. Gives the file written. */
async function keepBackup(backup: { path: string; text: string }): Promise<string> {
  await mkdir(path.dirname(backup.path), { recursive: true });
  // Two updates in the same second keep both versions: the second gets a number.
  for (let n = 1; ; n++) {
    const file = n === 1 ? backup.path : backup.path.replace(/\.md$/, `-${n}.md`);
    const written = await writeFile(file, backup.text, { flag: "wx" }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
        return false;
      },
    );
    if (written) return file;
  }
}

await runAsScript(import.meta.url, importStory);
