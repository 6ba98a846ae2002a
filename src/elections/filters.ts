import type { UserConfig } from "@11ty/eleventy";
import { DateTime } from "luxon";
import { fromIso, memoised, readableDate } from "../dates/dates.ts";
import { shareText } from "./charts/index.ts";
import { formatCount, formatPercent } from "./figures.ts";
import type { ElectionRecord } from "./record.ts";
import { regionMaps, regionTable } from "./region-view.ts";
import { declaredText, hasChange, hasSeats, hasVotes, latestWith, majorityText, seatChangeText, seatMethodLabel, seatMethodShort, seatsChart, sharesChart, stageSummary, swingText } from "./view.ts";

/** The zone stage times are shown in: the election's own, else the site's. */
export interface ZoneDefault {
  timezone: string;
  timezoneLabel: string;
}

/** "UTC+06:00" at that instant, for an election zone given without a label. */
export function offsetLabel(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat("'UTC'ZZ");
}

/** A stage's time for readers, in the election's time zone (the site's by default). */
export function stageTime(iso: string, election: Pick<ElectionRecord, "timezone" | "timezoneLabel"> | undefined, site: ZoneDefault): string {
  const zone = election?.timezone ?? site.timezone;
  const label = election?.timezoneLabel ?? (election?.timezone ? offsetLabel(iso, zone) : site.timezoneLabel);
  return readableDate(fromIso(iso), zone, label);
}

/** The election filters templates use; `site` is read at render time (it may change between dev-server builds). */
export function registerElectionFilters(eleventyConfig: UserConfig, site: () => ZoneDefault): void {
  let times: { site: ZoneDefault; format: Map<string, (iso: string) => string> } | undefined;
  eleventyConfig.addFilter("stageTime", (iso: string, election?: ElectionRecord) => {
    const current = site();
    if (times?.site !== current) times = { site: current, format: new Map() };
    const key = `${election?.timezone ?? ""}\u0000${election?.timezoneLabel ?? ""}`;
    let format = times.format.get(key);
    if (!format) times.format.set(key, (format = memoised((text) => stageTime(text, election, current))));
    return format(iso);
  });
  eleventyConfig.addFilter("formatPercent", formatPercent);
  eleventyConfig.addFilter("shareText", shareText);
  eleventyConfig.addFilter("formatCount", formatCount);
  eleventyConfig.addFilter("latestWith", latestWith);
  eleventyConfig.addFilter("hasVotes", hasVotes);
  eleventyConfig.addFilter("hasSeats", hasSeats);
  eleventyConfig.addFilter("hasChange", hasChange);
  eleventyConfig.addFilter("seatMethodLabel", seatMethodLabel);
  eleventyConfig.addFilter("seatMethodShort", seatMethodShort);
  eleventyConfig.addFilter("seatChangeText", seatChangeText);
  eleventyConfig.addFilter("swingText", swingText);
  eleventyConfig.addFilter("majorityText", majorityText);
  eleventyConfig.addFilter("declaredText", declaredText);
  eleventyConfig.addFilter("stageSummary", stageSummary);
  eleventyConfig.addFilter("sharesChart", sharesChart);
  eleventyConfig.addFilter("seatsChart", seatsChart);
  eleventyConfig.addFilter("regionMaps", regionMaps);
  eleventyConfig.addFilter("regionTable", regionTable);
}
