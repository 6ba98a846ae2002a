import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Runs many test files in this one process (src/cli/test.ts sends their paths in
 * BROADSHEET_TEST_FILES): the files that start no processes of their own take about
 * a second each to start and a few milliseconds to run.
 */
const files = JSON.parse(process.env.BROADSHEET_TEST_FILES ?? "[]") as string[];
for (const file of files) await import(pathToFileURL(path.resolve(file)).href);
