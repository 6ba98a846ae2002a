import { expect, test } from "@playwright/test";
import { LEAD_STORY, open } from "./site.ts";

test.describe("the 2023 results page", () => {
  test.beforeEach(async ({ page }) => open(page, "/elections/kz-mazhilis-2023/"));

  test("shows the status, and a shares chart with its table", async ({ page }) => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kazakhstan parliamentary election 2023");
    await expect(page.locator(".results-header .status")).toHaveText("Final results");
    const shares = page.getByRole("region", { name: "Share of the vote" });
    await expect(shares.getByRole("img", { name: /Share of the vote: final results/ })).toBeVisible();
    const table = shares.getByRole("table", { name: "Final results: share of the vote by party" });
    await expect(table.getByRole("row", { name: /Amanat 53\.9% 3,431,510/ })).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(9);
  });

  test("shows a hemicycle with its table of seats", async ({ page }) => {
    const seats = page.getByRole("region", { name: "Seats" });
    await expect(seats.getByRole("img", { name: /Seats in the Mazhilis: final results/ })).toBeVisible();
    const table = seats.getByRole("table", { name: "Final results: seats by party" });
    await expect(table.getByRole("row", { name: /Amanat 40 22 62/ })).toBeVisible();
    await expect(table.getByRole("row", { name: /Independents – 7 7/ })).toBeVisible();
  });

  test("lists the stages of the count and the stories about the election", async ({ page }) => {
    const stages = page.getByRole("region", { name: "Stages of the count" }).getByRole("listitem");
    await expect(stages).toHaveCount(3);
    await expect(stages.last()).toContainText("Exit poll");
    await expect(stages.last()).toContainText("Amanat 53-54 percent");
    await expect(page.getByRole("region", { name: "Stories about this election" }).getByRole("link", { name: LEAD_STORY.headline })).toBeVisible();
  });
});

test("the lead story's results box links to the results page", async ({ page }) => {
  await open(page, LEAD_STORY.url);
  const box = page.getByRole("complementary", { name: "Kazakhstan parliamentary election 2023" });
  await expect(box.getByRole("table")).toContainText("Amanat");
  await box.getByRole("link", { name: /Full results/ }).click();
  await expect(page).toHaveURL("/elections/kz-mazhilis-2023/");
});

test("the elections index lists both elections, newest first", async ({ page }) => {
  await open(page, "/elections/");
  const links = page.getByRole("main").getByRole("heading", { level: 2 }).getByRole("link");
  await expect(links).toHaveText(["Kazakhstan parliamentary election 2023", "Kazakhstan parliamentary election 2021"]);
  await links.last().click();
  await expect(page.getByRole("region", { name: "Seats" }).getByRole("table")).toContainText("Assembly of People of Kazakhstan");
});
