import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cacheHit, matchesPattern, planWorkflow, WorkflowError, type CacheStep, type Context, type LocalStep } from "./workflow-plan.ts";

/**
 * Runs a GitHub Actions workflow's jobs on this machine, step by step, as a runner would:
 * each job in a fresh checkout of `source` (its working tree, uncommitted edits included),
 * caches and artifacts kept in `store` between runs, `run` steps in bash. What stands in
 * for an action is in src/cdn/workflow-plan.ts.
 */
export interface WorkflowRun {
  file: string;
  /** The repository to check out (its files as `git ls-files` lists them, and its node_modules). */
  source: string;
  /** Where caches and this run's artifacts are kept. */
  store: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** Extra environment for every step (a pinned clock, for example). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

/** The output of every `run` step, in order, for a caller to check. */
export async function runWorkflow(run: WorkflowRun): Promise<string[]> {
  const context: Context = {
    vars: run.vars,
    secrets: run.secrets,
    sha: execFileSync("git", ["rev-parse", "HEAD"], { cwd: run.source, encoding: "utf8" }).trim(),
    hashFiles: (pattern) => hashFiles(run.source, pattern),
  };
  const jobs = planWorkflow(await readFile(run.file, "utf8"), path.relative(run.source, run.file), context);
  const artifacts = await mkdtemp(path.join(run.store, "artifacts-"));
  const outputs: string[] = [];
  try {
    for (const job of jobs) {
      const name = Object.keys(job.matrix).length ? `${job.job} (${Object.values(job.matrix).join(", ")})` : job.job;
      run.log(`── job ${name}`);
      const workspace = await checkout(run.source);
      const saveAtEnd: CacheStep[] = [];
      try {
        for (const step of job.steps) {
          run.log(`   ${step.label}`);
          if (step.kind === "cache") saveAtEnd.push(step);
          const output = await runStep(step, workspace, run, artifacts);
          if (output !== undefined) outputs.push(output);
        }
        for (const step of saveAtEnd) await saveCache(step.paths, step.key, workspace, run);
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(artifacts, { recursive: true, force: true });
  }
  return outputs;
}

async function runStep(step: LocalStep, workspace: string, run: WorkflowRun, artifacts: string): Promise<string | undefined> {
  switch (step.kind) {
    case "checkout":
    case "setup-node":
    case "install":
      return undefined;
    case "cache":
    case "cache-restore":
      await restoreCache(step.paths, step.key, step.restoreKeys, workspace, run);
      return undefined;
    case "cache-save":
      await saveCache(step.paths, step.key, workspace, run);
      return undefined;
    case "upload-artifact":
      await cp(path.join(workspace, step.path), path.join(artifacts, step.name), { recursive: true, verbatimSymlinks: true });
      return undefined;
    case "download-artifact":
      for (const name of await readdir(artifacts)) {
        if (matchesPattern(name, step.pattern)) await cp(path.join(artifacts, name), path.join(workspace, step.path, name), { recursive: true, verbatimSymlinks: true });
      }
      return undefined;
    case "run":
      return shell(step.command, workspace, { ...run.env, ...step.env }, step.label);
  }
}

/** A fresh folder with the source's files and a link to its node_modules (what `npm ci` would give). */
async function checkout(source: string): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), "broadsheet-runner-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: source, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (file === "node_modules" || !existsSync(path.join(source, file))) continue;
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await cp(path.join(source, file), path.join(workspace, file), { verbatimSymlinks: true });
  }
  await symlink(path.join(source, "node_modules"), path.join(workspace, "node_modules"));
  return workspace;
}

/** The saved caches' keys and times, in the store. */
async function cacheIndex(run: WorkflowRun): Promise<{ index: string; entries: { key: string; saved: number }[] }> {
  const index = path.join(run.store, "caches", "index.json");
  return { index, entries: existsSync(index) ? (JSON.parse(await readFile(index, "utf8")) as { key: string; saved: number }[]) : [] };
}

const cacheFolder = (run: WorkflowRun, key: string) => path.join(run.store, "caches", createHash("sha256").update(key).digest("hex").slice(0, 16));

async function restoreCache(paths: string[], key: string, restoreKeys: string[], workspace: string, run: WorkflowRun): Promise<void> {
  const { entries } = await cacheIndex(run);
  const hit = cacheHit(entries, key, restoreKeys);
  run.log(hit ? `     cache restored from ${hit}` : "     no cache yet");
  if (!hit) return;
  for (const entry of paths) {
    const saved = path.join(cacheFolder(run, hit), entry);
    if (existsSync(saved)) await cp(saved, path.join(workspace, entry), { recursive: true, verbatimSymlinks: true });
  }
}

/** Saves the paths under `key`; like GitHub, an existing key is never overwritten. */
async function saveCache(paths: string[], key: string, workspace: string, run: WorkflowRun): Promise<void> {
  const { index, entries } = await cacheIndex(run);
  if (entries.some((entry) => entry.key === key)) return run.log(`     cache ${key} exists; not saved again`);
  const folder = cacheFolder(run, key);
  for (const entry of paths) {
    if (existsSync(path.join(workspace, entry))) await cp(path.join(workspace, entry), path.join(folder, entry), { recursive: true, verbatimSymlinks: true });
  }
  await mkdir(path.dirname(index), { recursive: true });
  await writeFile(index, JSON.stringify([...entries, { key, saved: Date.now() }]));
  run.log(`     cache saved as ${key}`);
}

/** `hashFiles(pattern)` over the tracked files the pattern matches (git's glob pathspec, as GitHub's globs). */
function hashFiles(source: string, pattern: string): string {
  const hash = createHash("sha256");
  const files = execFileSync("git", ["ls-files", "-z", "--", `:(glob)${pattern}`], { cwd: source, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files.sort()) hash.update(file).update(readFileSync(path.join(source, file)));
  return hash.digest("hex");
}

function shell(command: string, cwd: string, env: Record<string, string>, label: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", command], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new WorkflowError(`step "${label}" failed (${signal ?? `exit ${code}`}):\n${output.trimEnd()}`));
    });
  });
}
