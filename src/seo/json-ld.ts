import { authorUrl } from "../articles/listing.ts";
import type { ArticleRecord } from "../articles/load.ts";
import type { Authors, Site, Topics } from "../articles/site-data.ts";
import type { ElectionRecord } from "../elections/record.ts";

/** JSON for a `<script type="application/ld+json">`: `<` is escaped so text can never close the script. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function publisher(site: Site): Record<string, unknown> {
  return {
    "@type": "NewsMediaOrganization",
    name: site.name,
    url: site.url,
    logo: { "@type": "ImageObject", url: new URL(site.logo.src, site.url).href, width: site.logo.width, height: site.logo.height },
  };
}

/** schema.org Person for an author's page: who they are and whom they write for. */
export function person(key: string, author: Authors[string], site: Site, url: string): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "Person",
    "@id": new URL(`${url}#person`, site.url).href,
    name: author.name,
    jobTitle: author.role,
    description: author.bio,
    url: new URL(url, site.url).href,
    identifier: key,
    ...(author.photo ? { image: { "@type": "ImageObject", url: new URL(author.photo.src, site.url).href, width: author.photo.width, height: author.photo.height } } : {}),
    worksFor: publisher(site),
  };
}

/** schema.org NewsArticle for one story: the fields search engines read for news. */
export function newsArticle(article: ArticleRecord, site: Site, authors: Authors, topics: Topics, sectionName: string): Record<string, unknown> {
  const url = new URL(article.url, site.url).href;
  const people = article.byline.map((id) => ({ "@type": "Person", name: authors[id]?.name ?? id, url: new URL(authorUrl(id), site.url).href }));
  const agency = article.credit ? [{ "@type": "Organization", name: article.credit }] : [];
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    inLanguage: site.language,
    articleSection: sectionName,
    keywords: article.topics.map((id) => topics[id]?.name ?? id),
    author: [...people, ...agency],
    publisher: publisher(site),
    ...(article.image
      ? {
          image: {
            "@type": "ImageObject",
            url: new URL(article.image.rendition?.url ?? article.image.src, site.url).href,
            width: article.image.rendition?.width ?? article.image.width,
            height: article.image.rendition?.height ?? article.image.height,
            ...(article.image.caption ? { caption: article.image.caption } : {}),
            ...(article.image.credit ? { creditText: article.image.credit } : {}),
          },
        }
      : {}),
    ...(article.corrections.length
      ? { correction: article.corrections.map((c) => ({ "@type": "CorrectionComment", text: c.text, datePublished: c.date })) }
      : {}),
  };
}

/** schema.org Dataset for an election results page: what the figures are, who published them, when. */
export function electionDataset(election: ElectionRecord, site: Site): Record<string, unknown> {
  const url = new URL(election.url, site.url).href;
  // One Organization per name; a web address given at any stage is kept.
  const sources = new Map<string, string | undefined>();
  for (const source of election.stages.flatMap((s) => [...s.sources, ...(s.turnoutSources ?? [])])) sources.set(source.name, sources.get(source.name) ?? source.url);
  const results = election.stages.flatMap((s) => s.results);
  const variables = [
    ...(election.stages.some((s) => s.turnout !== undefined) ? ["turnout"] : []),
    ...(results.some((r) => r.share !== undefined) ? ["share of the vote"] : []),
    ...(results.some((r) => r.votes !== undefined) ? ["votes"] : []),
    ...(results.some((r) => r.seats !== undefined) ? ["seats"] : []),
  ];
  return {
    "@context": "https://schema.org",
    "@type": "Dataset",
    name: `${election.name}: results`,
    description: `Results of the ${election.name} for the ${election.chamber.name} (${election.chamber.seats} seats): ${election.stages
      .map((s) => s.label.toLowerCase())
      .join(", ")}. Latest: ${election.latest.label.toLowerCase()}, published by ${election.latest.source}.`,
    url,
    inLanguage: site.language,
    temporalCoverage: election.date,
    spatialCoverage: { "@type": "Place", name: election.country },
    dateModified: election.latest.time,
    creator: [...sources].map(([name, url]) => ({ "@type": "Organization", name, ...(url ? { url } : {}) })),
    publisher: publisher(site),
    isAccessibleForFree: true,
    variableMeasured: variables,
  };
}
