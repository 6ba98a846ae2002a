import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { run } from "node:test";
import type { TestEvent } from "node:test/reporters";
import { IMAGE_CACHE } from "../images/pictures.ts";

/**
 * `npm run test:unit`: every `src/**\/*.test.ts`, two processes at a time, the slowest
 * first (`node --test` sorts files by name, which started the longest one halfway through
 * and left one core idle at the end). The files below build sites, start servers or run the
 * tools, each in its own process; all the others share one (src/cli/test-group.ts), as
 * starting a process for each took a minute of the two cores. The differential test of
 * incremental builds (a minute and a half of builds) is left to `npm run test:differential`,
 * which .ci/run runs at a larger size. Arguments run just those files, each in its own process.
 */
const DIFFERENTIAL = "src/incremental/differential.test.ts";

const SLOWEST_FIRST = [
  "src/cdn/build-signals.test.ts",
  "src/cdn/build.test.ts",
  "src/cdn/merge.test.ts",
  "src/dev-server.test.ts",
  "src/plugin.test.ts",
  "src/cdn/publish-interrupt.test.ts",
  "src/cli/new.test.ts",
  "src/cli/publish.test.ts",
  "src/cdn/publish.test.ts",
  "src/plugin-sanitize.test.ts",
];

const GROUP = "src/cli/test-group.ts";

/** The processes to run: each slow file alone, then one for every other test file. */
function testProcesses(root: string): string[] {
  const all = readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => path.posix.join("src", file.split(path.sep).join("/")))
    .filter((file) => file !== DIFFERENTIAL)
    .sort();
  // The shared process reads its files from the environment, which node:test's processes inherit.
  process.env.BROADSHEET_TEST_FILES = JSON.stringify(all.filter((file) => !SLOWEST_FIRST.includes(file)));
  const slow = SLOWEST_FIRST.filter((file) => all.includes(file));
  // The shared process takes about as long as a slow file: second, beside the longest.
  return [...slow.slice(0, 1), GROUP, ...slow.slice(1)];
}

// Through a URL: the reporter is plain JavaScript (Node 20 loads reporters before tsx could compile them).
const { default: reporter } = (await import(new URL("../test-reporter.mjs", import.meta.url).href)) as { default: (source: AsyncIterable<TestEvent>) => AsyncIterable<string> };
const files = process.argv.length > 2 ? process.argv.slice(2) : testProcesses(process.cwd());
// On a fresh clone no image rendition exists yet, and every test process that builds would
// encode them all at the same time (a minute of both cores): rendering the sample once makes them.
if (process.argv.length <= 2 && !existsSync(IMAGE_CACHE)) {
  const { renderEngine } = await import("../test-helpers.ts");
  await renderEngine({});
}
let failed = false;
async function* watched() {
  for await (const event of run({ files: files.map((file) => path.resolve(file)), concurrency: 2 })) {
    if (event.type === "test:fail") failed = true;
    yield event;
  }
}
for await (const chunk of reporter(watched())) process.stdout.write(chunk);
process.exitCode = failed ? 1 : 0;
