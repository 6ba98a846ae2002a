import type { Page } from "@playwright/test";
import { expect, test } from "./test.ts";
import { LEAD_STORY, open } from "./site.ts";

test.describe("the 2023 results page", () => {
  test.beforeEach(async ({ page }) => open(page, "/elections/kz-mazhilis-2023/"));

  test("shows the status, and a shares chart with its table, largest party first, swing since 2021 beside each share", async ({ page }) => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kazakhstan parliamentary election 2023");
    await expect(page.locator(".results-header .status")).toHaveText("Final results");
    const shares = page.getByRole("region", { name: "Share of the vote" });
    await expect(shares.getByRole("img", { name: /Share of the vote: final results/ })).toBeVisible();
    expect(await shares.locator(".bar-list__row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")))).toEqual([
      "amanat", "auyl", "respublica", "ak-zhol", "qhp", "osdp", "baytaq", "against-all",
    ]);
    await expect(shares.locator('.bar-list__row[data-id="amanat"] .bar-list__value')).toHaveText("53.9% −17.2");
    await expect(shares.locator('.bar-list__row[data-id="respublica"] .bar-list__value')).toHaveText("8.59% new");
    const table = shares.getByRole("table", { name: "Final results: share of the vote by party" });
    await expect(table.getByRole("row", { name: /Amanat 53\.9% −17\.2 3,431,510/ })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(9);
    await expect(table.getByRole("row").last()).toHaveAccessibleName(/^Against all/);
  });

  test("shows a hemicycle with its key and table of seats, changes since 2021 and the majority", async ({ page }) => {
    const seats = page.getByRole("region", { name: "Seats" });
    await expect(seats.getByText("Amanat: majority of 26.")).toBeVisible();
    await expect(seats.getByRole("img", { name: /Seats in the Mazhilis: final results/ })).toBeVisible();
    await expect(seats.locator(".seat-key li").first()).toHaveText("Amanat 62 −14");
    const table = seats.getByRole("table", { name: "Final results: seats by party" });
    await expect(table.getByRole("row", { name: /Amanat 40 22 62 −14/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /Independents – 7 7 \+7/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /Respublica 6 0 6 new/ })).toBeVisible();
  });

  test("lists every stage of the count in Astana time, with the exit poll beside the result", async ({ page }) => {
    const stages = page.getByRole("region", { name: "Stages of the count" }).getByRole("listitem");
    await expect(stages).toHaveCount(3);
    await expect(stages.first()).toContainText("27 March 2023, 12:00 (Astana time)");
    await expect(stages.first()).toContainText("Amanat 53.9 percent, 62 seats (exit polls: 53-54 percent). Amanat: majority of 26.");
    await expect(stages.last()).toContainText("Exit polls");
    await expect(stages.last()).toContainText("Amanat 53-54 percent");
    await expect(page.getByRole("region", { name: "Stories about this election" }).getByRole("link", { name: LEAD_STORY.headline })).toBeVisible();
  });
});

test.describe("a large first-past-the-post chamber: the UK in 2019", () => {
  test.beforeEach(async ({ page }) => open(page, "/elections/uk-commons-2019/"));

  test("orders parties by share as its file asks, keeps figures as published and shows times in UK time", async ({ page }) => {
    const bars = page.locator(".bar-list__row");
    expect(await bars.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")))).toEqual([
      "con", "lab", "ld", "snp", "green", "brexit", "dup", "sf", "pc", "sdlp", "alliance", "uup",
    ]);
    await expect(page.locator('.bar-list__row[data-id="brexit"] .bar-list__value')).toHaveText("2.0%");
    await expect(page.locator(".results-status time")).toHaveText("13 December 2019, 18:00 (UK time)");
    await expect(page.getByRole("region", { name: "Seats" }).getByText("Conservative Party: majority of 80.")).toBeVisible();
  });

  test("shows the seats-only exit poll in the timeline, as a projection", async ({ page }) => {
    const poll = page.getByRole("region", { name: "Stages of the count" }).getByRole("listitem").last();
    await expect(poll).toContainText("Broadcasters' exit poll, 12 December 2019, 22:00 (UK time). Source: Ipsos MORI.");
    await expect(poll).toContainText("Conservative Party 368 projected seats. Conservative Party: projected majority of 86.");
  });
});

test("the 2023 turnout by region: a tile map for each time of the night with its key, links between them, and a table with every set", async ({ page }) => {
  await open(page, "/elections/kz-mazhilis-2023/");
  await page.getByRole("link", { name: /Results by region/ }).click();
  await expect(page).toHaveURL("/elections/kz-mazhilis-2023/regions/");
  await expect(page.locator(".results-status")).toContainText("Turnout at 22:10 as of 19 March 2023, 22:10 (Astana time). Source: Central Election Commission, as reported by Kazinform. Whole country: 54.19 percent.");
  // The newest map by default, the others one link away (no JavaScript: CSS :target).
  const night = page.getByRole("img", { name: /^Map of Kazakhstan by turnout: turnout at 22:10/ });
  const morning = page.getByRole("img", { name: /^Map of Kazakhstan by turnout: turnout at 10:10/ });
  await expect(night).toBeVisible();
  await expect(morning).toBeHidden();
  await expect(night.locator("g[data-id]")).toHaveCount(20);
  await expect(page.getByRole("list", { name: "Key: turnout, turnout at 22:10" }).getByRole("listitem")).toHaveText([
    "0 to under 14%: 0 regions", "14 to under 28%: 1 region", "28 to under 42%: 0 regions", "42 to under 56%: 6 regions", "56 to 70%: 13 regions",
  ]);
  const times = page.locator("#map-3").getByRole("list", { name: "Maps at each time" });
  await expect(times.locator("[aria-current=true]")).toHaveText("Turnout at 22:10");
  await times.getByRole("link", { name: "Turnout at 10:10" }).click();
  await expect(page).toHaveURL("/elections/kz-mazhilis-2023/regions/#map-1");
  await expect(morning).toBeVisible();
  await expect(night).toBeHidden();
  await expect(page.getByRole("list", { name: "Key: turnout, turnout at 10:10" }).getByRole("listitem")).toHaveText([
    "0 to under 14%: 8 regions", "14 to under 28%: 12 regions", "28 to under 42%: 0 regions", "42 to under 56%: 0 regions", "56 to 70%: 0 regions",
  ]);
  const table = page.getByRole("table", { name: "Turnout by region, percent of registered voters, as published through the night" });
  await expect(table.getByRole("row")).toHaveCount(22);
  await expect(table.getByRole("row", { name: "Almaty (city) 8.51 22.95 25.82" })).toBeVisible();
  await expect(table.getByRole("row", { name: "Aktobe region 12.44 56.88 58.00" })).toBeVisible();
  await expect(table.getByRole("row").last()).toHaveAccessibleName("Whole country 14.21 53.11 54.19");
});

test("the lead story's results box sits on the text column and links to the results page", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, LEAD_STORY.url);
  const box = page.getByRole("complementary", { name: "Kazakhstan parliamentary election 2023" });
  await expect(box.getByRole("table")).toContainText("Amanat");
  await expect(box.getByText("Amanat: majority of 26.")).toBeVisible();
  await expect(box.getByRole("row", { name: /Amanat 53\.9% −17\.2 62 −14/ })).toBeVisible();
  const [boxLeft, textLeft] = await Promise.all([box.evaluate((el) => el.getBoundingClientRect().left), page.locator(".article-body > p").first().evaluate((el) => el.getBoundingClientRect().left)]);
  expect(Math.abs(boxLeft - textLeft)).toBeLessThan(1);
  await box.getByRole("link", { name: /Full results/ }).click();
  await expect(page).toHaveURL("/elections/kz-mazhilis-2023/");
});

test("the elections index lists every election with a stage released, newest first", async ({ page }) => {
  await open(page, "/elections/");
  const links = page.getByRole("main").getByRole("heading", { level: 2 }).getByRole("link");
  await expect(links).toHaveText(["Kazakhstan parliamentary election 2023", "Kazakhstan parliamentary election 2021", "UK general election 2019"]);
  await links.nth(1).click();
  await expect(page.getByRole("region", { name: "Seats" }).getByRole("table")).toContainText("Assembly of People of Kazakhstan");
});

/** What a phone reader would miss: chart text under 12 px, tables wider than their box, bars too thin or too faint to see. */
async function legibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const rgb = (colour: string): number[] => {
      const probe = document.createElement("canvas").getContext("2d")!;
      probe.fillStyle = colour;
      const hex = probe.fillStyle;
      if (hex.startsWith("#")) return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return (hex.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    };
    const luminance = (colour: string) => {
      const [r = 0, g = 0, b = 0] = rgb(colour).map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const background = getComputedStyle(document.body).backgroundColor;
    // Text in charts, their keys and tables, as rendered: an SVG's text shrinks with the drawing.
    for (const element of document.querySelectorAll<HTMLElement | SVGElement>(".bar-list *, .seat-key *, .seat-key__head, figure.chart figcaption, .results-table th, .results-table td, figure.chart svg text")) {
      if (![...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())) continue;
      if (element.closest("[aria-hidden=true]") && element.closest("svg")) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      const svg = element.closest("svg");
      if (svg && element instanceof SVGTextElement) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (element.getClientRects().length > 0 && size < 12) problems.push(`"${element.textContent?.trim()}" is ${size.toFixed(1)}px`);
    }
    for (const scroller of document.querySelectorAll<HTMLElement>(".table-scroll")) {
      if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`table "${scroller.querySelector("caption")?.textContent}" is ${scroller.scrollWidth}px in ${scroller.clientWidth}px`);
    }
    for (const track of document.querySelectorAll<SVGElement>(".bar-list__track")) {
      const longest = Math.max(0, ...[...track.querySelectorAll("rect")].map((rect) => rect.getBoundingClientRect().width));
      if (track.querySelector("rect") && longest < 2) problems.push(`a bar is ${longest.toFixed(1)}px long`);
    }
    // Every filled shape of a party colour that is faint against the page is outlined in full.
    for (const shape of document.querySelectorAll<SVGElement>(".bar-list rect:not([fill-opacity]), .chart-hemicycle g[data-id]:not([data-id=undeclared]) circle, .swatch rect")) {
      const style = getComputedStyle(shape);
      if (contrast(style.fill, background) >= 3) continue;
      const outlined = style.stroke !== "none" && Number(style.strokeOpacity) === 1 && contrast(style.stroke, background) >= 3;
      if (!outlined) problems.push(`${style.fill} has ${contrast(style.fill, background).toFixed(2)}:1 against ${background} and no outline`);
    }
    // A map tile's code reads against its fill; its outline against the page.
    for (const tile of document.querySelectorAll<SVGGElement>(".chart-tile-map g[data-id]")) {
      const [shape, code] = [tile.querySelector("polygon"), tile.querySelector("text")];
      if (!shape) continue;
      const style = getComputedStyle(shape);
      if (code && contrast(getComputedStyle(code).fill, style.fill) < 4.5) problems.push(`tile "${code.textContent}" has ${contrast(getComputedStyle(code).fill, style.fill).toFixed(2)}:1 text`);
      if (contrast(style.stroke, background) < 3) problems.push(`tile ${tile.dataset["id"]} has a faint outline`);
    }
    return problems;
  });
}

for (const width of [320, 375, 1280]) {
  test(`results read on a ${width}px screen in either scheme: chart text at 12px or more, whole tables, visible bars`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    /** Each scheme on the page as loaded: the schemes change colours, not layout. */
    const problems = async (where: string) => {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await legibilityProblems(page), `${where}, ${colorScheme} scheme`).toEqual([]);
      }
    };
    for (const url of ["/elections/kz-mazhilis-2023/", "/elections/uk-commons-2019/", "/elections/kz-mazhilis-2023/regions/", LEAD_STORY.url]) {
      await open(page, url);
      await problems(url);
    }
    // The 10:10 map, as its link shows it (a same-page link: no new response to check).
    await open(page, "/elections/kz-mazhilis-2023/regions/");
    await page.locator("#map-3").getByRole("link", { name: "Turnout at 10:10" }).click();
    await expect(page.locator("#map-1 svg.chart-tile-map")).toBeVisible();
    await problems("the 10:10 map");
  });
}
