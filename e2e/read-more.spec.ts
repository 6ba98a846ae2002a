import { expect, test } from "./test.ts";
import { LEAD_STORY, open } from "./site.ts";

test.describe("Read more on the lead story", () => {
  test.beforeEach(async ({ page }) => open(page, LEAD_STORY.url));

  test("the region lists related stories with headline, date and summary, each an existing page", async ({ page, request }) => {
    const region = page.getByRole("region", { name: "Read more" });
    const items = region.getByRole("listitem");
    await expect(items).toHaveCount(5);
    await expect(items.first().getByRole("heading", { level: 3 })).toHaveText("Six parties win seats in Kazakh parliament, preliminary results show");
    await expect(items.first().locator("time")).toHaveText("20 March 2023");
    await expect(items.first()).toContainText("The ruling Amanat party took");
    const hrefs = await region.getByRole("heading", { level: 3 }).getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs).toHaveLength(5);
    for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
  });

  const inline = [
    { index: 0, headline: "Polling underway in Kazakhstan's snap legislative elections" },
    { index: 1, headline: "Kazakh official says January protests were a 'coup attempt'" },
  ];
  for (const { index, headline } of inline) {
    test(`inline READ MORE link ${index + 1} leads to "${headline}"`, async ({ page }) => {
      const link = page.getByRole("paragraph").filter({ hasText: "READ MORE:" }).getByRole("link").nth(index);
      await expect(link).toHaveText(headline);
      await link.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
    });
  }
});

test("/related.json gives apps the same list as the page", async ({ page, request }) => {
  await open(page, LEAD_STORY.url);
  const onPage = await page
    .getByRole("region", { name: "Read more" })
    .getByRole("heading", { level: 3 })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  const feed = await (await request.get("/related.json")).json();
  const list: { url: string }[] = feed.stories[`https://broadsheet.example${LEAD_STORY.url}`];
  expect(list.map((item) => new URL(item.url).pathname)).toEqual(onPage);
});
