import { existsSync } from "node:fs";

/** Debian's chromium unless the variable names another browser ("" for Playwright's own). */
export function chromiumPath(variable: string | undefined): string | undefined {
  if (variable !== undefined) return variable || undefined;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
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
