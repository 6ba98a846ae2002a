import { escapeMarkup as escapeXml } from "../markup.ts";
import { contentSecurityPolicy } from "./policy.ts";

export interface Redirect {
  from: string;
  to: string;
}

/** One redirect per old URL of each story (`redirect_from`), sorted. */
export function redirectsOf(articles: readonly { url: string; redirectFrom: readonly string[] }[]): Redirect[] {
  return articles
    .flatMap((a) => a.redirectFrom.map((from) => ({ from, to: a.url })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** `_redirects` lines, as Netlify and Cloudflare Pages read them: permanent moves. */
export function redirectsFile(redirects: readonly Redirect[]): string {
  return redirects.map((r) => `${r.from} ${r.to} 301\n`).join("");
}

/** Where the HTML redirect page for an old path is written: `/2023/old/` -> `/2023/old/index.html`. */
export function redirectPagePath(from: string): string {
  return from.endsWith("/") ? `${from}index.html` : /\.html?$/.test(from) ? from : `${from}/index.html`;
}

/** A page at the old URL for stores that cannot redirect: canonical link and an instant refresh. */
export function redirectPage(to: string, site: { url: string; language: string }): string {
  const canonical = escapeXml(new URL(to, site.url).href);
  // The refresh and link stay on the site's own host, so previews and mirrors keep working.
  const path = escapeXml(to);
  return `<!doctype html>
<html lang="${escapeXml(site.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(contentSecurityPolicy([], "meta"))}">
<title>Moved</title>
<link rel="canonical" href="${canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${path}">
</head>
<body>
<p>This story has moved to <a href="${path}">${canonical}</a>.</p>
</body>
</html>
`;
}
