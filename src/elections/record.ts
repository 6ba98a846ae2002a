import type { HexLayout } from "./charts/index.ts";
import type { Majority } from "./majority.ts";
import type { PartyOrder } from "./order.ts";
import type { ElectionData, Organisation, PartyKind, Share, Source } from "./schema.ts";

/** A line against the previous election: seats gained or lost, swing in points, or new. */
export type Change = { isNew: true } | { isNew: false; seats?: number; swing?: number };

/** A party's line in one stage, with the party's names and colour filled in. */
export interface ResultRecord {
  party: string;
  name: string;
  shortName: string;
  colour: string;
  kind: PartyKind;
  votes?: number;
  share?: Share;
  /** Decimals the share was published with ("2.0": 1). */
  decimals?: number;
  /** All seats, when known. */
  seats?: number;
  seatsByMethod?: Partial<Record<string, number>>;
  /** Against the previous election, when the file names one (see withChanges). */
  change?: Change;
}

export interface StageRecord {
  kind: string;
  label: string;
  complete: boolean;
  /** Timed after "now": only a preview build has it (see releaseStages). */
  scheduled: boolean;
  time: string;
  /** Who published the figures, as readers see it: "A, B and C". */
  source: string;
  sources: SourceRecord[];
  /** Seats are projections (an exit poll's), not declared. */
  projected: boolean;
  /** A partial count: how many seats (or districts) are declared, of how many. */
  declared?: { count: number; of: number; unit: string };
  turnout?: number;
  turnoutDecimals?: number;
  turnoutSource?: string;
  turnoutSources?: SourceRecord[];
  ballots?: number;
  validVotes?: number;
  /** Results in the election's order: every chart and table of the stage shows them so. */
  results: ResultRecord[];
  /** The largest party's majority, or none, once the seats tell. */
  majority?: Majority;
}

/** A checked election file as templates and figures see it. */
export interface ElectionRecord {
  id: string;
  url: string;
  name: string;
  country: string;
  date: string;
  /** IANA zone stage times are shown in; the site's when undefined. */
  timezone?: string;
  timezoneLabel?: string;
  previous?: string;
  order: PartyOrder;
  chamber: ElectionData["chamber"];
  parties: ElectionData["parties"];
  stages: StageRecord[];
  /** The newest stage: what a results box shows. */
  latest: StageRecord;
  /** Results by region (`_data/regions/<id>.json`), when there are any. */
  regions?: RegionsRecord;
}

export const electionUrl = (id: string) => `/elections/${id}/`;

/** An organisation that published figures, as records hold it. */
export interface SourceRecord {
  name: string;
  url?: string;
}

/** A stage's source as a list of organisations. */
export const organisations = (source: Source): SourceRecord[] =>
  (Array.isArray(source) ? source : [source]).map((o: Organisation) => (typeof o === "string" ? { name: o } : { name: o.name, ...(o.url ? { url: o.url } : {}) }));

/** "A", "A and B", "A, B and C". */
export const names = (sources: readonly SourceRecord[]) => {
  const all = sources.map((s) => s.name);
  return all.length <= 1 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
};

/** One region's figures at one time, with the region's name. */
export interface RegionResultRecord {
  region: string;
  name: string;
  code: string;
  turnout?: number;
  turnoutDecimals?: number;
  shares?: Record<string, number>;
  seats?: Record<string, number>;
  winner?: string;
}

export interface RegionStageRecord {
  label: string;
  time: string;
  source: string;
  sources: SourceRecord[];
  scheduled: boolean;
  turnout?: number;
  turnoutDecimals?: number;
  /** In the regions file's order of `regions`. */
  results: RegionResultRecord[];
}

/** An election's results by region, as the region page and figures see them. */
export interface RegionsRecord {
  url: string;
  map: HexLayout;
  /** Each region's name and the code shown in its map tile. */
  regions: Record<string, { name: string; code: string }>;
  stages: RegionStageRecord[];
}
