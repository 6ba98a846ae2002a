import type { UserConfig } from "@11ty/eleventy";
import type { Problem } from "../articles/front-matter.ts";
import { assetUrl } from "../cdn/fingerprint.ts";
import { errorPageHtml, isPageRequest, LIVE_ERRORS_SCRIPT, LIVE_ERRORS_SOURCE } from "./error-page.ts";

/** What pages see under `npm start`: `liveErrors`, the script base.njk adds (story pages get it with the other globals). */
export const DEV_GLOBALS = { liveErrors: LIVE_ERRORS_SCRIPT } as const;

/**
 * `npm start`: while the last build failed on content problems, every page is the error
 * page (status 500), and open pages reload to show it; the next build that succeeds clears
 * it. Returns what to call with the problems of a failed build.
 */
export function devErrorPage(eleventyConfig: UserConfig): (problems: readonly Problem[]) => void {
  let problems: readonly Problem[] | undefined;
  eleventyConfig.on("eleventy.after", () => {
    problems = undefined;
  });
  eleventyConfig.addGlobalData("liveErrors", DEV_GLOBALS.liveErrors);
  eleventyConfig.setServerOptions({
    onRequest: {
      [LIVE_ERRORS_SCRIPT]: () => ({ status: 200, headers: { "Content-Type": "text/javascript; charset=utf-8" }, body: LIVE_ERRORS_SOURCE }),
      "/*": ({ url }: { url: URL }) => {
        if (!problems || !isPageRequest(url.pathname)) return undefined;
        return { status: 500, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }, body: errorPageHtml(problems, assetUrl("/css/site.css")) };
      },
    },
  });
  return (found) => {
    problems = found;
  };
}
