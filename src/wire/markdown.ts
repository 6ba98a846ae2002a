import TurndownService from "turndown";
import { sanitize } from "../html/sanitize.ts";

/** Elements whose content never belongs in a story's text: scripts, embeds, inline media. */
const DROPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "IFRAME", "OBJECT", "EMBED", "FORM", "BUTTON", "IMG", "PICTURE", "VIDEO", "AUDIO", "SVG", "CANVAS"]);

function createService(): TurndownService {
  const service = new TurndownService({ headingStyle: "atx", hr: "---", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "*", strongDelimiter: "**" });
  // A rule, not remove(): the CommonMark rules (img) come before removals.
  service.addRule("dropped", { filter: (node) => DROPPED.has(node.nodeName.toUpperCase()), replacement: () => "" });
  // Links that lead nowhere on our site (relative, javascript:) keep their text only.
  service.addRule("foreignLinks", {
    filter: (node) => node.nodeName === "A" && !/^(https?:|mailto:)/i.test(node.getAttribute("href") ?? ""),
    replacement: (content) => content,
  });
  const escapeMarkdown = service.escape.bind(service);
  // Our Markdown allows raw HTML, so wire text such as "<script>" or "&copy;" must stay text.
  service.escape = (text: string) => escapeMarkdown(text).replace(/</g, "\\<").replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
  return service;
}

let service: TurndownService | undefined;

/**
 * A wire body in HTML as our Markdown: paragraphs, subheadings, lists, quotes
 * and links kept; scripts, embeds and inline images dropped; text that HTML,
 * Markdown or Broadsheet's story tags (`{%`) would run stays text. The HTML is
 * sanitized first, so turndown never sees what the allowlist refuses; `removed`
 * hears of the scripts, handlers and links that were taken out.
 */
export function htmlToMarkdown(html: string, removed?: (what: string[]) => void): string {
  service ??= createService();
  const clean = sanitize(html);
  // Wrappers (div, span) and their classes are routine in wire HTML; code, handlers and URLs are worth a word.
  const notable = clean.removals.map((removal) => removal.what).filter((what) => /with its content|^(on[a-z]+|href|src)=/.test(what));
  if (notable.length > 0) removed?.(notable);
  const markdown = service
    .turndown(clean.html)
    // "-   item" is turndown's list indent; one space is how our stories are written.
    .replace(/^(\s*)([-*]|\d+\.) {2,}/gm, "$1$2 ")
    // Templates run before Markdown: an entity keeps `{{` and `{%` from being read as template code.
    .replace(/\{(?=[{%#])/g, "&#123;")
    .trim();
  return `${markdown}\n`;
}
