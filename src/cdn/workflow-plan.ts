import { parse } from "yaml";
import { z } from "zod";

/**
 * A GitHub Actions workflow read for running its steps on this machine (src/cli/workflow.ts):
 * the jobs in the order their `needs` allow, each matrix entry a run, every `${{ }}`
 * expression resolved, and each action mapped to what stands in for it locally. Anything
 * the local runner does not know is an error, so a workflow cannot pass here by skipping a step.
 */

const stepSchema = z.strictObject({
  name: z.string().optional(),
  id: z.string().optional(),
  uses: z.string().optional(),
  with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  run: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  if: z.string().optional(),
});
const jobSchema = z.object({
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  strategy: z.object({ matrix: z.object({ include: z.array(z.record(z.string(), z.string())) }) }).optional(),
  steps: z.array(stepSchema).min(1),
});
const workflowSchema = z.object({ name: z.string(), jobs: z.record(z.string(), jobSchema) });

export type Step = z.infer<typeof stepSchema>;
export type Job = z.infer<typeof jobSchema>;

export interface CacheStep {
  kind: "cache-restore" | "cache-save" | "cache";
  label: string;
  paths: string[];
  key: string;
  restoreKeys: string[];
}

/** What runs a step here: a shell command, or the local stand-in for an action. */
export type LocalStep =
  | { kind: "run"; label: string; command: string; env: Record<string, string> }
  | { kind: "checkout" | "setup-node" | "install"; label: string }
  | CacheStep
  | { kind: "upload-artifact"; label: string; name: string; path: string }
  | { kind: "download-artifact"; label: string; pattern: string; path: string };

export interface JobRun {
  job: string;
  matrix: Record<string, string>;
  steps: LocalStep[];
}

export interface Context {
  /** `vars.X` and `secrets.X`, as the runner's settings would hold them. */
  vars: Record<string, string>;
  secrets: Record<string, string>;
  sha: string;
  hashFiles: (pattern: string) => string;
}

export class WorkflowError extends Error {}

export function parseWorkflow(text: string, file: string): z.infer<typeof workflowSchema> {
  const result = workflowSchema.safeParse(parse(text));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new WorkflowError(`${file}: not a workflow the local runner can run:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** Jobs in an order that runs every job after the jobs it needs. */
export function jobOrder(jobs: Record<string, Job>, file: string): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, from: string) => {
    if (order.includes(name)) return;
    const job = jobs[name];
    if (!job) throw new WorkflowError(`${file}: job "${from}" needs "${name}", which the workflow does not have`);
    if (visiting.has(name)) throw new WorkflowError(`${file}: jobs need each other in a cycle through "${name}"`);
    visiting.add(name);
    for (const need of [job.needs ?? []].flat()) visit(need, name);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, name);
  return order;
}

/** `${{ expression }}` replaced from the context and the matrix entry; anything else is an error. */
export function resolve(text: string, context: Context, matrix: Record<string, string>, where: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const [scope, name] = expression.split(".", 2) as [string, string | undefined];
    const hash = /^hashFiles\('([^']+)'\)$/.exec(expression);
    if (hash) return context.hashFiles(hash[1]!);
    if (expression === "github.sha") return context.sha;
    const table = scope === "vars" ? context.vars : scope === "secrets" ? context.secrets : scope === "matrix" ? matrix : undefined;
    const value = table && name !== undefined ? table[name] : undefined;
    if (value === undefined) throw new WorkflowError(`${where}: no local value for \${{ ${expression} }}`);
    return value;
  });
}

const lines = (value: string | number | boolean | undefined) =>
  String(value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function localStep(step: Step, context: Context, matrix: Record<string, string>, where: string): LocalStep {
  if (step.if !== undefined) throw new WorkflowError(`${where}: conditions (if:) are not run locally; keep publish steps unconditional`);
  const label = step.name ?? step.run?.split("\n")[0] ?? step.uses ?? "step";
  const input = (name: string) => resolve(String(step.with?.[name] ?? ""), context, matrix, `${where} with.${name}`);
  if (step.run !== undefined) {
    // The checkout is given the repository's node_modules; a real `npm ci` would replace them.
    if (/^npm ci(\s|$)/.test(step.run.trim())) return { kind: "install", label };
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(value, context, matrix, `${where} env.${name}`)]));
    return { kind: "run", label: resolve(label, context, matrix, where), command: resolve(step.run, context, matrix, where), env };
  }
  const action = step.uses?.split("@")[0];
  switch (action) {
    case "actions/checkout":
      return { kind: "checkout", label };
    case "actions/setup-node":
      return { kind: "setup-node", label };
    case "actions/cache":
    case "actions/cache/restore":
    case "actions/cache/save":
      return {
        kind: action === "actions/cache" ? "cache" : action === "actions/cache/save" ? "cache-save" : "cache-restore",
        label,
        paths: lines(input("path")),
        key: input("key"),
        restoreKeys: lines(input("restore-keys")),
      };
    case "actions/upload-artifact":
      return { kind: "upload-artifact", label, name: input("name"), path: input("path") };
    case "actions/download-artifact":
      return { kind: "download-artifact", label, pattern: input("pattern"), path: input("path") };
    default:
      throw new WorkflowError(`${where}: no local stand-in for the action "${step.uses ?? "(none)"}"; the local runner knows checkout, setup-node, cache and artifacts`);
  }
}

/** Every job run of the workflow, in order, with its steps ready to run here. */
export function planWorkflow(text: string, file: string, context: Context): JobRun[] {
  const workflow = parseWorkflow(text, file);
  return jobOrder(workflow.jobs, file).flatMap((job) => {
    const entries = workflow.jobs[job]!.strategy?.matrix.include ?? [{}];
    return entries.map((matrix) => ({
      job,
      matrix,
      steps: workflow.jobs[job]!.steps.map((step, index) => localStep(step, context, matrix, `${file}: jobs.${job}.steps[${index}]`)),
    }));
  });
}

/** The cache entry a restore finds: the key itself, else the newest entry starting with a restore key (GitHub's rule). */
export function cacheHit(entries: readonly { key: string; saved: number }[], key: string, restoreKeys: readonly string[]): string | undefined {
  if (entries.some((entry) => entry.key === key)) return key;
  for (const prefix of restoreKeys) {
    const newest = entries.filter((entry) => entry.key.startsWith(prefix)).sort((a, b) => b.saved - a.saved)[0];
    if (newest) return newest.key;
  }
  return undefined;
}

/** Whether an artifact name matches a download pattern (`*` any run of characters). */
export function matchesPattern(name: string, pattern: string): boolean {
  const expression = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
  return new RegExp(`^${expression}$`).test(name);
}
