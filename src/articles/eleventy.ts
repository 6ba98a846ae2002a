import type { UserConfig } from "@11ty/eleventy";
import type { BuildState } from "./build-news.ts";
import { sectionUrl, topicUrl } from "./listing.ts";
import { factboxHtml, readMoreHtml } from "./shortcodes.ts";
import { figure } from "../elections/figures.ts";
import { DEFAULT_EMBEDS } from "../html/embeds.ts";
import { createMarkdown, renderStoryBody, type StoryBody } from "../html/story-body.ts";
import { pictureHtml, type PictureContext } from "../images/pictures.ts";

/**
 * Story bodies and the tags editors write in them (READ MORE, figures, fact boxes), the same
 * for Nunjucks pages; the listing and picture filters. Returns what makes a story's body HTML.
 */
export function storyFilters(eleventyConfig: UserConfig, state: () => BuildState, articlesDir: string): (article: { body: string; inputPath: string }) => StoryBody {
  eleventyConfig.addFilter("picture", (image: { src: string; alt: string } | undefined, context: PictureContext, alt?: string, className?: string) => {
    const metadata = image && state().pictures.get(image.src);
    if (!image || !metadata) return "";
    return pictureHtml(metadata, alt ?? image.alt, context, className);
  });
  eleventyConfig.addFilter("sectionUrl", sectionUrl);
  eleventyConfig.addFilter("topicUrl", topicUrl);

  // Stories given to Eleventy as virtual templates (tests) are rendered by Broadsheet too, not by Eleventy.
  eleventyConfig.addPreprocessor("stories", "md", function () {
    return this.inputPath.startsWith(articlesDir) ? false : undefined;
  });

  const readMore = (slug: string, inputPath: string) => {
    const target = state().news.bySlug[slug];
    if (!target) throw new Error(`${inputPath}: READ MORE: no published story has the slug "${slug}"`);
    return readMoreHtml(target);
  };
  const figureText = (args: string[], inputPath: string) => {
    const result = figure(state().news.elections, args);
    if (!result.ok) throw new Error(`${inputPath}: figure: ${result.message}`);
    return result.text;
  };
  // The same tags for other pages (an About page, say), which Nunjucks renders.
  eleventyConfig.addShortcode("readmore", function (slug: string) {
    return readMore(slug, this.page.inputPath);
  });
  eleventyConfig.addShortcode("figure", function (...args: string[]) {
    return figureText(args, this.page.inputPath);
  });
  eleventyConfig.addPairedShortcode("factbox", factboxHtml);

  // One Markdown library and one path to HTML (tags, Markdown, sanitizer) for story pages and feeds.
  const markdown = createMarkdown();
  eleventyConfig.setLibrary("md", markdown);
  return (article) =>
    renderStoryBody(
      markdown,
      article.body,
      { readmore: (slug) => readMore(slug, article.inputPath), figure: (args) => figureText(args, article.inputPath), factbox: factboxHtml },
      state().data.site.embeds ?? DEFAULT_EMBEDS,
    );
}
