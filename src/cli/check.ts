import { performance } from "node:perf_hooks";
import { loadContent } from "../articles/content.ts";
import type { Problem } from "../articles/front-matter.ts";
import { formatProblems } from "../articles/load.ts";
import { DEFAULT_EMBEDS } from "../html/embeds.ts";
import { checkBodies } from "../html/story-body.ts";
import { enterProject, EXIT, parseCommand, PROJECT_DIRS, runAsScript, usageError, type ToolIo } from "./project.ts";

/**
 * `npm run check`: the build's own content checks (loadContent), and each
 * body rendered and sanitized as the build would, without building. One
 * `file:line: field: message` line a problem or warning, or `--json`.
 */
const USAGE = "Usage: npm run check [-- --json] [-- --strict]";

/** Checks every story and data file as the build would; exit code 1 when anything is wrong. */
export async function checkContent(argv: string[], io: ToolIo): Promise<number> {
  const { values, positionals } = parseCommand(USAGE, { json: { type: "boolean" }, strict: { type: "boolean" } }, argv, io);
  if (positionals.length > 0) usageError(`Unexpected argument "${positionals[0]}".`, USAGE, io);
  enterProject(values.root, io);

  const started = performance.now();
  const loaded = await loadContent({ inputDir: PROJECT_DIRS.input, dataDir: PROJECT_DIRS.data, publicDir: PROJECT_DIRS.public });
  const bodies = loaded.ok ? checkBodies(loaded.articles, loaded.data.site.embeds ?? DEFAULT_EMBEDS) : { warnings: [], errors: [] };
  const warnings = loaded.ok ? sortProblems([...loaded.warnings, ...bodies.warnings]) : [];
  // --strict: warnings are problems, as in `npm run build -- --strict`.
  const problems = loaded.ok ? sortProblems([...bodies.errors, ...(values.strict ? warnings : [])]) : loaded.problems;
  const content = problems.length > 0 ? { ok: false as const, problems } : loaded;
  const ms = Math.round(performance.now() - started);

  if (!content.ok) {
    const files = new Set(content.problems.map((problem) => problem.file)).size;
    const summary = `${plural(content.problems.length, "problem")} in ${plural(files, "file")}`;
    const shownWarnings = values.strict ? [] : warnings;
    if (values.json) io.stdout(`${JSON.stringify({ ok: false, problems: content.problems, warnings: shownWarnings, summary, ms }, null, 2)}\n`);
    else {
      io.stdout(`${formatProblems(sortProblems([...content.problems, ...shownWarnings.map(asWarning)]))}\n`);
      io.stderr(`Broadsheet check found ${summary}${shownWarnings.length ? ` and ${plural(shownWarnings.length, "warning")}` : ""} (${ms} ms).\n`);
    }
    return EXIT.problems;
  }
  const { articles, data, elections } = content;
  const counts = {
    articles: articles.length,
    drafts: articles.filter((article) => article.draft).length,
    scheduled: articles.filter((article) => article.scheduled && !article.draft).length,
    elections: Object.keys(elections).length,
    sections: Object.keys(data.sections).length,
    topics: Object.keys(data.topics).length,
    authors: Object.keys(data.authors).length,
  };
  const summary =
    `${plural(counts.articles, "article")} (${plural(counts.drafts, "draft")}, ${counts.scheduled} scheduled), ` +
    `${plural(counts.elections, "election")}, ${plural(counts.sections, "section")}, ${plural(counts.topics, "topic")}, ${plural(counts.authors, "author")}`;
  if (values.json) io.stdout(`${JSON.stringify({ ok: true, problems: [], warnings, counts, summary, ms }, null, 2)}\n`);
  else {
    if (warnings.length > 0) io.stdout(`${formatProblems(warnings.map(asWarning))}\n`);
    io.stdout(`OK${warnings.length ? ` with ${plural(warnings.length, "warning")} (--strict makes them errors)` : ""}: ${summary} checked in ${ms} ms\n`);
  }
  return EXIT.ok;
}

function sortProblems(list: Problem[]): Problem[] {
  return list.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Shown as `file:line: warning: field: message`. */
function asWarning(problem: Problem): Problem {
  return { ...problem, field: `warning: ${problem.field}` };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

await runAsScript(import.meta.url, checkContent);
