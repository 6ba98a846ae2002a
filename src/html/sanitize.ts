import sanitizeHtml from "sanitize-html";

/**
 * The one sanitizer for HTML that reaches a reader: story bodies after Markdown,
 * feed content and wire bodies. An allowlist of what news copy needs and of the
 * markup Broadsheet's own tags make; everything else is removed and reported.
 */

/** Something the sanitizer took out, and a piece of source text to find its line by. */
export interface Removal {
  what: string;
  /** Strings to look for in the source, best first (the source may spell it differently). */
  needles: string[];
}

export interface Sanitized {
  html: string;
  removals: Removal[];
}

export interface SanitizeOptions {
  /** Origins (`https://host`) embeds may frame: `data-embed-src` must start with one. */
  frameOrigins?: readonly string[];
}

type Check = (value: string, options: SanitizeOptions) => boolean;

const any: Check = () => true;
const one = (...values: string[]): Check => (value) => values.includes(value);
const matching = (pattern: RegExp): Check => (value) => pattern.test(value);
const number = matching(/^[1-9][0-9]{0,3}$/);

/** Browsers ignore control characters and spaces in URLs, which hides schemes ("java\tscript:"). */
const bare = (url: string) => url.replace(/[\x00-\x20\x7f]+/g, "");
/** Same-site paths only: not `//host` nor `/\host`, which browsers read as another host. */
const SITE_PATH = /^\/(?![/\\])/;
export const isLinkUrl: Check = (value) => /^(https?:|mailto:|#)/i.test(bare(value)) || SITE_PATH.test(bare(value));
export const isSiteUrl: Check = (value) => SITE_PATH.test(bare(value));
const isFrameUrl: Check = (value, options) => {
  const url = bare(value);
  return /^https:\/\//i.test(url) && (options.frameOrigins ?? []).some((origin) => url.startsWith(`${origin}/`));
};

/** Every element kept, with the attributes it may keep and what their values must be. */
export const ALLOWED: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  p: { class: one("read-more-link", "embed-fallback") },
  h2: { id: matching(/^factbox-[a-z0-9-]*$/) },
  h3: {},
  h4: {},
  ul: {},
  ol: { start: number },
  li: {},
  blockquote: {},
  a: { href: isLinkUrl, title: any },
  em: {},
  strong: {},
  i: {},
  b: {},
  sub: {},
  sup: {},
  code: { class: matching(/^language-[a-z0-9_+-]+$/i) },
  pre: {},
  br: {},
  hr: {},
  table: {},
  caption: {},
  thead: {},
  tbody: {},
  tr: {},
  th: { scope: one("row", "col", "rowgroup", "colgroup"), colspan: number, rowspan: number },
  td: { colspan: number, rowspan: number },
  figure: { class: one("embed"), "data-embed-src": isFrameUrl, "data-embed-title": any },
  figcaption: {},
  img: { src: isSiteUrl, alt: any, width: number, height: number },
  abbr: { title: any },
  time: { datetime: matching(/^[0-9T:+\-.Z ]+$/) },
  // The fact box and the embed button, as src/articles/shortcodes.ts writes them.
  aside: { class: one("factbox"), "aria-labelledby": matching(/^factbox-[a-z0-9-]*$/) },
  button: { type: one("button"), class: one("embed-load"), hidden: one("") },
};

/** Elements removed (with their content) when an attribute they cannot do without is missing or refused. */
const REQUIRED: ReadonlyMap<string, string> = new Map([["img", "src"], ["button", "class"]]);

/** Removed with their content: it is code or data, never text for readers. */
const WITH_CONTENT = ["script", "style", "textarea", "option", "noscript", "noembed", "noframes", "iframe", "xmp", "template", "title"];

/** Markdown tables align columns with inline styles, which the CSP blocks anyway: dropped without a word. */
const TABLE_ALIGN = /^text-align:(left|right|center)$/;

/** Own keys only: `constructor` and `toString` are on every object's prototype, never on the allowlist. */
const allowedTag = (tag: string) => (Object.hasOwn(ALLOWED, tag) ? ALLOWED[tag] : undefined);
const checkOf = (allowed: Readonly<Record<string, Check>>, name: string) => (Object.hasOwn(allowed, name) ? allowed[name] : undefined);

const short = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** The element's attributes it may keep; what it may not goes to `removals`. */
function keptAttributes(tag: string, attributes: Record<string, string>, options: SanitizeOptions, removals: Removal[]): Record<string, string> {
  const allowed = allowedTag(tag) ?? {};
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const check = checkOf(allowed, name);
    if (check?.(value, options)) kept[name] = value;
    else if (!(name === "style" && (tag === "th" || tag === "td") && TABLE_ALIGN.test(value))) {
      const needles = [...(value.length >= 6 ? [value.slice(0, 30)] : []), `${name}=`, name, `<${tag}`];
      removals.push({ what: `${name}=${JSON.stringify(short(value))} from <${tag}>`, needles });
    }
  }
  const required = REQUIRED.get(tag);
  if (required && !Object.hasOwn(kept, required)) removals.push({ what: `<${tag}> (it needs a valid ${required})`, needles: [`<${tag}`] });
  return kept;
}

/** sanitize-html's own allowlist, the same as ours, checked again after our checks. */
function libraryOptions(options: SanitizeOptions, removals: Removal[]): sanitizeHtml.IOptions {
  return {
    allowedTags: Object.keys(ALLOWED),
    allowedAttributes: Object.fromEntries(Object.entries(ALLOWED).map(([tag, attributes]) => [tag, Object.keys(attributes)])),
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: [], figure: ["https"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "data-embed-src"],
    allowProtocolRelative: false,
    allowedClasses: {},
    disallowedTagsMode: "discard",
    nonTextTags: WITH_CONTENT,
    transformTags: {
      "*": (tag, attributes) => {
        if (!allowedTag(tag)) {
          const content = WITH_CONTENT.includes(tag) ? " with its content" : "";
          removals.push({ what: `<${tag}>${content}`, needles: [`<${tag}`] });
          return { tagName: tag, attribs: {} };
        }
        return { tagName: tag, attribs: keptAttributes(tag, attributes, options, removals) };
      },
    },
    exclusiveFilter: (frame) => {
      const required = REQUIRED.get(frame.tag);
      return required !== undefined && !Object.hasOwn(frame.attribs, required);
    },
  };
}

const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/y;
const ATTRIBUTE = /([a-z][a-z0-9-]*)(?:="([^"]*)")?/g;
const ESCAPES: Record<string, string> = { "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">", "&#39;": "'" };

/**
 * True when every tag in `html` is allowed with all its attributes, written as
 * Markdown writes them: such HTML needs no change. Most story bodies are like
 * this, and the check costs a fraction of a full parse.
 */
export function alreadyClean(html: string, options: SanitizeOptions = {}): boolean {
  let at = html.indexOf("<");
  while (at !== -1) {
    TAG.lastIndex = at;
    const match = TAG.exec(html);
    if (!match) return false;
    const [, closing, tag = "", attributes = ""] = match;
    const allowed = allowedTag(tag);
    if (!allowed) return false;
    if (!closing && !cleanAttributes(tag, attributes, allowed, options)) return false;
    at = html.indexOf("<", TAG.lastIndex);
  }
  return true;
}

function cleanAttributes(tag: string, attributes: string, allowed: Readonly<Record<string, Check>>, options: SanitizeOptions): boolean {
  const seen = new Set<string>();
  for (const [, name = "", raw = ""] of attributes.matchAll(ATTRIBUTE)) {
    // Only the escapes Markdown writes; any other entity may hide a scheme.
    if (/&(?!(amp|quot|lt|gt|#39);)/.test(raw) || seen.has(name)) return false;
    seen.add(name);
    const check = checkOf(allowed, name);
    if (!check?.(raw.replace(/&(amp|quot|lt|gt|#39);/g, (entity) => ESCAPES[entity] ?? entity), options)) return false;
  }
  const required = REQUIRED.get(tag);
  return !required || seen.has(required);
}

/** HTML with everything outside the allowlist removed, and what was removed. */
export function sanitize(html: string, options: SanitizeOptions = {}): Sanitized {
  if (alreadyClean(html, options)) return { html, removals: [] };
  const removals: Removal[] = [];
  // Comments and declarations never reach readers (an editor's note could leak).
  for (const match of html.matchAll(/<(!--|![a-z[]|\?)/gi)) {
    removals.push({ what: match[1] === "!--" ? "an HTML comment" : `a markup declaration (<${match[1]})`, needles: [`<${match[1]}`] });
  }
  const clean = sanitizeHtml(html, libraryOptions(options, removals));
  return { html: clean, removals };
}

/** 1-based line of the first needle found in `text` at or after line `from`, else `from`. */
export function lineOfRemoval(text: string, removal: Removal, from = 1): number {
  let offset = 0;
  for (let line = 1; line < from && offset !== -1; line++) offset = text.indexOf("\n", offset) + 1 || -1;
  if (offset === -1) return from;
  const lower = text.toLowerCase();
  for (const needle of removal.needles) {
    const at = lower.indexOf(needle.toLowerCase(), offset);
    if (at !== -1) return from + countLines(text, offset, at);
  }
  return from;
}

function countLines(text: string, start: number, end: number): number {
  let lines = 0;
  for (let at = text.indexOf("\n", start); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}
