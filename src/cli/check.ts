import { performance } from "node:perf_hooks";
import { loadContent } from "../articles/content.ts";
import { formatProblems } from "../articles/load.ts";
import { enterProject, EXIT, parseCommand, PROJECT_DIRS, usageError } from "./project.ts";

/**
 * `npm run check`: the build's own content checks (loadContent), without
 * building. One `file:line: field: message` line a problem, or `--json`.
 */
const USAGE = "Usage: npm run check [-- --json]";

const { values, positionals } = parseCommand(USAGE, { json: { type: "boolean" } });
if (positionals.length > 0) usageError(`Unexpected argument "${positionals[0]}".`, USAGE);
enterProject(values.root);

const started = performance.now();
const content = await loadContent({ inputDir: PROJECT_DIRS.input, dataDir: PROJECT_DIRS.data, publicDir: PROJECT_DIRS.public });
const ms = Math.round(performance.now() - started);

if (!content.ok) {
  const files = new Set(content.problems.map((problem) => problem.file)).size;
  const summary = `${plural(content.problems.length, "problem")} in ${plural(files, "file")}`;
  if (values.json) console.log(JSON.stringify({ ok: false, problems: content.problems, summary, ms }, null, 2));
  else {
    console.log(formatProblems(content.problems));
    process.stderr.write(`Broadsheet check found ${summary} (${ms} ms).\n`);
  }
  process.exitCode = EXIT.problems;
} else {
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
  if (values.json) console.log(JSON.stringify({ ok: true, problems: [], counts, summary, ms }, null, 2));
  else console.log(`OK: ${summary} checked in ${ms} ms`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
