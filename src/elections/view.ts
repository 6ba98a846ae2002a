import { needsOutline } from "./charts/colour.ts";
import { barListHtml, escapeXml, hemicycleSvg } from "./charts/index.ts";
import type { Change, ElectionRecord, ResultRecord, StageRecord } from "./record.ts";
import { formatCount, formatPercent } from "./figures.ts";

const METHOD_LABELS: Record<string, string> = {
  "party-list": "List",
  "single-member-districts": "Districts",
  appointed: "Appointed",
  other: "Other",
};

/** Column headings short enough for a phone, with the full label in an `<abbr>` title; none where the label is short already. */
const METHOD_SHORT: Record<string, string> = { "single-member-districts": "Dist." };

/** A short column heading for a way of filling seats, or "" when its label is short already. */
export function seatMethodShort(method: string): string {
  return METHOD_SHORT[method] ?? "";
}

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

/** The first party line in the stage's order (most seats, else most votes): what a timeline names. */
function leader(stage: StageRecord): ResultRecord | undefined {
  return stage.results.find((r) => (r.kind === "party" || r.kind === "independents") && (r.share !== undefined || r.seats !== undefined));
}

const MINUS = "\u2212";
const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text.replace(/^-/, "")}` : text);

/** "+8", "−14", "0", "new"; empty when there is nothing to compare. */
export function seatChangeText(change: Change | undefined): string {
  if (!change) return "";
  if (change.isNew) return "new";
  return change.seats === undefined ? "" : signed(change.seats, String(change.seats));
}

/** Swing in points, one decimal: "+5.6", "−17.2", "new"; empty when there is nothing to compare. */
export function swingText(change: Change | undefined): string {
  if (!change) return "";
  if (change.isNew) return "new";
  if (change.swing === undefined) return "";
  // Signed by the figure shown: a swing of -0.04 points reads "0.0", not "−0.0".
  const shown = Number(change.swing.toFixed(1));
  return signed(shown, Math.abs(shown).toFixed(1));
}

/** Whether any line of the stage has a change to show: the tables' change column. */
export const hasChange = (stage: StageRecord, field: "seats" | "swing") => stage.results.some((r) => (field === "seats" ? seatChangeText(r.change) : swingText(r.change)) !== "");

/** "Amanat: majority of 26", "Labour Party: projected majority of 170", "No overall majority"; empty until the seats tell. */
export function majorityText(election: ElectionRecord, stage: StageRecord): string {
  const majority = stage.majority;
  if (!majority) return "";
  if (majority.kind === "none") return stage.projected ? "No overall majority projected" : "No overall majority";
  const name = election.parties[majority.party]?.name ?? majority.party;
  return `${name}: ${stage.projected ? "projected " : ""}majority of ${majority.atLeast ? "at least " : ""}${formatCount(majority.margin)}`;
}

/** "600 of 650 seats declared"; empty for a stage that does not say. */
export function declaredText(stage: StageRecord): string {
  return stage.declared ? `${formatCount(stage.declared.count)} of ${formatCount(stage.declared.of)} ${stage.declared.unit} declared` : "";
}

/**
 * One line for the timeline: the leading party's share and seats (projected ones said
 * so), and after the exit poll the exit poll's share beside the count's.
 */
export function stageSummary(election: ElectionRecord, stage: StageRecord): string {
  const first = leader(stage);
  if (!first) return "";
  const figures = [
    ...(first.share !== undefined ? [formatPercent(first.share, first.decimals)] : []),
    ...(first.seats !== undefined ? [`${formatCount(first.seats)} ${stage.projected ? "projected " : ""}${first.seats === 1 ? "seat" : "seats"}`] : []),
  ];
  const poll = stage.kind === "exit-poll" ? undefined : election.stages.find((s) => s.kind === "exit-poll" && Date.parse(s.time) <= Date.parse(stage.time));
  const polled = poll?.results.find((r) => r.party === first.party);
  const pollFigures = [
    ...(polled?.share !== undefined && first.share !== undefined ? [formatPercent(polled.share, polled.decimals)] : []),
    ...(polled?.seats !== undefined && first.seats !== undefined ? [`${formatCount(polled.seats)} projected ${polled.seats === 1 ? "seat" : "seats"}`] : []),
  ];
  const beside = poll && pollFigures.length > 0 ? ` (${poll.label.toLowerCase()}: ${pollFigures.join(", ")})` : "";
  return `${first.name} ${figures.join(", ")}${beside}.`;
}

/** The shares bar chart of one stage, in the stage's order, with the threshold and each party's swing. */
export function sharesChart(election: ElectionRecord, stage: StageRecord): string {
  const bars = stage.results.flatMap((r) =>
    r.share === undefined ? [] : [{ id: r.party, label: r.shortName, colour: r.colour, share: r.share, ...(r.decimals !== undefined ? { decimals: r.decimals } : {}), note: swingText(r.change) }],
  );
  const label = `Share of the vote: ${stage.label.toLowerCase()}. ${stage.results
    .flatMap((r) => (r.share === undefined ? [] : [`${r.shortName} ${formatPercent(r.share, r.decimals)}${swingText(r.change) ? ` (${swingText(r.change)})` : ""}`]))
    .join(", ")}`;
  return barListHtml(bars, { label, ...(election.chamber.threshold !== undefined ? { threshold: election.chamber.threshold } : {}) });
}

/** The hemicycle of one stage, parties from the left in the stage's order, undeclared seats empty; its key is page text. */
export function seatsChart(election: ElectionRecord, stage: StageRecord): string {
  const groups = stage.results.flatMap((r) => (r.seats ? [{ id: r.party, label: r.shortName, colour: r.colour, seats: r.seats }] : []));
  const { seats, majority } = election.chamber;
  const declared = groups.reduce((sum, g) => sum + g.seats, 0);
  const svg = hemicycleSvg(groups, seats, {
    majority,
    titleId: `seats-title-${election.id}`,
    descId: `seats-desc-${election.id}`,
    title: `Seats in the ${election.chamber.name}: ${stage.label.toLowerCase()}`,
    description: `${seats} seats, ${majority} for a majority. ${groups.map((g) => `${g.label} ${g.seats}`).join(", ")}.`,
  });
  const swatch = (colour: string | undefined) =>
    colour === undefined
      ? `<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="11" height="11" fill="none" stroke="currentColor"/></svg>`
      : `<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="11" height="11" fill="${escapeXml(colour)}" stroke="currentColor"${needsOutline(colour) ? "" : ' stroke-opacity="0.35"'}/></svg>`;
  const keys = [
    ...stage.results.flatMap((r) => {
      if (!r.seats) return [];
      const change = seatChangeText(r.change);
      return [`<li>${swatch(r.colour)}<span class="seat-key__name">${escapeXml(r.shortName)}</span> <strong>${formatCount(r.seats)}</strong>${change ? ` <span class="seat-key__change">${change}</span>` : ""}</li>`];
    }),
    ...(declared < seats ? [`<li>${swatch(undefined)}<span class="seat-key__name">Not yet declared</span> <strong>${formatCount(seats - declared)}</strong></li>`] : []),
  ];
  return [
    `<p class="seat-key__head" aria-hidden="true">${formatCount(seats)} seats; ${formatCount(majority)} for a majority (the line at the top)</p>`,
    svg,
    `<ul class="seat-key" aria-hidden="true">`,
    ...keys,
    "</ul>",
  ].join("\n");
}
