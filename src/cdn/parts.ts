/**
 * One part of a build split across machines or processes (see `npm run merge`):
 * the story pages of some folders under `src/content/articles/` (by convention
 * one a year), or the shared part: every other page, with the stories that sit
 * directly in `articles/`.
 */
export type BuildPart = { kind: "stories"; folders: string[] } | { kind: "shared" };

const FOLDER = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** `stories:2022,2023` or `shared`; anything else is an error that says what is expected. */
export function parsePart(spec: string): BuildPart {
  if (spec === "shared") return { kind: "shared" };
  const match = /^stories:(.+)$/.exec(spec);
  const folders = match ? match[1]!.split(",").map((folder) => folder.trim()) : [];
  const bad = folders.filter((folder) => !FOLDER.test(folder));
  if (!match || folders.length === 0 || bad.length > 0) {
    throw new Error(`--part "${spec}": expected "shared" or "stories:" and folder names under src/content/articles/, such as "stories:2022,2023"${bad.length ? ` (not a folder name: ${bad.map((b) => `"${b}"`).join(", ")})` : ""}`);
  }
  return { kind: "stories", folders: [...new Set(folders)] };
}
