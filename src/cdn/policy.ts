/** Cache and security policy for the CDN, in one place: `_headers` and the publish command both read it. */

/** Fingerprinted files: their names change with their content, so they never need revalidating. */
export const ASSET_PREFIX = "/assets/";
/** Image renditions: eleventy-img names them by a hash of the source and settings. */
export const RENDITION_PREFIX = "/img/";

export const CACHE_CONTROL = {
  immutable: "public, max-age=31536000, immutable",
  /** Pages, feeds and sitemaps: browsers recheck after a minute, the CDN after five, serving stale while it does. */
  page: "public, max-age=60, s-maxage=300, stale-while-revalidate=86400",
  /** Images keep their names when replaced, so they revalidate daily. */
  media: "public, max-age=86400, stale-while-revalidate=604800",
  /** The publish manifest is for the publisher, never cached. */
  manifest: "no-cache",
  /** Live coverage pages and their live.json (docs/live.md): readers poll every 30 s, so the CDN rechecks every 10. */
  live: "public, max-age=10, s-maxage=10, stale-while-revalidate=30",
} as const;

/** Every script and style comes from the site itself; JSON-LD blocks are data, never run. */
const POLICY: readonly (readonly [string, string])[] = [
  ["default-src", "'self'"],
  // Pagefind's search runs as WebAssembly.
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["style-src", "'self'"],
  ["img-src", "'self' data:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["frame-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];

/** Directives a `<meta>` policy cannot carry: browsers ignore them there. */
const HEADER_ONLY = new Set(["frame-ancestors", "report-uri", "sandbox"]);

/** The policy, with frames allowed from `frameOrigins` (a page's embeds) and, for a `<meta>` tag, header-only directives left out. */
export function contentSecurityPolicy(frameOrigins: readonly string[] = [], form: "header" | "meta" = "header"): string {
  return POLICY.filter(([name]) => form === "header" || !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${name === "frame-src" ? [value, ...new Set(frameOrigins)].join(" ") : value}`)
    .join("; ");
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

const MEDIA = /\.(?:jpe?g|png|webp|avif|gif|svg|ico)$/i;

/** The file beside a live coverage page that its update module polls. */
const LIVE_JSON = "/live.json";

/**
 * Cache-Control for a site path such as `/asia/index.html` or `/assets/site.1a2b3c4d5e.css`;
 * `sitePaths`, the build's files, tell a live coverage page by the live.json beside it.
 */
export function cacheControl(path: string, sitePaths?: ReadonlySet<string>): string {
  if (path === "/manifest.json") return CACHE_CONTROL.manifest;
  if (path.endsWith(LIVE_JSON) || (path.endsWith("/index.html") && sitePaths?.has(path.replace(/\/index\.html$/, LIVE_JSON)))) return CACHE_CONTROL.live;
  if (path.startsWith(ASSET_PREFIX) || path.startsWith(RENDITION_PREFIX)) return CACHE_CONTROL.immutable;
  if (MEDIA.test(path)) return CACHE_CONTROL.media;
  return CACHE_CONTROL.page;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  woff2: "font/woff2",
  wasm: "application/wasm",
};

/** Content-Type for a site path; feeds get their own types so readers recognise them. */
export function contentType(path: string): string {
  if (path.endsWith("/feed.xml")) return "application/atom+xml; charset=utf-8";
  if (path.endsWith("/feed.json")) return "application/feed+json; charset=utf-8";
  if (!path.slice(path.lastIndexOf("/")).includes(".")) return "text/plain; charset=utf-8";
  return TYPES[path.slice(path.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";
}

/** A page whose policy allows frames from more origins (its embeds). */
export interface FramedPage {
  url: string;
  frameOrigins: readonly string[];
}

/**
 * `_headers` as Cloudflare Pages reads it (Netlify too, minus the `!` detach
 * lines it does not know): security headers everywhere, pages' cache
 * policy by default, replaced for fingerprinted assets, images and live coverage
 * pages, and the policy replaced on pages with embeds (two policies would both apply).
 */
export function headersFile(framedPages: readonly FramedPage[] = [], livePages: readonly string[] = []): string {
  const block = (pattern: string, headers: Record<string, string>, detach?: string) =>
    [pattern, ...(detach ? [`  ! ${detach}`] : []), ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join("\n");
  return `${[
    "# Written by the build from src/cdn/policy.ts; edit that file, not this one.",
    block("/*", { ...SECURITY_HEADERS, "Cache-Control": CACHE_CONTROL.page }),
    block(`${ASSET_PREFIX}*`, { "Cache-Control": CACHE_CONTROL.immutable }, "Cache-Control"),
    block(`${RENDITION_PREFIX}*`, { "Cache-Control": CACHE_CONTROL.immutable }, "Cache-Control"),
    block("/images/*", { "Cache-Control": CACHE_CONTROL.media }, "Cache-Control"),
    block("/manifest.json", { "Cache-Control": CACHE_CONTROL.manifest }, "Cache-Control"),
    ...framedPages.map((page) => block(page.url, { "Content-Security-Policy": contentSecurityPolicy(page.frameOrigins) }, "Content-Security-Policy")),
    ...livePages.flatMap((url) => [url, `${url}live.json`].map((path) => block(path, { "Cache-Control": CACHE_CONTROL.live }, "Cache-Control"))),
  ].join("\n\n")}\n`;
}
