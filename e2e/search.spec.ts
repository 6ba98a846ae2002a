import { expect, test } from "./test.ts";
import { LEAD_STORY, open } from "./site.ts";

test.describe("search", () => {
  test("finds the lead story by 'Amanat', with headline, date and summary", async ({ page }) => {
    await open(page, "/search/");
    await page.getByRole("searchbox", { name: "Search stories" }).fill("Amanat");
    const results = page.getByRole("list").filter({ has: page.locator(".search-result") }).getByRole("listitem");
    const lead = results.filter({ has: page.getByRole("link", { name: LEAD_STORY.headline }) });
    await expect(lead).toHaveCount(1);
    await expect(lead).toContainText("19 March 2023, 21:40 (Astana time)");
    await expect(lead).toContainText("President Kassym-Jomart Tokayev says the vote");
    await expect(page.getByRole("status")).toContainText("match “Amanat”");
    await lead.getByRole("link").click();
    await expect(page).toHaveURL(LEAD_STORY.url);
  });

  test("searches every year's index: a 2022 story is found beside 2023 ones", async ({ page }) => {
    await open(page, "/search/?q=referendum");
    const results = page.locator(".search-result");
    await expect(results.getByRole("link", { name: "Kazakh voters back constitutional changes that reshape parliament" })).toHaveAttribute(
      "href",
      "/politics/2022/06/06/kazakhstan-referendum-backs-constitutional-changes/",
    );
    await open(page, "/search/?q=Tokayev");
    await expect(page.getByRole("status")).toContainText("match “Tokayev”");
    const years = await results.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")?.split("/")[2]));
    expect(new Set(years)).toEqual(new Set(["2022", "2023"]));
  });

  test("finds a topic's stories by its aliases, Cyrillic ones too", async ({ page }) => {
    await open(page, "/search/?q=Токаев");
    await expect(page.getByRole("status")).toContainText("match “Токаев”");
    await expect(page.locator(".search-result").getByRole("link", { name: "Tokayev wins Kazakhstan's snap presidential election" })).toBeVisible();
  });

  test("marks the words searched for, and hides the browse list while results show", async ({ page }) => {
    await open(page, "/search/?q=amanat");
    const final = page.locator(".search-result").filter({ has: page.getByRole("link", { name: "Amanat wins 62 of 98 seats as Kazakhstan confirms final election results" }) });
    await expect(final.getByRole("heading").locator("mark")).toHaveText("Amanat");
    await expect(page.getByRole("region", { name: "Browse instead" })).toBeHidden();
    await page.getByRole("searchbox", { name: "Search stories" }).fill("zqxjvkwplm");
    await expect(page.getByRole("status")).toHaveText("No stories match “zqxjvkwplm”.");
    await expect(page.getByRole("region", { name: "Browse instead" })).toBeVisible();
  });

  test("forgives a misspelt name: shows the stories about it, and lets the reader search as typed", async ({ page }) => {
    const results = page.locator(".search-result").getByRole("link");
    const correction = page.locator("[data-search-correction]");
    const hrefs = () => results.evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    await open(page, "/search/?q=Tokayev");
    await expect(page.getByRole("status")).toContainText("match “Tokayev”");
    const aboutTokayev = await hrefs();
    expect(aboutTokayev.length).toBeGreaterThan(1);
    await expect(correction).toBeHidden();

    for (const typo of ["Tokaev", "tokayv"]) {
      await open(page, `/search/?q=${typo}`);
      await expect(correction).toHaveText(`Showing results for Tokayev. Search instead for ${typo}.`);
      await expect(page.getByRole("status")).toContainText("match “Tokayev”");
      expect(await hrefs(), typo).toEqual(aboutTokayev);
    }
    await expect(page.locator(".search-result mark").first(), "the corrected word is marked").toHaveText("Tokayev");

    await correction.getByRole("link", { name: "tokayv" }).click();
    await expect(page).toHaveURL(/\/search\/\?q=tokayv&as-typed=$/);
    await expect(page.getByRole("status")).toContainText("match “tokayv”");
    await expect(correction).toBeHidden();
    // A new query is corrected again.
    await page.getByRole("searchbox", { name: "Search stories" }).fill("Kazakstan");
    await expect(correction).toHaveText("Showing results for Kazakhstan. Search instead for Kazakstan.");
    await expect(page).toHaveURL(/\/search\/\?q=Kazakstan$/);
  });

  test("finds nothing for nonsense, and says so", async ({ page }) => {
    await open(page, "/search/?q=zqxjvkwplm");
    await expect(page.getByRole("status")).toHaveText("No stories match “zqxjvkwplm”.");
    await expect(page.locator(".search-result")).toHaveCount(0);
  });

  test("indexes story text but not navigation or Read more lists", async ({ page }) => {
    await open(page, "/search/?q=Sections");
    // "Sections" appears in every page's navigation, never in a story's text.
    await expect(page.getByRole("status")).toHaveText("No stories match “Sections”.");
  });

  test("works as a plain form without JavaScript, pointing to sections and topics", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/search/");
    await page.getByRole("searchbox", { name: "Search stories" }).fill("Amanat");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\/\?q=Amanat$/);
    const browse = page.getByRole("region", { name: "Browse instead" });
    await expect(browse.getByRole("link", { name: "Asia", exact: true })).toHaveAttribute("href", "/asia/");
    await expect(browse.getByRole("link", { name: "Kazakhstan", exact: true })).toHaveAttribute("href", "/topics/kazakhstan/");
    await context.close();
  });
});

test("the lead image is a picture with AVIF and WebP sources that loads", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const images: { url: string; type: string }[] = [];
  page.on("response", async (response) => {
    if (response.url().includes("/img/")) images.push({ url: response.url(), type: response.headers()["content-type"] ?? "" });
  });
  await open(page, LEAD_STORY.url);
  const picture = page.getByRole("figure").locator("picture");
  await expect(picture.locator('source[type="image/avif"]')).toHaveAttribute("srcset", /-320\.avif 320w/);
  await expect(picture.locator('source[type="image/webp"]')).toHaveAttribute("srcset", /-1200\.webp 1200w/);
  const image = picture.getByRole("img");
  await expect(image).toHaveAttribute("fetchpriority", "high");
  await expect(image).toHaveAttribute("loading", "eager");
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // Chromium picks AVIF, at a width that suits a 375 px screen.
  const lead = images.find((i) => i.type === "image/avif");
  expect(lead?.url).toMatch(/-(?:320|480|800)\.avif$/);
});
