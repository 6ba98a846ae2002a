import path from "node:path";
import type { Problem } from "../articles/front-matter.ts";
import { loadElections } from "./load.ts";
import type { ElectionRecord } from "./record.ts";
import { loadRegions } from "./regions.ts";

/** Every election file under `<dataDir>/elections/`, with its results by region (`regions/`, `maps/`), all checked. */
export async function loadResults(dataDir: string): Promise<{ elections: Record<string, ElectionRecord>; problems: Problem[] }> {
  const files = await loadElections(path.join(dataDir, "elections"));
  const regions = await loadRegions(dataDir, files.elections);
  return { elections: regions.elections, problems: [...files.problems, ...regions.problems] };
}
