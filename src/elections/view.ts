import { barChartSvg, hemicycleSvg, shareText } from "./charts/index.ts";
import type { ElectionRecord, ResultRecord, StageRecord } from "./load.ts";

const METHOD_LABELS: Record<string, string> = {
  "party-list": "Party list",
  "single-member-districts": "Districts",
  appointed: "Appointed",
  other: "Other",
};

/** Column heading for a way of filling seats. */
export function seatMethodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method;
}

/** The newest stage with any shares (or seats): exit polls have shares, seats come later. */
export function latestWith(election: ElectionRecord, field: "share" | "seats"): StageRecord | undefined {
  return [...election.stages].reverse().find((stage) => stage.results.some((result) => result[field] !== undefined));
}

export const hasVotes = (stage: StageRecord) => stage.results.some((r) => r.votes !== undefined);
export const hasSeats = (stage: StageRecord) => stage.results.some((r) => r.seats !== undefined);

const lowShare = (r: ResultRecord) => (r.share === undefined ? -1 : typeof r.share === "number" ? r.share : r.share[0]);

/** The party line with the largest share, or undefined when no shares are in. */
export function leader(stage: StageRecord): ResultRecord | undefined {
  const best = [...stage.results].filter((r) => r.kind !== "against-all").sort((a, b) => lowShare(b) - lowShare(a))[0];
  return best && best.share !== undefined ? best : undefined;
}

/** The shares bar chart of one stage, with the threshold line. */
export function sharesChart(election: ElectionRecord, stage: StageRecord): string {
  const bars = stage.results.flatMap((r) => (r.share === undefined ? [] : [{ id: r.party, label: r.shortName, colour: r.colour, share: r.share }]));
  return barChartSvg(bars, {
    ...(election.chamber.threshold !== undefined ? { threshold: election.chamber.threshold } : {}),
    titleId: `shares-title-${election.id}`,
    descId: `shares-desc-${election.id}`,
    title: `Share of the vote: ${stage.label.toLowerCase()}`,
    description: bars.map((bar) => `${bar.label} ${shareText(bar.share)}`).join(", "),
  });
}

/** The hemicycle of one stage: parties from the left in file order, undeclared seats empty. */
export function seatsChart(election: ElectionRecord, stage: StageRecord): string {
  const groups = stage.results.flatMap((r) => (r.seats ? [{ id: r.party, label: r.shortName, colour: r.colour, seats: r.seats }] : []));
  const { seats, majority } = election.chamber;
  return hemicycleSvg(groups, seats, {
    majority,
    titleId: `seats-title-${election.id}`,
    descId: `seats-desc-${election.id}`,
    title: `Seats in the ${election.chamber.name}: ${stage.label.toLowerCase()}`,
    description: `${seats} seats, ${majority} for a majority. ${groups.map((g) => `${g.label} ${g.seats}`).join(", ")}.`,
  });
}
