#!/usr/bin/env node
// `npx broadsheet <tool> ...`: the editor tools with their flags as typed (`npm run` needs `--` before them).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const TOOLS = { new: "new.ts", check: "check.ts", import: "import.ts" };
const USAGE = `Usage: npx broadsheet <tool> [arguments]

  new      start a story:   npx broadsheet new "Headline" --section asia --byline "Nadia Arkwright"
  check    check content:   npx broadsheet check [--json] [--strict]
  import   bring in a wire story: npx broadsheet import story.json [--section world]

npx broadsheet <tool> --help explains a tool's flags.`;

const [tool, ...args] = process.argv.slice(2);
if (!tool || tool === "--help" || tool === "-h" || tool === "help") {
  console.log(USAGE);
  process.exit(0);
}
if (!Object.hasOwn(TOOLS, tool)) {
  console.error(`Unknown tool "${tool}".\n\n${USAGE}`);
  process.exit(2);
}
// tsx from this package, wherever the editor runs the command from.
const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL(TOOLS[tool], import.meta.url)), ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
