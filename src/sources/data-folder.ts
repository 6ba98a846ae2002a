import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../articles/front-matter.ts";
import { readJsonFile } from "./json.ts";

/** JavaScript data files Eleventy runs for its own pages: code, not content, so not checked here. */
const SCRIPT = /\.(?:c|m)?js$/;

/**
 * Every file under `_data/` that nothing else checks: JSON that templates read
 * must parse (with line and column when it does not), and a file in a format
 * the site does not read (a results file in YAML, say) is reported, not ignored.
 * `checkedElsewhere` names the top-level files whose own loader reports their
 * problems (site.json...); results files, results by region and map layouts are always
 * loadResults' own (src/elections/results.ts).
 */
export async function checkDataFolder(dataDir: string, checkedElsewhere: ReadonlySet<string>): Promise<Problem[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const problems: Problem[] = [];
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dataDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((relative) => !relative.split("/").some((part) => part.startsWith(".")))
    .sort();
  for (const relative of files) {
    const file = path.join(dataDir, relative);
    const inElections = relative.startsWith("elections/");
    if (/^(?:regions|maps)\/[^/]+\.json$/.test(relative)) continue;
    if (inElections && relative.split("/").length > 2) {
      problems.push({ file, field: "(file)", message: "results files sit directly in _data/elections/, one per election; this one would not be read" });
    } else if (relative.endsWith(".json")) {
      // Results files are loadElections' own.
      if (inElections || checkedElsewhere.has(relative)) continue;
      const read = await readJsonFile(file);
      if (!read.ok) problems.push(read.problem);
    } else if (inElections) {
      problems.push({ file, field: "(file)", message: `results files are read only as JSON (<id>.json, see schemas/election.schema.json); this ${extensionOf(relative)} file would be ignored: convert it to JSON or move it out of _data/elections/` });
    } else if (!SCRIPT.test(relative)) {
      problems.push({ file, field: "(file)", message: `data files are read only as JSON; this ${extensionOf(relative)} file would be ignored: convert it to JSON or move it out of _data/` });
    }
  }
  return problems;
}

const extensionOf = (file: string) => (path.extname(file) ? `"${path.extname(file)}"` : "extension-less");
