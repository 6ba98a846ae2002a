import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop, type Plugin } from "esbuild";

/**
 * Eleventy's process runs Broadsheet's code compiled into two plain files under
 * `.cache/compiled/` (the config with the plugin, and the child script) instead of through
 * tsx: loading the code then costs about half the CPU. The files are made again when any
 * source they were made from changed (size or modification time), or when they are missing.
 * Packages stay outside (imported from node_modules as before).
 */
const CHILD = fileURLToPath(new URL("./eleventy-child.ts", import.meta.url));
const STAMP_VERSION = 1;

export interface Compiled {
  script: string;
  config: string;
}

export async function compiledEleventy(configPath: string): Promise<Compiled> {
  const folder = path.join(path.dirname(path.resolve(configPath)), ".cache", "compiled");
  const compiled = { script: path.join(folder, "eleventy-child.mjs"), config: path.join(folder, "eleventy-config.mjs") };
  const stampFile = path.join(folder, "sources.json");
  const config = path.resolve(configPath);
  if (await current(stampFile, compiled, config)) return compiled;

  // Written beside, then renamed: a build running meanwhile reads the old files or the new ones.
  const staging = path.join(folder, `.staging-${process.pid}`);
  try {
    const result = await build({
      entryPoints: { "eleventy-child": CHILD, "eleventy-config": config },
      outdir: staging,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      metafile: true,
      logLevel: "silent",
      plugins: [sourceLocations],
    });
    const stamp: Stamp = { version: STAMP_VERSION, config, sources: {} };
    for (const input of Object.keys(result.metafile.inputs)) stamp.sources[path.resolve(input)] = await stampOf(path.resolve(input));
    await mkdir(folder, { recursive: true });
    await rename(path.join(staging, "eleventy-child.js"), compiled.script);
    await rename(path.join(staging, "eleventy-config.js"), compiled.config);
    await writeFile(path.join(staging, "sources.json"), JSON.stringify(stamp));
    await rename(path.join(staging, "sources.json"), stampFile);
  } finally {
    // esbuild's service process would otherwise live as long as the build, and outlast a stopped one.
    await stop();
    await rm(staging, { recursive: true, force: true });
  }
  return compiled;
}

interface Stamp {
  version: number;
  /** The config compiled: a `.cache` shared by two projects (a link) must not hand one the other's code. */
  config: string;
  sources: Record<string, string>;
}

const stampOf = (file: string) => stat(file).then((info) => `${info.size} ${info.mtimeMs}`, () => "missing");

/** Whether both files are there and were made from the sources as they are now. */
async function current(stampFile: string, compiled: Compiled, config: string): Promise<boolean> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(stampFile, "utf8")) as Stamp;
  } catch {
    return false;
  }
  if (stamp?.version !== STAMP_VERSION || stamp.config !== config || typeof stamp.sources !== "object" || stamp.sources === null) return false;
  const entries = Object.entries(stamp.sources);
  const stamps = await Promise.all(entries.map(([file]) => stampOf(file)));
  const made = await Promise.all([compiled.script, compiled.config].map(stampOf));
  return entries.length > 0 && entries.every(([, known], index) => stamps[index] === known) && !made.includes("missing");
}

/** Each module's `import.meta.url` stays its source file's, so paths it resolves (a worker beside it) do not move with the bundle. */
const sourceLocations: Plugin = {
  name: "source-locations",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};
