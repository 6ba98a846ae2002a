import { writeFile } from "node:fs/promises";
import { ELECTION_SCHEMA_PATH, electionJsonSchema } from "../elections/json-schema.ts";

/** Regenerates the committed JSON Schema after a change to the zod schema. */
await writeFile(ELECTION_SCHEMA_PATH, electionJsonSchema());
console.log(`Wrote ${ELECTION_SCHEMA_PATH}`);
