import { IANAZone } from "luxon";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase id such as "ak-zhol"');
const text = z.string().trim().min(1, "must not be empty");
const count = z.number().int("expected a whole number").min(0, "must not be negative");
const percent = z.number().min(0, "expected a percentage from 0 to 100").max(100, "expected a percentage from 0 to 100");

/** How seats are filled; a chamber may use several. */
export const SEAT_METHODS = ["party-list", "single-member-districts", "appointed", "other"] as const;

/** A share of the vote: one figure (53.9) or a range from an exit poll ([53, 54]). */
export const shareSchema = z.union([
  percent,
  z
    .tuple([percent, percent])
    .refine(([low, high]) => low < high, "a range is [low, high] with low below high, such as [53, 54]"),
]);

export const partySchema = z.strictObject({
  name: text.describe("Full name, as in tables"),
  shortName: text.describe("Short name for charts and tight spaces"),
  colour: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'expected a colour as "#rrggbb", such as "#1f5aa6"'),
  kind: z
    .enum(["party", "independents", "others", "against-all", "appointed"])
    .default("party")
    .describe("independents win seats without a list; others groups small parties; against-all takes votes but no seats; appointed fills seats without votes"),
  predecessor: z
    .union([slug, z.array(slug).min(1, "expected at least one party id")])
    .optional()
    .describe("The party id (or ids, for a merger) in the previous election this party is compared with; by default its own id"),
});

export const resultSchema = z.strictObject({
  party: slug.describe("A key of parties"),
  votes: count.optional(),
  share: shareSchema.optional().describe("Percent of valid votes, or [low, high] for a range"),
  seats: z
    .union([count, z.partialRecord(z.enum(SEAT_METHODS), count)])
    .optional()
    .describe("Total seats, or seats by method; leave out while unknown"),
});

export const STAGE_LABELS: Record<string, string> = {
  "exit-poll": "Exit poll",
  partial: "Partial count",
  preliminary: "Preliminary results",
  final: "Final results",
};

/** An organisation that published figures: its name, or its name and web address. */
export const organisationSchema = z.union([
  text,
  z.strictObject({
    name: text.describe("The organisation's name"),
    url: z.url({ protocol: /^https?$/, error: 'expected a web address such as "https://www.election.gov.kz"' }).optional(),
  }),
]);

/** Who published a stage's figures: one organisation, or several (three exit polls summed up as a range). */
export const sourceSchema = z.union([organisationSchema, z.array(organisationSchema).min(1, "expected at least one organisation")]);

/** How a partial count says how far it has got: "600 of 650 seats declared". */
export const declaredSchema = z.strictObject({
  count: count.describe("How many are declared"),
  of: count.min(1, "expected how many there are in all").optional().describe("How many there are in all; the chamber's seats by default"),
  unit: text.default("seats").describe('What is counted: "seats" (default), "districts", "constituencies"...'),
});

export const stageSchema = z.strictObject({
  kind: slug.describe("exit-poll, partial, preliminary, final, or another kind with a label"),
  label: text.optional().describe("How readers see the stage; known kinds have one already"),
  complete: z.boolean().optional().describe("Results cover every party; true by default for preliminary and final"),
  time: z.iso.datetime({ offset: true, error: 'expected a date-time with its UTC offset, such as "2023-03-20T10:00:00+06:00"' }),
  source: sourceSchema.describe("Who published these figures: an organisation's name, or { name, url }"),
  projected: z.boolean().optional().describe("Seats are projections, not declared results; true by default for exit polls"),
  declared: declaredSchema.optional().describe("For a partial count: how many seats (or districts) are declared"),
  turnout: percent.optional().describe("Percent of registered voters who cast a ballot"),
  turnoutSource: sourceSchema.optional().describe("Who published the turnout, if not the stage's source"),
  ballots: count.optional().describe("Every ballot cast, invalid ones included"),
  validVotes: count.optional().describe("Valid votes: the base of the shares"),
  results: z.array(resultSchema).default([]),
});

export const electionSchema = z.strictObject({
  $schema: z.string().optional(),
  name: text.describe("Headline name of the election"),
  country: text,
  date: z.iso.date({ error: 'expected the polling day as "yyyy-mm-dd"' }),
  timezone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone such as "Asia/Almaty" or "Europe/London"')
    .optional()
    .describe("Where stage times are shown in; the site's time zone by default"),
  timezoneLabel: text.optional().describe('How readers see the zone, such as "Astana time"; the UTC offset by default'),
  previous: slug.optional().describe("The id of the previous election of this chamber, to show seat changes and share swings"),
  order: z
    .enum(["seats", "votes", "file"], { error: 'expected "seats", "votes" or "file"' })
    .default("seats")
    .describe("Party order in charts and tables: by seats then votes (default), by votes then seats, or as in the file; others and against-all go last"),
  chamber: z.strictObject({
    name: text,
    seats: count.min(1, "a chamber has at least one seat"),
    majority: count.min(1, "expected the seats needed for a majority"),
    threshold: percent.optional().describe("Percent of the vote a party list needs to win seats"),
    electorate: count.min(1, "expected the number of registered voters"),
    allocation: z
      .array(z.strictObject({ method: z.enum(SEAT_METHODS), seats: count, description: text.optional() }))
      .min(1, "expected at least one way seats are filled"),
  }),
  parties: z.record(slug, partySchema),
  stages: z.array(stageSchema).min(1, "expected at least one stage of the count"),
});

export type ElectionData = z.output<typeof electionSchema>;
export type Stage = ElectionData["stages"][number];
export type Result = Stage["results"][number];
export type Share = z.output<typeof shareSchema>;
export type Source = z.output<typeof sourceSchema>;
export type Organisation = z.output<typeof organisationSchema>;
export type PartyKind = z.output<typeof partySchema>["kind"];
