import { readFileSync } from "node:fs";
import markdownIt from "markdown-it";
import type { Problem } from "../articles/front-matter.ts";
import { expandShortcodes, factboxHtml, type ShortcodeRenderers } from "../articles/shortcodes.ts";
import { embedHtml, frameOrigins, resolveEmbed, type Embed, type EmbedProviders } from "./embeds.ts";
import { lineOfRemoval, sanitize, type Removal } from "./sanitize.ts";

type Markdown = ReturnType<typeof markdownIt>;

/** Raw HTML is allowed in bodies (and then sanitized): Eleventy's default, without indented code. */
export function createMarkdown(): Markdown {
  return markdownIt({ html: true });
}

export interface StoryBody {
  html: string;
  removals: Removal[];
  /** The embeds the body holds, for the page's CSP and script. */
  embeds: Embed[];
  /** `{% embed %}` URLs that cannot be embedded, and why. */
  embedErrors: { url: string; message: string }[];
}

/** Time spent sanitizing in this process, for the benchmark. */
export const sanitizeTime = { ms: 0, bodies: 0 };

/**
 * A story body as readers get it: Broadsheet's tags expanded, Markdown
 * rendered, then sanitized, so raw HTML and the tags' markup pass one allowlist.
 */
export function renderStoryBody(markdown: Markdown, body: string, renderers: Omit<ShortcodeRenderers, "embed">, providers: EmbedProviders): StoryBody {
  const embeds: Embed[] = [];
  const embedErrors: StoryBody["embedErrors"] = [];
  const expanded = expandShortcodes(body, {
    ...renderers,
    embed: (url) => {
      const result = resolveEmbed(url, providers);
      if (!result.ok) {
        embedErrors.push({ url, message: result.message });
        return "";
      }
      embeds.push(result.embed);
      return embedHtml(result.embed);
    },
  });
  const rendered = markdown.render(expanded);
  const started = performance.now();
  const { html, removals } = sanitize(rendered, { frameOrigins: frameOrigins(providers) });
  sanitizeTime.ms += performance.now() - started;
  sanitizeTime.bodies++;
  return { html, removals, embeds, embedErrors };
}

/** Tags replaced by harmless stand-ins, for `npm run check`, which resolves no links or figures. */
export const PLACEHOLDERS: Omit<ShortcodeRenderers, "embed"> = {
  readmore: () => '<p class="read-more-link"><strong>READ MORE:</strong> <a href="/">story</a></p>',
  figure: () => "0",
  factbox: factboxHtml,
};

/** The story file's text (given, or read), to find lines in; the body alone when there is none. */
function sourceText(inputPath: string, body: string, given?: string): { text: string; bodyLine: number } {
  try {
    const text = given ?? readFileSync(inputPath, "utf8");
    const at = text.lastIndexOf(body);
    return { text, bodyLine: at === -1 ? 1 : text.slice(0, at).split("\n").length };
  } catch {
    return { text: body, bodyLine: 1 };
  }
}

/**
 * The body's problems as `file:line` reports: sanitizer removals (warnings)
 * and embeds that cannot be made (errors). Reads the file only when there is
 * something to report.
 */
export function bodyReports(inputPath: string, body: string, result: StoryBody, text?: string): { warnings: Problem[]; errors: Problem[] } {
  if (result.removals.length === 0 && result.embedErrors.length === 0) return { warnings: [], errors: [] };
  const file = inputPath.replace(/^\.\//, "");
  const source = sourceText(inputPath, body, text);
  const warnings = result.removals.map((removal) => ({
    file,
    line: lineOfRemoval(source.text, removal, source.bodyLine),
    field: "html",
    message: `removed ${removal.what}: not allowed in a story (see docs/stories.md)`,
  }));
  const errors = result.embedErrors.map(({ url, message }) => ({
    file,
    line: lineOfRemoval(source.text, { what: "", needles: [url] }, source.bodyLine),
    field: "embed",
    message,
  }));
  return { warnings, errors };
}

/** Every story body rendered with stand-ins for its tags and sanitized, for `npm run check`: what the build would remove or refuse. */
export function checkBodies(articles: readonly { inputPath: string; body: string }[], providers: EmbedProviders): { warnings: Problem[]; errors: Problem[] } {
  const markdown = createMarkdown();
  const warnings: Problem[] = [];
  const errors: Problem[] = [];
  for (const article of articles) {
    const reports = bodyReports(article.inputPath, article.body, renderStoryBody(markdown, article.body, PLACEHOLDERS, providers));
    warnings.push(...reports.warnings);
    errors.push(...reports.errors);
  }
  return { warnings, errors };
}
