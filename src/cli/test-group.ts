import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

/**
 * Runs many test files in this one process (src/cli/test.ts sends their paths in
 * BROADSHEET_TEST_FILES): the files that start no processes of their own take about
 * a second each to start and a few milliseconds to run.
 */
const files = JSON.parse(process.env.BROADSHEET_TEST_FILES ?? "[]") as string[];
for (const file of files) {
  try {
    await import(pathToFileURL(path.resolve(file)).href);
  } catch (error) {
    // A file that does not load fails under its own name; the files after it still run.
    test(`${file} loads`, () => {
      throw error;
    });
  }
}
