import { test as base, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";

export { expect } from "@playwright/test";

interface Tab {
  context: BrowserContext;
  page: Page;
  /** False once a test did what cannot be undone (an init script, a fake clock) or failed. */
  reusable: boolean;
}

/**
 * Playwright's `test`, whose `page` is a tab kept open across a worker's tests: opening a
 * tab costs Chromium about a quarter of a second of CPU, as much as loading a page, and
 * most tests load one or two. Each test gets it back as a new tab would be: blank, at
 * the configured viewport, with no emulated media, listeners, routes or cookies. Tests
 * with other context options (`test.use`) get a tab of their own kind. A tab whose test
 * failed, or added an init script or a fake clock, is closed and the next test opens another.
 */
export const test = base.extend<object, { tabs: Map<string, Tab> }>({
  tabs: [
    async ({}, use) => {
      const tabs = new Map<string, Tab>();
      await use(tabs);
      for (const { context } of tabs.values()) await context.close();
    },
    { scope: "worker" },
  ],
  page: async ({ browser, tabs, baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, javaScriptEnabled, colorScheme, locale, timezoneId }, use, testInfo) => {
    const options: BrowserContextOptions = { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, javaScriptEnabled, colorScheme, locale, timezoneId };
    const key = JSON.stringify(options);
    let tab = tabs.get(key);
    if (!tab) {
      const context = await browser.newContext(options);
      tab = { context, page: await context.newPage(), reusable: true };
      tabs.set(key, tab);
    }
    const { page } = tab;
    const taint = <T extends unknown[], R>(action: (...args: T) => R) => (...args: T): R => {
      tab.reusable = false;
      return action(...args);
    };
    page.addInitScript = taint(page.addInitScript.bind(page));
    page.clock.install = taint(page.clock.install.bind(page.clock));
    await use(page);
    if (!tab.reusable || testInfo.status !== testInfo.expectedStatus) {
      tabs.delete(key);
      await tab.context.close();
      return;
    }
    page.removeAllListeners();
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await tab.context.clearCookies();
    await page.goto("about:blank");
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ media: null, colorScheme: colorScheme ?? null, reducedMotion: null, forcedColors: null });
  },
});
