import type { UserConfig } from "@11ty/eleventy";
import broadsheet from "./src/plugin.ts";

export default function (eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(broadsheet);
  // Static files (CSS, images, robots.txt) are copied as they are to the site root.
  eleventyConfig.addPassthroughCopy({ public: "/" });
}

export const config = {
  dir: { input: "src/content", includes: "../../_includes", data: "../../_data" },
  templateFormats: ["md", "njk"],
  markdownTemplateEngine: "njk",
  htmlTemplateEngine: "njk",
};
