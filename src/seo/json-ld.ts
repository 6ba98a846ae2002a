import type { ArticleRecord } from "../articles/load.ts";
import type { Authors, Site } from "../articles/site-data.ts";

/** JSON for a `<script type="application/ld+json">`: `<` is escaped so text can never close the script. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** schema.org NewsArticle for one story: the fields search engines read for news. */
export function newsArticle(article: ArticleRecord, site: Site, authors: Authors): Record<string, unknown> {
  const url = new URL(article.url, site.url).href;
  const people = article.byline.map((id) => ({ "@type": "Person", name: authors[id]?.name ?? id }));
  const agency = article.credit ? [{ "@type": "Organization", name: article.credit }] : [];
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    mainEntityOfPage: url,
    url,
    articleSection: article.section,
    keywords: article.topics,
    author: [...people, ...agency],
    publisher: { "@type": "Organization", name: site.name, url: site.url },
    ...(article.image
      ? {
          image: {
            "@type": "ImageObject",
            url: new URL(article.image.src, site.url).href,
            width: article.image.width,
            height: article.image.height,
            ...(article.image.caption ? { caption: article.image.caption } : {}),
            ...(article.image.credit ? { creditText: article.image.credit } : {}),
          },
        }
      : {}),
  };
}
