import path from "node:path";
import { test } from "./test.ts";
import { open, SHOWCASE_PAGES } from "./site.ts";

/** Full-page pictures for people to look at, never compared: test-results/screenshots/<page>-<width>-<scheme>.png. */
const NAMES: Record<(typeof SHOWCASE_PAGES)[number], string> = {
  "/": "front",
  "/asia/2023/03/19/ruling-party-sweeps-kazakh-election-exit-polls/": "lead-story",
  "/elections/kz-mazhilis-2023/": "results",
};

for (const url of SHOWCASE_PAGES) {
  for (const width of [375, 1280]) {
    for (const colorScheme of ["light", "dark"] as const) {
      const name = `${NAMES[url]}-${width}-${colorScheme}`;
      test(`screenshot ${name}.png`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        await open(page, url);
        // Lazy images below the fold would be blank in a full-page picture.
        await page.evaluate(async () => {
          const images = [...document.images];
          for (const image of images) image.loading = "eager";
          await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
        });
        const file = path.join(test.info().project.outputDir, "screenshots", `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await test.info().attach(name, { path: file, contentType: "image/png" });
      });
    }
  }
}
