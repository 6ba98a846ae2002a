import type { z } from "zod";
import type { Problem } from "./front-matter.ts";
import { didYouMean } from "./suggest.ts";

/** Dotted field path as editors write it: `image.alt`, `topics[1]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const key of path) {
    name += typeof key === "number" ? `[${key}]` : name ? `.${String(key)}` : String(key);
  }
  return name || "(front matter)";
}

/** Turns zod issues into editor-facing problems that say what is expected. */
export function zodProblems(
  file: string,
  error: z.ZodError,
  lineOf?: (path: readonly PropertyKey[]) => number | undefined,
  knownFields: readonly string[] = [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          file,
          line: lineOf?.(path),
          field: fieldName(path),
          message: `unknown field${didYouMean(key, knownFields)}; a typo here would be ignored, so it is an error`,
        });
      }
      continue;
    }
    problems.push({ file, line: lineOf?.(issue.path), field: fieldName(issue.path), message: describe(issue) });
  }
  return problems;
}

function describe(issue: z.core.$ZodIssue): string {
  // Our schemas' own messages say what is expected; zod's defaults start "Invalid input".
  if (issue.code === "invalid_type" && !issue.message.startsWith("Invalid input")) return issue.message;
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return `is required (expected ${article(issue.expected)})`;
    return `expected ${article(issue.expected)}, got ${kindOf(issue.input)}`;
  }
  if (issue.code === "too_small" && issue.origin === "string" && issue.message.startsWith("Too small")) return "must not be empty";
  return issue.message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a set of fields" : `${typeof value} ${JSON.stringify(value)}`;
}
