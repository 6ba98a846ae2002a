import { escapeMarkup } from "../markup.ts";
import { ARGUMENT, FIGURE } from "../elections/figures.ts";
import { EMBED } from "../html/embeds.ts";
import { READ_MORE } from "./load.ts";

/** How each of the body's tags becomes HTML or text; see the README, "In the body". */
export interface ShortcodeRenderers {
  readmore(slug: string): string;
  figure(args: string[]): string;
  factbox(content: string, title: string): string;
  embed(url: string): string;
}

const FACTBOX = /\{%\s*factbox\s+(["'])(.*?)\1\s*%\}([\s\S]*?)\{%\s*endfactbox\s*%\}/g;

/**
 * Expands the tags a story body may hold (`{% readmore %}`, `{% figure %}`,
 * `{% embed %}`, `{% factbox %}...{% endfactbox %}`) before Markdown runs, as Nunjucks would,
 * whitespace control (`{%-`, `-%}`) included. Story bodies are not run through
 * a template language otherwise: that cost a tenth of a large build, and any
 * other braces an editor types are shown as typed.
 */
export function expandShortcodes(body: string, render: ShortcodeRenderers): string {
  const trimmed = body.replace(/\s*\{%-/g, "{%").replace(/-%\}\s*/g, "%}");
  const inline = trimmed
    .replace(READ_MORE, (_tag, _quote: string, slug: string) => render.readmore(slug))
    .replace(FIGURE, (_tag, args: string) => render.figure([...args.matchAll(ARGUMENT)].map((arg) => arg[1] ?? arg[2] ?? "")))
    .replace(EMBED, (_tag, _quote: string, url: string) => render.embed(url));
  return inline.replace(FACTBOX, (_tag, _quote: string, title: string, content: string) => render.factbox(content, title));
}

/** A READ MORE line: a paragraph linking to the story. */
export function readMoreHtml(target: { url: string; title: string }): string {
  return `<p class="read-more-link"><strong>READ MORE:</strong> <a href="${target.url}">${escapeMarkup(target.title)}</a></p>`;
}

/** A key-facts box; the blank lines around the content let Markdown render it inside the box. */
export function factboxHtml(content: string, title: string): string {
  const id = `factbox-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return `<aside class="factbox" aria-labelledby="${id}">\n<h2 id="${id}">${escapeMarkup(title)}</h2>\n\n${content.trim()}\n\n</aside>`;
}
