import { z } from "zod";
import { electionSchema } from "./schema.ts";

/** Where the committed JSON Schema lives; election files point at it with "$schema". */
export const ELECTION_SCHEMA_PATH = "schemas/election.schema.json";

/** The JSON Schema editors' tools read, generated from the zod schema the build uses. */
export function electionJsonSchema(): string {
  const schema = z.toJSONSchema(electionSchema, { io: "input", target: "draft-2020-12" });
  const titled = {
    ...schema,
    title: "Broadsheet election results file",
    description: "One election: its chamber, parties and the stages of the count. Cross-field checks (shares near 100 %, seats summing to the chamber, turnout against votes) run in the build and `npm run check`.",
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
