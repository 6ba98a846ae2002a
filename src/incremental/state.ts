import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { codeChange, codeFingerprint, hashFiles, hashOf, type CodeFingerprint } from "./fingerprint.ts";
import type { IncrementalInput, IncrementalOutput } from "./render-state.ts";

/** What a production build leaves for the next one, in `.cache/`. */
export interface BuildState {
  version: typeof STATE_VERSION;
  code: CodeFingerprint;
  /** Story and data files: project-relative path to `size:mtime:inode sha256`. */
  inputs: Record<string, string>;
  /** The folder this state describes (a build's own folder, behind the `_site` link). */
  site: string;
  render: IncrementalOutput;
}

const STATE_VERSION = 2;
/** One state per output folder, so a build into another folder (a comparison, a staging site) never spoils it. */
export const stateFile = (output: string) => path.join(".cache", `build-state-${path.basename(path.resolve(output))}.json`);
/** Checked story files for the next build (content-cache.ts), beside the state. */
export const contentCacheFolder = (output: string) => path.join(".cache", `content-${path.basename(path.resolve(output))}`);
export const STORY_FOLDER = "src/content/articles";
/** Content: story files and every data file. Everything else counts as code (see fingerprint.ts). */
const CONTENT = [STORY_FOLDER, "_data"];

export type BuildPlan = { output: string; code: CodeFingerprint; inputs: Record<string, string> } & ({ kind: "full"; reason: string } | { kind: "incremental"; previousSite: string; input: IncrementalInput });

/**
 * Whether this build can start from the previous one, and what changed since:
 * anything it cannot prove safe (no state, another state version, code, templates,
 * dependencies or runtime changed, the previous site gone or replaced) means a full build, with the reason.
 */
export function planBuild(root: string, output: string, full: boolean): BuildPlan {
  const previous = readState(path.join(root, stateFile(output)));
  const code = codeFingerprint(root, previous?.code);
  const inputs = hashFiles(root, CONTENT, previous?.inputs);
  const fullBuild = (reason: string): BuildPlan => ({ kind: "full", reason, output, code, inputs });
  if (full) return fullBuild("--full was given");
  if (!previous) return fullBuild(`no usable build state in ${stateFile(output)}`);
  const changedCode = codeChange(previous.code, code);
  if (changedCode) return fullBuild(changedCode);
  const site = resolvedSite(root, output);
  if (!site || site !== previous.site) return fullBuild(`${output} is not the build ${stateFile(output)} describes`);
  const changedFiles = [...new Set([...Object.keys(inputs), ...Object.keys(previous.inputs)])].filter((file) => hashOf(inputs[file]) !== hashOf(previous.inputs[file])).sort();
  return { kind: "incremental", previousSite: path.resolve(root, site), input: { changedFiles, memory: previous.render.memory }, output, code, inputs };
}

/** After the swap: the state of the build now in `output`. Written last, by rename, so a kill leaves the old state or the new one. */
export function saveState(root: string, output: string, plan: BuildPlan, render: IncrementalOutput): void {
  const site = resolvedSite(root, output);
  if (!site) return;
  const state: BuildState = { version: STATE_VERSION, code: plan.code, inputs: plan.inputs, site, render };
  const file = path.join(root, stateFile(output));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

function readState(file: string): BuildState | undefined {
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as Partial<BuildState> | null;
    // A state of another version, or edited by hand, is no state: the build is full.
    const whole = state?.version === STATE_VERSION && typeof state.site === "string" && isRecord(state.inputs) && isRecord(state.code?.files) && Array.isArray(state.render?.pages);
    return whole ? (state as BuildState) : undefined;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The build folder `output` points at, relative to the project, so a state restored into another checkout (a CI runner) still matches. */
function resolvedSite(root: string, output: string): string | undefined {
  try {
    return path.relative(realpathSync(root), realpathSync(path.resolve(root, output)));
  } catch {
    return undefined;
  }
}
