import type { Problem } from "./front-matter.ts";
import { formatProblems } from "./load.ts";

/** All content problems at once, so editors fix them in one pass. */
export class ContentError extends Error {
  /** Eleventy's error handler: a stack trace says nothing to an editor here. */
  readonly skipOriginalStack = true;

  constructor(readonly problems: readonly Problem[]) {
    super(`Broadsheet found ${problems.length} problem${problems.length === 1 ? "" : "s"} in the content; no pages were written:\n${formatProblems(problems)}`);
    this.name = "ContentError";
  }
}

/** Prints content warnings, or under --strict fails the build with them like errors. */
export function warningReporter(strict: boolean): (warnings: readonly Problem[]) => void {
  return (warnings) => {
    if (warnings.length === 0) return;
    if (strict) throw new ContentError(warnings);
    console.warn(`[broadsheet] ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (--strict makes them errors):\n${formatProblems(warnings)}`);
  };
}
