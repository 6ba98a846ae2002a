import { z } from "zod";
import { escapeMarkup } from "../markup.ts";

/**
 * `{% embed "URL" %}`: a video or chart from an allowlisted provider. The page
 * gets a plain link (works without JavaScript) and a button that loads the
 * provider's player in a sandboxed frame on click (public/js/embed.js), so no
 * third-party request is made until the reader asks for it.
 */

const ID = "{id}";
const https = (what: string) => z.string().regex(/^https:\/\/[a-z0-9.-]+\//, `expected an https:// URL with a path, for ${what}`).refine((url) => url.includes(ID), `expected "${ID}" where the id goes`);

export const embedProviderSchema = z.strictObject({
  /** Shown to readers: "YouTube video". */
  name: z.string().min(1),
  /** URLs editors paste, with `{id}` where the id is. */
  urls: z.array(https("the URLs editors paste")).min(1),
  /** The player's URL, framed on click. */
  frame: https("the player's frame"),
});
export const embedsSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), embedProviderSchema);

export type EmbedProviders = z.infer<typeof embedsSchema>;

/** Used when `_data/site.json` has no `embeds`. */
export const DEFAULT_EMBEDS: EmbedProviders = {
  youtube: {
    name: "YouTube video",
    urls: ["https://www.youtube.com/watch?v={id}", "https://youtu.be/{id}", "https://www.youtube.com/shorts/{id}"],
    frame: "https://www.youtube-nocookie.com/embed/{id}",
  },
  vimeo: { name: "Vimeo video", urls: ["https://vimeo.com/{id}"], frame: "https://player.vimeo.com/video/{id}" },
  datawrapper: { name: "Datawrapper chart", urls: ["https://datawrapper.dwcdn.net/{id}/", "https://www.datawrapper.de/_/{id}/"], frame: "https://datawrapper.dwcdn.net/{id}/" },
  flourish: { name: "Flourish chart", urls: ["https://public.flourish.studio/visualisation/{id}/"], frame: "https://flo.uri.sh/visualisation/{id}/embed" },
};

export interface Embed {
  provider: string;
  name: string;
  url: string;
  frame: string;
  /** `https://host` of the frame, for the page's CSP. */
  origin: string;
}

export type EmbedResult = { ok: true; embed: Embed } | { ok: false; message: string };

/** Ids are letters, digits, `_` and `-` (a Datawrapper id may carry its version: `aBc12/3`). */
const ID_PATTERN = "([A-Za-z0-9_-]{1,64}(?:/[0-9]{1,4})?)";

const patterns = new WeakMap<EmbedProviders, [string, RegExp[]][]>();
function compiled(providers: EmbedProviders): [string, RegExp[]][] {
  let list = patterns.get(providers);
  if (!list) {
    list = Object.entries(providers).map(([key, provider]) => [
      key,
      provider.urls.map((url) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("\\{id\\}", ID_PATTERN)}(?:[?&#][^\\s"'<>]*)?$`)),
    ]);
    patterns.set(providers, list);
  }
  return list;
}

/** The provider and player of a URL an editor pasted, or why it cannot be embedded. */
export function resolveEmbed(url: string, providers: EmbedProviders = DEFAULT_EMBEDS): EmbedResult {
  const allowed = () => Object.entries(providers).map(([key, p]) => `${key} (${p.urls.join(", ")})`).join("; ");
  if (!/^https:\/\/[^\s"'<>]+$/.test(url)) return { ok: false, message: `"${url}" is not an https:// URL; embeds come from: ${allowed()}` };
  for (const [key, regexes] of compiled(providers)) {
    for (const regex of regexes) {
      const id = regex.exec(url)?.[1];
      if (!id) continue;
      const provider = providers[key]!;
      const frame = provider.frame.replace(ID, id);
      return { ok: true, embed: { provider: key, name: provider.name, url, frame, origin: new URL(frame).origin } };
    }
  }
  return { ok: false, message: `"${url}" is not from a provider this site embeds; the allowlist (\`embeds\` in _data/site.json): ${allowed()}` };
}

const origins = new WeakMap<EmbedProviders, string[]>();
/** Every frame origin providers may use, for the sanitizer (worked out once per provider list). */
export function frameOrigins(providers: EmbedProviders = DEFAULT_EMBEDS): string[] {
  let list = origins.get(providers);
  if (!list) {
    list = [...new Set(Object.values(providers).map((provider) => new URL(provider.frame.replace(ID, "x")).origin))];
    origins.set(providers, list);
  }
  return list;
}

/** The embed's markup: a link first, and a button the embed module shows and wires up. */
export function embedHtml(embed: Embed): string {
  const host = new URL(embed.frame).host;
  return [
    `<figure class="embed" data-embed-src="${escapeMarkup(embed.frame)}" data-embed-title="${escapeMarkup(embed.name)}">`,
    `<p class="embed-fallback"><a href="${escapeMarkup(embed.url)}">${escapeMarkup(embed.name)}: ${escapeMarkup(embed.url)}</a></p>`,
    `<button type="button" class="embed-load" hidden>Load the ${escapeMarkup(embed.name)} here (from ${escapeMarkup(host)})</button>`,
    `</figure>`,
  ].join("\n");
}

export const EMBED = /\{%-?\s*embed\s+(["'])(.*?)\1\s*-?%\}/g;

/** The `{% embed "URL" %}` tags of a body, with their lines counted from the body's first line (1). */
export function embedUses(body: string): { url: string; line: number }[] {
  return [...body.matchAll(EMBED)].map((match) => ({ url: match[2] ?? "", line: body.slice(0, match.index).split("\n").length }));
}

/** The frame origins each story's embeds need, by page URL, found from the bodies before any page is rendered (`_headers` needs them). */
export function framedPages(articles: readonly { url: string; body: string }[], providers: EmbedProviders): Map<string, string[]> {
  const framed = new Map<string, string[]>();
  for (const article of articles) {
    if (!article.body.includes("embed")) continue;
    const origins = embedUses(article.body).flatMap(({ url }) => {
      const result = resolveEmbed(url, providers);
      return result.ok ? [result.embed.origin] : [];
    });
    if (origins.length > 0) framed.set(article.url, [...new Set(origins)].sort());
  }
  return framed;
}
