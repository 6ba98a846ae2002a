import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../articles/front-matter.ts";
import { jsonLineFinder } from "../articles/front-matter.ts";
import { jsonFromBytes } from "../sources/json.ts";
import { decodeText } from "../sources/text.ts";
import { checkCuration, NO_CURATION, type CheckContext, type Curation } from "./frontpage.ts";

/** The editors' choices for the front page, section fronts and breaking strip: one file, optional. */
export const FRONTPAGE_FILE = "frontpage.json";

/** Reads and checks `_data/frontpage.json` against the stories; no file means no picks. */
export async function loadCuration(dataDir: string, context: Omit<CheckContext, "file" | "lineOf">): Promise<{ curation?: Curation; problems: Problem[] }> {
  const file = path.join(dataDir, FRONTPAGE_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { curation: NO_CURATION, problems: [] };
    return { problems: [{ file, field: "(file)", message: `cannot read it (${(error as Error).message})` }] };
  }
  const read = jsonFromBytes(file, bytes);
  if (!read.ok) return { problems: [read.problem] };
  const decoded = decodeText(bytes);
  const lineOf = decoded.ok ? jsonLineFinder(decoded.text) : undefined;
  return checkCuration(read.value, { ...context, file, ...(lineOf ? { lineOf } : {}) });
}
