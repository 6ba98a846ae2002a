import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS, testBrowserPath } from "./src/cli/chromium.ts";

// Debian's headless shell (or chromium) by default; set PLAYWRIGHT_CHROMIUM_PATH="" to use Playwright's own browser.
const chromiumPath = testBrowserPath(process.env.PLAYWRIGHT_CHROMIUM_PATH);
const port = Number(process.env.E2E_PORT ?? 8089);
export const PINNED_NOW = "2023-03-28T12:00:00+06:00";

export default defineConfig({
  testDir: "e2e",
  // Pictures for people to look at, never compared: `npm run screenshots` takes them, `npm test` does not.
  testIgnore: process.env.BROADSHEET_SCREENSHOTS === "1" ? [] : ["screenshots.spec.ts"],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // A dot a test, then failures in full and the summary; `--reporter=list` names each test.
  reporter: "dot",
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: CHROMIUM_FLAGS,
    },
  },
  // The production build (no drafts), served on loopback as a CDN would serve it.
  webServer: {
    // Node itself, not npm and the tsx command: two fewer processes to start before the first test.
    command: `node --import tsx src/cli/build.ts && node --import tsx src/cli/preview.ts --port ${port}`,
    // "Now" pinned just after the newest sample story, so the News sitemap has it.
    env: { BROADSHEET_PREVIEW: "0", BROADSHEET_NOW: PINNED_NOW },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
