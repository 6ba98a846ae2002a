import { writeFile } from "node:fs/promises";
import { ELECTION_SCHEMA_PATH, electionJsonSchema, REGIONS_SCHEMA_PATH, regionsJsonSchema } from "../elections/json-schema.ts";

/** Regenerates the committed JSON Schemas after a change to the zod schemas. */
for (const [file, text] of [
  [ELECTION_SCHEMA_PATH, electionJsonSchema()],
  [REGIONS_SCHEMA_PATH, regionsJsonSchema()],
] as const) {
  await writeFile(file, text);
  console.log(`Wrote ${file}`);
}
