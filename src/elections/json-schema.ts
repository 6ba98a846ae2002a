import { z } from "zod";
import { regionsFileSchema } from "./regions.ts";
import { electionSchema } from "./schema.ts";

/** Where the committed JSON Schemas live; data files point at them with "$schema". */
export const ELECTION_SCHEMA_PATH = "schemas/election.schema.json";
export const REGIONS_SCHEMA_PATH = "schemas/regions.schema.json";

function jsonSchema(schema: z.ZodType, title: string, description: string): string {
  return `${JSON.stringify({ ...z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }), title, description }, null, 2)}\n`;
}

/** The JSON Schema editors' tools read, generated from the zod schema the build uses. */
export function electionJsonSchema(): string {
  return jsonSchema(
    electionSchema,
    "Broadsheet election results file",
    "One election: its chamber, parties and the stages of the count. Cross-field checks (shares near 100 %, seats summing to the chamber, turnout against votes) run in the build and `npm run check`.",
  );
}

/** The JSON Schema of a results-by-region file (`_data/regions/<election id>.json`). */
export function regionsJsonSchema(): string {
  return jsonSchema(
    regionsFileSchema,
    "Broadsheet results by region",
    "One election's figures by region, as sets published through the night: turnout, shares, seats or winner, each optional. Regions, parties and map tiles are checked against the election file and the map layout in the build and `npm run check`.",
  );
}
