import { expect, test } from "./test.ts";
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
