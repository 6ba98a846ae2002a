import type { UserConfig } from "@11ty/eleventy";
import type { Site } from "../articles/site-data.ts";
import { fromIso, memoised, parseDateTime, readableCalendarDate, readableDate, readableDay } from "./dates.ts";

/** Date filters in the site's timezone, and Eleventy's `page.date` read in it; returns the formatter story pages use too. */
export function dateFilters(eleventyConfig: UserConfig, site: { current(): Site; loaded(): Site | undefined }): { readableDate(iso: string): string } {
  // page.date in the site's timezone, never a front-matter time read as UTC.
  eleventyConfig.addDateParsing(function (value) {
    const loaded = site.loaded();
    if (typeof value !== "string" || !loaded) return undefined;
    const parsed = parseDateTime(value, loaded.timezone);
    return parsed.ok ? parsed.value : undefined;
  });

  // Memoised per build (the zone may change between builds in watch mode).
  let formatters: { date: (iso: string) => string; day: (iso: string) => string; site: Site } | undefined;
  const format = () => {
    const current = site.current();
    if (formatters?.site !== current) {
      formatters = {
        site: current,
        date: memoised((iso) => readableDate(fromIso(iso), current.timezone, current.timezoneLabel)),
        day: memoised((iso) => readableDay(fromIso(iso), current.timezone)),
      };
    }
    return formatters;
  };
  eleventyConfig.addFilter("readableDate", (iso: string) => format().date(iso));
  eleventyConfig.addFilter("readableDay", (iso: string) => format().day(iso));
  eleventyConfig.addFilter("readableCalendarDate", readableCalendarDate);
  return { readableDate: (iso) => format().date(iso) };
}
