import type { Page } from "@playwright/test";
import { expect, test } from "./test.ts";
import { axeViolations, COLOUR_RULES } from "./axe.ts";
import { BAD_FIXTURES_DIR, openKind, PAGE_KINDS, serveFixtures, type FixtureServer } from "./site.ts";

const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [320, 1280] as const;

/** WCAG 1.4.10 Reflow, which axe leaves to people: nothing makes the whole page scroll sideways. */
async function reflowProblems(page: Page): Promise<string[]> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  return scrollWidth > innerWidth ? [`the page is ${scrollWidth}px wide in a ${innerWidth}px window`] : [];
}

/** WCAG relative luminance and contrast ratio of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** Why the focused element's focus would be hard to see: no outline or shadow, or one below 3:1 against the page. */
async function focusProblems(page: Page, where: string): Promise<string[]> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return undefined;
    const style = getComputedStyle(element);
    return {
      element: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`,
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 ? style.outlineColor : undefined,
      boxShadow: style.boxShadow === "none" ? undefined : style.boxShadow,
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
  if (!focus) return [`${where}: nothing has focus`];
  if (focus.outline) {
    const ratio = contrast(focus.outline, focus.background);
    return ratio >= 3 ? [] : [`${where}: the focus outline of ${focus.element} has a contrast of ${ratio.toFixed(2)}:1 with the page`];
  }
  return focus.boxShadow ? [] : [`${where}: ${focus.element} shows no outline or shadow when focused`];
}

/** Why focus would be hard to see, in each colour scheme in turn (ending in the light one). */
async function focusProblemsInEachScheme(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const colorScheme of [...SCHEMES].reverse()) {
    await page.emulateMedia({ colorScheme });
    problems.push(...(await focusProblems(page, `${where}, ${colorScheme} scheme`)));
  }
  return problems;
}

/**
 * What axe cannot see, checked as a keyboard user meets it: `lang`, one h1, the landmarks,
 * charts with names, a skip link that is visible when focused and moves focus to main,
 * and visible focus, in either scheme, on the links before and after it.
 */
async function structureProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  if (!(await page.locator("html").getAttribute("lang"))?.trim()) problems.push("<html> has no lang");
  const h1s = await page.getByRole("heading", { level: 1 }).count();
  if (h1s !== 1) problems.push(`${h1s} h1 headings instead of one`);
  for (const role of ["banner", "main", "contentinfo"] as const) {
    const count = await page.getByRole(role).count();
    if (count !== 1) problems.push(`${count} ${role} landmarks instead of one`);
  }
  if ((await page.getByRole("navigation").count()) === 0) problems.push("no navigation landmark");
  // Charts CSS hides (the region page's maps of other times) are out of the accessibility tree until shown.
  const charts = page.locator('svg[role="img"]:visible');
  const unnamed = (await charts.count()) - (await charts.and(page.getByRole("img", { name: /\S/ })).count());
  if (unnamed > 0) problems.push(`${unnamed} charts (svg role=img) with no accessible name`);

  // From a freshly loaded page, the first Tab.
  await page.keyboard.press("Tab");
  const first = page.locator(":focus");
  if (!/skip to (main )?content/i.test((await first.textContent().catch(() => "")) ?? "")) {
    problems.push("the first Tab does not reach a skip link");
    problems.push(...(await focusProblemsInEachScheme(page, "first link")));
    return problems;
  }
  const box = await first.boundingBox();
  if (!box || box.width < 20 || box.height < 20) problems.push("the skip link stays hidden when focused");
  problems.push(...(await focusProblemsInEachScheme(page, "skip link")));
  await page.keyboard.press("Enter");
  if (!(await page.evaluate(() => document.activeElement === document.querySelector("main")))) problems.push("the skip link does not move focus to main");
  await page.keyboard.press("Tab");
  if (!(await page.evaluate(() => document.activeElement?.closest("main") !== null))) problems.push("Tab after the skip link leaves main");
  problems.push(...(await focusProblemsInEachScheme(page, "first link in main")));
  return problems;
}

// Page kinds spread over both workers; each test loads its page once, for every scheme and width and the keyboard.
test.describe.configure({ mode: "parallel" });

for (const kind of PAGE_KINDS) {
  test(`the ${kind.name} (${kind.url}): no WCAG 2.2 A or AA violation and no sideways scrolling in either scheme at 320 and 1280px; lang, one h1, landmarks, named charts, a working skip link and visible focus`, async ({ page }) => {
    await page.setViewportSize({ width: WIDTHS[0], height: 800 });
    await openKind(page, kind);
    for (const colorScheme of SCHEMES) {
      for (const width of WIDTHS) {
        const where = `${colorScheme} scheme at ${width}px`;
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        // The scheme really is in force: colour contrast below is checked against it.
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect.soft(contrast(background, colorScheme === "dark" ? "rgb(0, 0, 0)" : "rgb(255, 255, 255)"), `${where}: background ${background}`).toBeLessThan(1.5);
        // Every rule in the light scheme; in the dark one, the rules that read colours, all the scheme changes.
        expect.soft((await axeViolations(page, colorScheme === "dark" ? COLOUR_RULES : undefined)).map((v) => v.summary), where).toEqual([]);
        expect.soft(await reflowProblems(page), where).toEqual([]);
      }
    }
    // The keyboard from the first Tab: axe moved no focus, so the page is as a reader's would be on arrival.
    expect.soft(await structureProblems(page)).toEqual([]);
  });
}

test("the results page's charts are images named by their title and their summary of the figures", async ({ page }) => {
  await page.goto("/elections/kz-mazhilis-2023/");
  const charts = page.locator('figure.chart [role="img"]');
  await expect(charts).toHaveCount(2);
  await expect(charts.first()).toHaveAccessibleName(/^Share of the vote: final results\. Amanat 53\.9 percent \(−17\.2\), Auyl 10\.9 percent \(\+5\.6\)/);
  await expect(charts.last()).toHaveAccessibleName(/^Seats in the Mazhilis: final results 98 seats, 50 for a majority\. Amanat 62,/);
});

test.describe("the accessibility checks reject known-bad pages", () => {
  let fixtures: FixtureServer;
  test.beforeAll(async () => {
    fixtures = await serveFixtures(BAD_FIXTURES_DIR);
  });
  test.afterAll(async () => fixtures.close());

  test("axe and the structure checks fail a page without lang, alt text, contrast, landmarks or focus styles", async ({ page }) => {
    await page.goto(`${fixtures.url}/inaccessible.html`);
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(["color-contrast", "html-has-lang", "image-alt", "svg-img-alt"]));
    const problems = await structureProblems(page);
    for (const expected of [/<html> has no lang/, /2 h1 headings/, /0 banner landmarks/, /0 main landmarks/, /no navigation landmark/, /1 charts .* no accessible name/, /does not reach a skip link/, /shows no outline/]) {
      expect(problems.some((p) => expected.test(p)), `a problem matching ${expected} in:\n${problems.join("\n")}`).toBe(true);
    }
  });

  test("axe passes a page in the light scheme that fails contrast in the dark one", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`${fixtures.url}/dark-contrast.html`);
    expect((await axeViolations(page)).map((v) => v.id)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(["color-contrast"]);
    expect((await axeViolations(page, COLOUR_RULES)).map((v) => v.id)).toEqual(["color-contrast"]);
  });

  test("the reflow check fails a page wider than a 320px window", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.setContent('<main><p style="width: 40rem">A fixed-width column.</p></main>');
    expect(await reflowProblems(page)).toEqual([expect.stringMatching(/^the page is \d+px wide in a 320px window$/)]);
  });
});
