import { expect, test } from "./test.ts";
import { open } from "./site.ts";

const FINAL_RESULTS = "/asia/2023/03/27/kazakhstan-final-election-results-amanat-majority/";

test("a byline leads to the author's page: name, role, bio, stories, feed and Person data", async ({ page, request }) => {
  await open(page, FINAL_RESULTS);
  await page.getByRole("link", { name: "Elena Brightwater" }).click();
  await expect(page).toHaveURL("/authors/elena-brightwater/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Elena Brightwater");
  await expect(page.getByText("Data editor", { exact: true })).toBeVisible();
  await expect(page.getByText("leads the data desk")).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Amanat wins 62 of 98 seats" })).toBeVisible();
  const data = JSON.parse((await page.locator('main script[type="application/ld+json"]').textContent()) ?? "{}") as Record<string, unknown>;
  expect(data).toMatchObject({ "@type": "Person", name: "Elena Brightwater", jobTitle: "Data editor", url: "https://broadsheet.example/authors/elena-brightwater/" });
  const feed = await page.locator('link[type="application/atom+xml"]').last().getAttribute("href");
  expect(feed).toBe("/authors/elena-brightwater/feed.xml");
  const atom = await (await request.get(feed!)).text();
  expect(atom).toContain("<title>Elena Brightwater | Broadsheet</title>");
  expect(atom).toContain(FINAL_RESULTS);
});

test("author pages are in the sitemap", async ({ request }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("<loc>https://broadsheet.example/authors/nadia-arkwright/</loc>");
});
