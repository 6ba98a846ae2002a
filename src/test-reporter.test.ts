import assert from "node:assert/strict";
import { describe, it } from "node:test";

/** The reporter's API (plain JavaScript: Node 20 loads reporters before tsx could compile them). */
interface ReporterEvent {
  type: string;
  data: Record<string, unknown>;
}
interface ReporterModule {
  default(source: AsyncIterable<ReporterEvent>): AsyncGenerator<string>;
  OUTPUT_LINES: number;
}
const { default: reporter, OUTPUT_LINES } = (await import(new URL("./test-reporter.mjs", import.meta.url).href)) as ReporterModule;

async function report(events: ReporterEvent[]): Promise<string> {
  async function* source() {
    yield* events;
  }
  let text = "";
  for await (const chunk of reporter(source())) text += chunk;
  return text;
}

const FILE = `${process.cwd()}/src/example.test.ts`;
const start = (name: string, nesting = 0): ReporterEvent => ({ type: "test:start", data: { name, nesting, file: FILE } });
const pass = (name: string, nesting = 0, extra = {}): ReporterEvent => ({ type: "test:pass", data: { name, nesting, file: FILE, details: { type: "test" }, ...extra } });
const failure = (name: string, nesting: number, error: unknown): ReporterEvent => ({ type: "test:fail", data: { name, nesting, file: FILE, line: 12, details: { type: "test", error } } });

/** A failed assertion as node:test hands it over: wrapped in ERR_TEST_FAILURE. */
function failedAssertion(): Error & { cause: Error } {
  try {
    assert.equal(1 + 1, 3);
  } catch (caught) {
    return Object.assign(new Error("test failed"), { code: "ERR_TEST_FAILURE", cause: caught as Error });
  }
  throw new Error("the assertion passed");
}

describe("the test reporter", () => {
  it("prints a dot a passing test, and a summary line CI reads, dropping passing files' output", async () => {
    const text = await report([
      start("a"),
      { type: "test:stderr", data: { file: FILE, message: "expected noise\n" } },
      pass("a"),
      start("b"),
      pass("b", 0, { skip: true }),
      { type: "test:pass", data: { name: "suite", nesting: 0, file: FILE, details: { type: "suite" } } },
    ]);
    assert.match(text, /^\.s\nUnit and engine tests took 0 min \d+ s\.\nunit: 1 passed, 0 failed, 1 skipped\n$/);
  });

  it("prints a failure with its suites, file and line, the assertion and the file's output", async () => {
    const error = failedAssertion();
    const text = await report([
      start("suite"),
      start("adds", 1),
      { type: "test:stdout", data: { file: FILE, message: "built 3 pages\n" } },
      failure("adds", 1, error),
      { type: "test:fail", data: { name: "suite", nesting: 0, file: FILE, details: { type: "suite", error: { failureType: "subtestsFailed" } } } },
    ]);
    assert.match(text, /^x\n\n✖ suite › adds\n {2}at src\/example\.test\.ts:12\n {2}AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal:\n/);
    assert.match(text, /actual: 2,\n {4}expected: 3,/);
    assert.match(text, / {2}output of the test file:\n {2}\| built 3 pages\n/);
    assert.doesNotMatch(text, /\(node:internal/, "Node's own stack frames are left out");
    assert.match(text, /\nunit: 0 passed, 1 failed, 0 skipped\n$/, "the suite failing because of its test is not counted again");
  });

  it("names the test file's own line when test files share a process", async () => {
    const error = failedAssertion();
    const line = Number(/test-reporter\.test\.ts:(\d+)/.exec(String(error.cause.stack))?.[1]);
    const group = `${process.cwd()}/src/cli/test-group.ts`;
    const text = await report([{ type: "test:fail", data: { name: "adds", nesting: 0, file: group, line: 1, details: { type: "test", error } } }]);
    assert.ok(line > 0);
    assert.match(text, new RegExp(`\\n {2}at src/test-reporter\\.test\\.ts:${line}\\n`));
  });

  it("keeps the end of a long output", async () => {
    const lines = Array.from({ length: OUTPUT_LINES + 5 }, (_, i) => `line ${i}\n`);
    const text = await report([...lines.map((message) => ({ type: "test:stderr", data: { file: FILE, message } })), failure("file", 0, new Error("boom"))]);
    assert.match(text, /\| … 5 earlier lines left out\n {2}\| line 5\n/);
    assert.match(text, /\| line 64\n/);
    assert.doesNotMatch(text, /\| line 4\n/);
  });
});
