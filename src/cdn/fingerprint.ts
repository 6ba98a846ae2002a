import { readdir, readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { transform } from "esbuild";
import { ASSET_PREFIX } from "./policy.ts";
import { sha256 } from "./files.ts";

/** Folders under public/ whose files get content-hashed names in production. */
export const FINGERPRINTED_FOLDERS = ["css", "js"] as const;

/** How the build tells templates the hashed names: a JSON object in this variable. */
export const ASSET_MAP_VARIABLE = "BROADSHEET_ASSETS";

/** `/css/site.css` + content -> `/assets/site.1a2b3c4d5e.css`. */
export function fingerprintedPath(original: string, content: string | Uint8Array): string {
  const { name, ext } = path.posix.parse(original);
  return `${ASSET_PREFIX}${name}.${sha256(content).slice(0, 10)}${ext}`;
}

/**
 * Minifies the CSS and JS under public/ and writes them to content-hashed names
 * in `outputDir/assets/`, before any page is rendered, so pages link the hashed
 * names directly (through the `asset` filter) and can be cached for a year.
 */
export async function fingerprintSources(publicDir: string, outputDir: string): Promise<Record<string, string>> {
  const map: Record<string, string> = {};
  for (const folder of FINGERPRINTED_FOLDERS) {
    const names = await readdir(path.join(publicDir, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.(?:css|js)$/.test(n)).sort()) {
      const original = `/${folder}/${name}`;
      const source = await readFile(path.join(publicDir, folder, name), "utf8");
      const { code } = await transform(source, { loader: name.endsWith(".css") ? "css" : "js", minify: true, legalComments: "none", charset: "utf8" });
      const hashed = fingerprintedPath(original, code);
      await mkdir(path.join(outputDir, path.dirname(hashed)), { recursive: true });
      await writeFile(path.join(outputDir, hashed), code);
      map[original] = hashed;
    }
  }
  return map;
}

/** The URL a page should use for a file under public/: its hashed name in production builds. */
export function assetUrl(original: string, environment: NodeJS.ProcessEnv = process.env): string {
  const text = environment[ASSET_MAP_VARIABLE];
  if (!text) return original;
  if (parsed?.text !== text) parsed = { text, map: JSON.parse(text) as Record<string, string> };
  return parsed.map[original] ?? original;
}

// Every page asks; the map only changes between builds.
let parsed: { text: string; map: Record<string, string> } | undefined;
