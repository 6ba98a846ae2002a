import { existsSync } from "node:fs";

/** The first of `candidates` installed, unless the variable names another browser ("" for Playwright's own). */
function installed(variable: string | undefined, candidates: readonly string[]): string | undefined {
  if (variable !== undefined) return variable || undefined;
  return candidates.find((candidate) => existsSync(candidate));
}

/** The full browser, for Lighthouse (`npm run audit`): Debian's chromium. */
export function chromiumPath(variable: string | undefined): string | undefined {
  return installed(variable, ["/usr/bin/chromium"]);
}

/**
 * The browser for tests: Debian's headless shell, the browser Playwright itself uses for
 * headless tests (the full one in headless mode took a fifth longer over the browser
 * tests, on every page it opened), else Debian's chromium.
 */
export function testBrowserPath(variable: string | undefined): string | undefined {
  return installed(variable, ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]);
}

/** Flags that keep Chromium off the network and the GPU; no host name resolves but the local server's. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];
