import { expect, test } from "./test.ts";
import { LEAD_STORY } from "./site.ts";

const PAGES = ["/", LEAD_STORY.url, "/asia/", "/topics/kazakhstan/page/2/", "/elections/kz-mazhilis-2023/", "/elections/", "/search/?q=Amanat", "/no-such-page/"];

test("the Content-Security-Policy blocks nothing the pages need", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`));
  });
  for (const url of PAGES) {
    const response = await page.goto(url);
    expect(response?.headers()["content-security-policy"], url).toContain("default-src 'self'");
    // The stylesheet applied: the masthead is set in the serif face, not the browser default.
    await expect(page.locator(".site-name")).toHaveCSS("font-weight", "700");
    // Lazy images load once scrolled to; every image must then have loaded.
    for (const image of await page.locator("img").all()) await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const widths = await page.locator("img").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(widths.every((width) => width > 0), url).toBe(true);
  }
  expect(violations).toEqual([]);
});

test("pages carry the security headers and a short cache policy; fingerprinted CSS is cached for a year", async ({ request, page }) => {
  const front = await request.get("/");
  expect(front.headers()["x-content-type-options"]).toBe("nosniff");
  expect(front.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(front.headers()["cache-control"]).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=86400");
  await page.goto("/");
  const href = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
  const css = await request.get(href!);
  expect(css.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  for (const file of ["/_headers", "/_headers/", "/_redirects", "/_redirects/"]) expect((await request.get(file)).status(), file).toBe(404);
});

test("an old URL from redirect_from moves permanently to the story", async ({ request, page }) => {
  const response = await request.get("/2023/03/19/kazakhstan-election-exit-polls/", { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(response.headers()["location"]).toBe(LEAD_STORY.url);
  // A section without its trailing slash, as S3 websites and Cloudflare answer it.
  const section = await request.get("/asia?page=2", { maxRedirects: 0 });
  expect([section.status(), section.headers()["location"]]).toEqual([301, "/asia/?page=2"]);
  // Stores that cannot redirect serve the HTML page at the old path instead.
  await page.goto("/2023/03/19/kazakhstan-election-exit-polls/index.html");
  await expect(page).toHaveURL(LEAD_STORY.url);
});
