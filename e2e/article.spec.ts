import { expect, test } from "@playwright/test";
import { expectInOrder, LEAD_STORY, open } from "./site.ts";

test.describe("the lead story", () => {
  test.beforeEach(async ({ page }) => open(page, LEAD_STORY.url));

  test("shows the regions of a news article in order", async ({ page }) => {
    const article = page.getByRole("main").getByRole("article").first();
    await expectInOrder([
      article.getByRole("link", { name: "Asia", exact: true }).first(),
      article.getByRole("heading", { level: 1, name: LEAD_STORY.headline }),
      article.getByText("President Kassym-Jomart Tokayev says the vote", { exact: false }).first(),
      article.getByRole("figure"),
      article.getByText("By Reuters"),
      article.locator("time").first(),
      article.getByText("won a comfortable majority", { exact: false }),
      article.getByRole("heading", { level: 2, name: "Reform agenda" }),
      article.getByRole("region", { name: "Read more" }),
    ]);
  });

  test("shows the lead photo with its caption and credit, sized before it loads", async ({ page }) => {
    const figure = page.getByRole("figure");
    const image = figure.getByRole("img");
    await expect(image).toHaveAttribute("alt", /ballot box/);
    await expect(image).toHaveAttribute("width", "1200");
    await expect(image).toHaveAttribute("height", "675");
    await expect(figure.locator("figcaption")).toContainText("five other parties");
    await expect(figure.locator("figcaption")).toContainText("Reuters");
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  });

  test("dates the story in Astana time with the offset kept", async ({ page }) => {
    const published = page.locator("time").first();
    await expect(published).toHaveText("19 March 2023, 21:40 (Astana time)");
    await expect(published).toHaveAttribute("datetime", "2023-03-19T21:40:00+06:00");
  });

  test("has one h1 and links to its topics", async ({ page }) => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    const topics = page.getByRole("navigation", { name: "Topics of this story" });
    await topics.getByRole("link", { name: "Amanat" }).click();
    await expect(page).toHaveURL("/topics/amanat/");
  });
});

test("the front page links to the lead story", async ({ page }) => {
  await open(page, "/");
  await page.getByRole("link", { name: LEAD_STORY.headline }).first().click();
  await expect(page).toHaveURL(LEAD_STORY.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LEAD_STORY.headline);
});

test("the front page has a top story, the latest stories and the sections", async ({ page }) => {
  await open(page, "/");
  await expect(page.getByRole("region", { name: "Top story" }).getByRole("heading", { level: 3 })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Latest" }).getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByRole("region", { name: "Sections" }).getByRole("link", { name: "Asia" })).toBeVisible();
});

for (const listing of [
  { url: "/asia/", heading: "Asia" },
  { url: "/topics/kazakhstan/", heading: "Kazakhstan" },
  { url: "/topics/elections/", heading: "Elections" },
]) {
  test(`the ${listing.heading} listing links to the lead story`, async ({ page }) => {
    await open(page, listing.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(listing.heading);
    await expect(page.getByRole("link", { name: LEAD_STORY.headline })).toBeVisible();
  });
}

test("a listing longer than a page is split into linked pages", async ({ page }) => {
  await open(page, "/topics/kazakhstan/");
  const pages = page.getByRole("navigation", { name: "Pages of Kazakhstan" });
  await pages.getByRole("link", { name: "Older stories" }).click();
  await expect(page).toHaveURL("/topics/kazakhstan/page/2/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("page 2 of");
  await expect(page.getByRole("navigation", { name: "Pages of Kazakhstan" }).getByRole("link", { name: "2" })).toHaveAttribute("aria-current", "page");
});

test("an unknown address answers 404 with the not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/story/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "front page" })).toHaveAttribute("href", "/");
});
