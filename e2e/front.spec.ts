import { expect, test } from "./test.ts";
import { open } from "./site.ts";

/** What the sample's _data/frontpage.json picks, live at the tests' pinned "now" (2023-03-28 12:00 Astana time). */
const PICKED_LEAD = "Amanat wins 62 of 98 seats as Kazakhstan confirms final election results";
const PICKED_SECOND = "Tokayev wins Kazakhstan's snap presidential election";
const PICKED_POLITICS = "Kazakh voters back constitutional changes that reshape parliament";
const BREAKING = "Final results: Amanat keeps its majority in the Mazhilis";

test.describe("the front page", () => {
  test.beforeEach(async ({ page }) => open(page, "/"));

  test("leads with the editors' pick, large and with its image, then the secondary stories with theirs", async ({ page }) => {
    const lead = page.getByRole("region", { name: "Top story" });
    await expect(lead.getByRole("heading", { level: 3 })).toHaveText(PICKED_LEAD);
    await expect(lead.locator("img")).toHaveAttribute("fetchpriority", "high");
    const secondary = page.getByRole("region", { name: "More top stories" });
    await expect(secondary.getByRole("heading", { level: 3 })).toHaveCount(3);
    await expect(secondary.getByRole("heading", { level: 3 }).first()).toHaveText(PICKED_SECOND);
    // Every card in these slots has a picture, or a placeholder of the same shape.
    await expect(secondary.locator(".story-card__image")).toHaveCount(3);
  });

  test("lists the latest stories, then each section's top stories under a link to the section", async ({ page }) => {
    const latest = page.getByRole("region", { name: "Latest" });
    await expect(latest.getByRole("listitem")).not.toHaveCount(0);
    await expect(latest.getByRole("heading", { name: PICKED_LEAD })).toHaveCount(0);
    const politics = page.getByRole("region", { name: "Politics" });
    await expect(politics.getByRole("heading", { level: 3 }).first()).toHaveText(PICKED_POLITICS);
    await politics.getByRole("link", { name: "Politics", exact: true }).first().click();
    await expect(page).toHaveURL("/politics/");
  });

  test("fits the navigation on one row at 375 px, so the lead headline starts in the first screen", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    const links = page.getByRole("navigation", { name: "Sections" }).getByRole("link");
    const tops = await links.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top)));
    expect(new Set(tops).size, `link tops ${tops.join(", ")}`).toBe(1);
    expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(100);
    const headline = (await page.getByRole("region", { name: "Top story" }).getByRole("heading", { level: 3 }).boundingBox())!;
    expect(headline.y).toBeLessThan(667);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
  });
});

test("a section front leads with its editors' pick, then the rest of its stories", async ({ page }) => {
  await open(page, "/politics/");
  await expect(page.getByRole("region", { name: "Top story" }).getByRole("heading", { level: 3 })).toHaveText(PICKED_POLITICS);
  const more = page.getByRole("region", { name: "More from Politics" });
  await expect(more.getByRole("heading", { name: PICKED_POLITICS })).toHaveCount(0);
});

test.describe("the breaking strip", () => {
  test.use({ javaScriptEnabled: false });

  for (const url of ["/", "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/", "/politics/", "/elections/"]) {
    test(`shows on ${url} without JavaScript and links to the story`, async ({ page }) => {
      await open(page, url);
      const strip = page.getByRole("complementary", { name: "Breaking news" });
      await expect(strip).toContainText("Breaking");
      await strip.getByRole("link", { name: BREAKING }).click();
      await expect(page).toHaveURL("/elections/kz-mazhilis-2023/");
    });
  }
});
