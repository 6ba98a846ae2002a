// Story pages: the article layout and the URL from the story's record. Bodies are Markdown only:
// Broadsheet expands their own tags ({% readmore %}, {% figure %}, {% factbox %}) before Markdown runs.
export default {
  layout: "layouts/article.njk",
  templateEngineOverride: "md",
  permalink: (data) => data.news.byInputPath[data.page.inputPath]?.url ?? false,
};
