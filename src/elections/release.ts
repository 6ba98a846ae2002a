import type { DateTime } from "luxon";
import { fromIso } from "../dates/dates.ts";
import type { ElectionRecord } from "./record.ts";

/**
 * Stages timed after `now` (results loaded in advance, under embargo) are held
 * back like scheduled stories: left out of a production build, and an election
 * with no stage due yet is left out whole (no results page, no results box);
 * a preview build keeps them, marked `scheduled`, for a banner.
 */
export function releaseStages(elections: Readonly<Record<string, ElectionRecord>>, now: DateTime, preview: boolean): Record<string, ElectionRecord> {
  const released: Record<string, ElectionRecord> = {};
  const nowMs = now.toMillis();
  for (const [id, election] of Object.entries(elections)) {
    const stages = election.stages.map((stage) => ({ ...stage, scheduled: fromIso(stage.time).toMillis() > nowMs })).filter((stage) => preview || !stage.scheduled);
    const latest = stages.at(-1);
    if (!latest) continue;
    // Results by region are held back the same way; an election with none due shows no region page.
    const { regions, ...rest } = election;
    const regionStages = regions?.stages.map((stage) => ({ ...stage, scheduled: fromIso(stage.time).toMillis() > nowMs })).filter((stage) => preview || !stage.scheduled);
    released[id] = { ...rest, stages, latest, ...(regions && regionStages?.length ? { regions: { ...regions, stages: regionStages } } : {}) };
  }
  return released;
}
