import type { Problem } from "../articles/front-matter.ts";
import { escapeMarkup } from "../markup.ts";

/** A dev-server script on every page: Eleventy's own client does not reload when a build fails, so the error page would not show. */
export const LIVE_ERRORS_SCRIPT = "/.broadsheet/live-errors.js";

/** Reloads the page when the dev server reports a failed build (its WebSocket message "eleventy.error"). */
export const LIVE_ERRORS_SOURCE = `const socket = new WebSocket(location.origin.replace(/^http/, "ws"));
socket.addEventListener("message", (event) => {
  if (JSON.parse(event.data).type === "eleventy.error") location.reload();
});
`;

/**
 * The page `npm start` serves instead of any page while the content has problems: each
 * problem with its file and line, what is wrong and what is expected. The dev server adds its
 * reload client, so the page turns back into the site once the files are fixed.
 */
export function errorPageHtml(problems: readonly Problem[], stylesheet: string): string {
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  const items = problems.map((p) => {
    const where = `${p.file.replace(/^\.\//, "")}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ""}` : ""}`;
    return `<li><p><code>${escapeMarkup(where)}</code> <strong>${escapeMarkup(p.field)}</strong></p><p>${escapeMarkup(p.message)}</p></li>`;
  });
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${count} in the content | Broadsheet preview</title>`,
    `<link rel="stylesheet" href="${escapeMarkup(stylesheet)}">`,
    "</head>",
    "<body>",
    '<main id="main" class="wrap dev-errors">',
    `<h1>Broadsheet found ${count} in the content</h1>`,
    "<p>No page was built from this change, and a production build would refuse it too. Fix each problem below in your editor and save: this page turns back into the site by itself.</p>",
    `<ol class="dev-errors__list">${items.join("")}</ol>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Whether a request is for a page (not a stylesheet, image, feed or the reload client): only pages are replaced. */
export function isPageRequest(pathname: string): boolean {
  return !pathname.startsWith("/.11ty/") && !pathname.startsWith("/.broadsheet/") && (pathname.endsWith("/") || pathname.endsWith(".html") || !/\.[a-z0-9]+$/i.test(pathname));
}
