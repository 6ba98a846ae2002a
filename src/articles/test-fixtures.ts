import { DateTime } from "luxon";
import { DEFAULT_RELATED_CONFIG } from "../related/index.ts";
import type { ArticleSource } from "./load.ts";
import type { SiteData } from "./site-data.ts";

/** A small site for tests: Astana time, two sections, three topics, one author. */
export const siteData: SiteData = {
  site: {
    name: "Test Gazette",
    url: "https://gazette.example",
    language: "en-GB",
    description: "Test site.",
    timezone: "Asia/Almaty",
    timezoneLabel: "Astana time",
    pageSize: 2,
    latestCount: 5,
    logo: { src: "/images/logo.png", width: 600, height: 60 },
    defaultImage: { src: "/images/social-default.jpg", width: 1200, height: 630, alt: "Test Gazette" },
    unfinishedMarkers: ["TODO", "TK"],
  },
  sections: { asia: { name: "Asia", description: "Asia." }, world: { name: "World", description: "World." } },
  topics: {
    kazakhstan: { name: "Kazakhstan", description: "K.", aliases: [] },
    elections: { name: "Elections", description: "E.", aliases: [] },
    "central-asia": { name: "Central Asia", description: "C.", aliases: [] },
  },
  authors: { "aigerim-sadykova": { name: "Aigerim Sadykova", role: "Correspondent", bio: "Bio." } },
  related: DEFAULT_RELATED_CONFIG,
};

export const NOW = DateTime.fromISO("2023-04-01T12:00:00+06:00", { setZone: true });

/** An article file with valid front matter; `fields` replaces or (with undefined) removes lines. */
export function articleSource(slug: string, fields: Record<string, string | undefined> = {}, body = "Body text.\n"): ArticleSource {
  const defaults: Record<string, string | undefined> = {
    title: `"Story ${slug}"`,
    summary: '"A one-sentence standfirst."',
    date: '"2023-03-19T21:40:00+06:00"',
    section: "asia",
    topics: "[kazakhstan, elections]",
    credit: "Reuters",
  };
  const lines = Object.entries({ ...defaults, ...fields })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return { inputPath: `./src/content/articles/${slug}.md`, text: `---\n${lines.join("\n")}\n---\n${body}` };
}
