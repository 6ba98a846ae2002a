import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import type { AxeResults, RunOptions } from "axe-core";

/** axe-core rule tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * The rules a change of colour scheme can change: the site's schemes differ only in the
 * colours of its custom properties, and these are the WCAG rules that read colours.
 */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

export interface Violation {
  id: string;
  summary: string;
}

/**
 * axe's WCAG A and AA violations on the page as it is now, each with the elements at fault;
 * with `rules`, those rules' only.
 * axe is put into the page once and run there: @axe-core/playwright injects it again and
 * opens a page of its own on every run, five times the time (the pages have no frames for
 * it to reach).
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: rules ? { type: "rule", values: [...rules] } : { type: "tag", values: WCAG_TAGS }, resultTypes: ["violations"] };
  const { violations } = await page.evaluate((options) => (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, options), options);
  return violations.map((v) => ({
    id: v.id,
    summary: `${v.id} (${v.impact ?? "?"}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`.replace(/\n\s*/g, " ")).join("\n")}`,
  }));
}
