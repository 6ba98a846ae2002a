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
} as const;

/** Every script and style comes from the site itself; JSON-LD blocks are data, never run. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Pagefind's search runs as WebAssembly.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

const MEDIA = /\.(?:jpe?g|png|webp|avif|gif|svg|ico)$/i;

/** Cache-Control for a site path such as `/asia/index.html` or `/assets/site.1a2b3c4d5e.css`. */
export function cacheControl(path: string): string {
  if (path === "/manifest.json") return CACHE_CONTROL.manifest;
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

/**
 * `_headers` as Cloudflare Pages reads it (Netlify too, minus the `! Cache-Control`
 * detach lines it does not know): security headers everywhere, pages' cache
 * policy by default, replaced for fingerprinted assets and images.
 */
export function headersFile(): string {
  const block = (pattern: string, headers: Record<string, string>, detach = false) =>
    [pattern, ...(detach ? ["  ! Cache-Control"] : []), ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join("\n");
  return `${[
    "# Written by the build from src/cdn/policy.ts; edit that file, not this one.",
    block("/*", { ...SECURITY_HEADERS, "Cache-Control": CACHE_CONTROL.page }),
    block(`${ASSET_PREFIX}*`, { "Cache-Control": CACHE_CONTROL.immutable }, true),
    block(`${RENDITION_PREFIX}*`, { "Cache-Control": CACHE_CONTROL.immutable }, true),
    block("/images/*", { "Cache-Control": CACHE_CONTROL.media }, true),
    block("/manifest.json", { "Cache-Control": CACHE_CONTROL.manifest }, true),
  ].join("\n\n")}\n`;
}
