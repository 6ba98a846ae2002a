import { expect, type Locator, type Page } from "@playwright/test";

/** The sample site's lead story: the Reuters election-night report. */
export const LEAD_STORY = {
  url: "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/",
  headline: "Kazakhstan's ruling party sweeps parliamentary election, exit polls show",
};

/** Opens a page and checks it answered 200. */
export async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(200);
}

/** Asserts that the locators appear top to bottom in this order on the page. */
export async function expectInOrder(locators: Locator[]): Promise<void> {
  let previous = -Infinity;
  for (const locator of locators) {
    await expect(locator).toBeVisible();
    const box = await locator.boundingBox();
    expect(box, `${locator} has no box`).not.toBeNull();
    expect(box!.y, `${locator} comes after the region before it`).toBeGreaterThan(previous);
    previous = box!.y;
  }
}
