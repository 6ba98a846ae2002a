import path from "node:path";
import { performance } from "node:perf_hooks";
import { inspect } from "node:util";

/**
 * node:test's reporter for `npm test`: a dot a passing test, and for each failure its
 * name, place, assertion and what its test file printed; then one summary line that CI
 * reads ("unit: 652 passed, 0 failed, 0 skipped"). Passing files' output is dropped.
 */

// Plain JavaScript: Node 20 loads a reporter before tsx could compile it.

/**
 * The parts of node:test's events this reporter reads.
 * @typedef {{ type: string, data: { name?: string, nesting?: number, file?: string, line?: number, message?: string, skip?: unknown, todo?: unknown, details?: { type?: string, error?: unknown } } }} ReporterEvent
 */

/** Lines of a failing file's own output shown with its failures: enough for a log, never thousands. */
export const OUTPUT_LINES = 60;
const DOTS_PER_LINE = 80;

const relative = (/** @type {string | undefined} */ file) => (file ? path.relative(process.cwd(), file) : "(unknown file)");

/**
 * The error a test threw: node:test wraps it in ERR_TEST_FAILURE, with the assertion as its cause.
 * @param {unknown} error
 */
function thrown(error) {
  const wrapped = /** @type {{ code?: string, cause?: unknown } | undefined} */ (error);
  return wrapped?.code === "ERR_TEST_FAILURE" && wrapped.cause !== undefined ? wrapped.cause : error;
}

/**
 * Where a test failed: the file it ran from, or, for test files that share a process
 * (src/cli/test-group.ts), the test file's own frame in the error's stack.
 * @param {ReporterEvent["data"]} event
 */
export function failurePlace(event) {
  if (!event.file?.endsWith(".test.ts")) {
    const stack = String(/** @type {{ stack?: unknown } | undefined} */ (thrown(event.details?.error))?.stack ?? "");
    const frame = stack.match(/(?:file:\/\/)?(\/[^\s()]+\.test\.ts):(\d+):\d+/);
    if (frame) return `${relative(frame[1])}:${frame[2]}`;
  }
  return `${relative(event.file)}${event.line ? `:${event.line}` : ""}`;
}

/** @param {unknown} error */
export function describeError(error) {
  const inner = thrown(error);
  // Node's own frames say nothing about the test; a frame that opens the error's fields hands its brace on.
  /** @type {string[]} */
  const kept = [];
  for (const line of inspect(inner, { depth: 6, colors: false, breakLength: 120 }).split("\n")) {
    if (!/^\s+at (?:.* \()?node:/.test(line) && !/^\s+at (?:new Promise|Array\.map) \(<anonymous>\)/.test(line)) kept.push(line);
    else if (line.endsWith(" {") && kept.length > 0) kept[kept.length - 1] += " {";
  }
  return kept.join("\n");
}

/**
 * One failure, ready to print: name with its suites, file:line, error, and the file's output if any.
 * @param {string} title
 * @param {ReporterEvent["data"]} event
 * @param {readonly string[]} output
 */
export function formatFailure(title, event, output) {
  const shown = output.join("").split("\n").filter(Boolean);
  const tail = shown.length > OUTPUT_LINES ? [`… ${shown.length - OUTPUT_LINES} earlier lines left out`, ...shown.slice(-OUTPUT_LINES)] : shown;
  return [
    `✖ ${title}`,
    `  at ${failurePlace(event)}`,
    ...describeError(event.details?.error).split("\n").map((line) => `  ${line}`),
    ...(tail.length ? ["  output of the test file:", ...tail.map((line) => `  | ${line}`)] : []),
    "",
  ].join("\n");
}

/** @param {AsyncIterable<ReporterEvent>} source */
export default async function* reporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  /** @type {Map<string, string[]>} */
  const output = new Map();
  // Suites and tests not yet finished, by file and nesting, to name a failure with its suites.
  /** @type {Map<string, string[]>} */
  const open = new Map();
  /** @type {string[]} */
  const failures = [];
  const started = performance.now();
  let column = 0;
  const dot = (/** @type {string} */ mark) => {
    column = (column + 1) % DOTS_PER_LINE;
    return column === 0 ? `${mark}\n` : mark;
  };

  for await (const { type, data } of source) {
    const file = data.file ?? "";
    if (type === "test:stdout" || type === "test:stderr") {
      output.set(file, [...(output.get(file) ?? []), data.message ?? ""]);
    } else if (type === "test:start") {
      const stack = open.get(file) ?? [];
      stack[data.nesting ?? 0] = data.name ?? "";
      open.set(file, stack);
    } else if (type === "test:pass" || type === "test:fail") {
      const title = [...(open.get(file) ?? []).slice(0, data.nesting ?? 0), data.name].join(" › ");
      if (data.details?.type === "suite") {
        // A suite fails when a test in it does (reported already), or in its own hooks.
        const own = /** @type {{ failureType?: string } | undefined} */ (data.details.error)?.failureType !== "subtestsFailed";
        if (type === "test:fail" && own) failures.push(formatFailure(title, data, output.get(file) ?? []));
        if (type === "test:fail" && own) counts.failed++;
        continue;
      }
      if (type === "test:fail") {
        counts.failed++;
        failures.push(formatFailure(title, data, output.get(file) ?? []));
        yield dot("x");
      } else if (data.skip !== undefined || data.todo !== undefined) {
        counts.skipped++;
        yield dot("s");
      } else {
        counts.passed++;
        yield dot(".");
      }
    }
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  if (column !== 0) yield "\n";
  if (failures.length) yield `\n${failures.join("\n")}\n`;
  yield `Unit and engine tests took ${Math.floor(seconds / 60)} min ${seconds % 60} s.\n`;
  yield `unit: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
}
