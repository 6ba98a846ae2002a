import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./test.ts";
import { LinkChecker, LinkState } from "linkinator";
import { BAD_FIXTURES_DIR, serveFixtures, SITE_DIR } from "./site.ts";

/** The site's public address (`site.url`): canonical, Open Graph and JSON-LD links use it. */
const PUBLIC_URL = (JSON.parse(readFileSync("_data/site.json", "utf8")) as { url: string }).url.replace(/\/$/, "");

interface CrawlReport {
  /** Paths of the pages the crawl read and followed links from. */
  pages: Set<string>;
  /** Links and assets checked, each once. */
  checked: number;
  broken: string[];
}

/**
 * Crawls a site served at `origin` with linkinator from `starts`, following every link,
 * asset and `#fragment` on the same host. Absolute links to `publicUrl` are checked
 * against `origin` instead, so canonical and social-card URLs must exist in this build;
 * links to any other host are skipped, never requested.
 */
async function crawl(origin: string, starts: readonly string[], publicUrl?: string): Promise<CrawlReport> {
  const checker = new LinkChecker();
  const pages = new Set<string>();
  checker.on("pagestart", (url) => pages.add(new URL(url).pathname));
  const { links } = await checker.check({
    path: starts.map((start) => `${origin}${start}`),
    recurse: true,
    checkFragments: true,
    checkCss: true,
    redirects: "error",
    concurrency: 8,
    timeout: 10_000,
    urlRewriteExpressions: publicUrl ? [{ pattern: new RegExp(`^${publicUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?=/|$)`), replacement: origin }] : [],
    linksToSkip: async (link) => !link.startsWith(`${origin}/`),
  });
  const local = (url: string | undefined) => (url ?? "?").replace(origin, "");
  return {
    pages,
    checked: links.filter((link) => link.state === LinkState.OK).length,
    broken: links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => `${link.status ?? "?"} ${local(link.url)} (on ${local(link.parent)})${link.failureDetails?.some((d) => d instanceof Error) ? `: ${link.failureDetails.filter((d) => d instanceof Error).map((d) => d.message).join("; ")}` : ""}`),
  };
}

test("a crawl of the whole site finds no broken link, anchor or asset, and reaches every page in the sitemap", async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // From the front page, and from the not-found page, which no page links to.
  const { pages, checked, broken } = await crawl(origin, ["/", "/404.html"], PUBLIC_URL);
  test.info().annotations.push({ type: "links", description: `${pages.size} pages crawled, ${checked} links and assets checked, ${broken.length} broken` });
  expect(broken).toEqual([]);
  const sitemap = readFileSync(path.join(SITE_DIR, "sitemap.xml"), "utf8");
  const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(listed.length).toBeGreaterThan(30);
  expect(listed.filter((p) => !pages.has(p)), "sitemap pages no link leads to").toEqual([]);
});

test("the link checker reports every broken link, anchor and asset of a known-bad page", async () => {
  const fixtures = await serveFixtures(BAD_FIXTURES_DIR);
  try {
    const { broken } = await crawl(fixtures.url, ["/broken-links.html"], PUBLIC_URL);
    const urls = broken.map((line) => line.split(" ")[1]);
    // The canonical URL on the public host is checked on the local server; the other host is never asked.
    expect(urls.sort()).toEqual(["/broken-links.html#no-such-anchor", "/images/missing.jpg", "/link-target.html#nowhere", "/missing.css", "/moved-away/", "/no-such-page/"]);
  } finally {
    await fixtures.close();
  }
});
