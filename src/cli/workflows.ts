import { execFileSync } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { runWorkflow } from "../cdn/workflow-run.ts";
import { WorkflowError } from "../cdn/workflow-plan.ts";
import { parseFlags } from "./flags.ts";

/**
 * `npm run workflows`: the repository's GitHub Actions workflows run here, step by step,
 * against a local S3 server (s3rver on loopback), over three pushes to main and one split
 * build, each publish verified object by object (`npm run publish` exits 0 only then):
 *   1. publish.yml with no cache: a full build, published;
 *   2. a story edited: the cache restored, an incremental build, the edit published;
 *   3. a story no other file names removed: its page gone from the bucket;
 *   4. publish-split.yml into a second bucket: the same objects, byte for byte.
 * `.ci/run` runs it after the tests; run it yourself after editing a workflow.
 */
const { values } = parseFlags("Usage: npm run workflows -- [--keep]\n  --keep   keep the scratch folder (runner, buckets) to look at afterwards", { keep: { type: "boolean", default: false } });
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const repo = process.cwd();
const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-workflows-"));
const store = path.join(scratch, "runner");
const source = path.join(scratch, "repo");
const buckets = ["site", "split"];
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: path.join(scratch, "s3"), configureBuckets: buckets.map((name) => ({ name })) });
const { port } = (await server.run()) as { port: number };
const endpoint = `http://127.0.0.1:${port}`;
const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Broadsheet", "-c", "user.email=ci@broadsheet.invalid", ...args], { cwd: source, encoding: "utf8" });

async function push(workflow: string, bucket: string, what: string, expect: RegExp): Promise<void> {
  const started = performance.now();
  console.log(`${what} (${workflow})`);
  const outputs = await runWorkflow({
    file: path.join(source, ".github/workflows", workflow),
    source,
    store,
    vars: { BROADSHEET_BUCKET: bucket, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: endpoint },
    secrets: { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" },
    // One clock for every push, so the whole and the split build can be compared.
    env: { BROADSHEET_NOW: "2026-01-15T12:00:00Z", BROADSHEET_PREVIEW: "0", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    log: (line) => console.log(line),
  });
  const all = outputs.join("\n");
  if (!expect.test(all)) throw new WorkflowError(`${what}: expected the steps' output to match ${expect}; it was:\n${all}`);
  console.log(`   ok in ${((performance.now() - started) / 1000).toFixed(1)} s: ${all.match(expect)![0]}`);
}

async function objects(bucket: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) found.set(object.Key!, `${object.Size} ${object.ETag}`);
    token = page.NextContinuationToken;
  } while (token);
  return found;
}

/** A story file whose slug no other content or data file names, so removing it breaks no link. */
async function unreferencedStory(): Promise<string> {
  const stories = execFileSync("git", ["ls-files", "src/content/articles"], { cwd: source, encoding: "utf8" }).split("\n").filter((file) => file.endsWith(".md"));
  const texts = await Promise.all(execFileSync("git", ["ls-files", "src/content", "_data"], { cwd: source, encoding: "utf8" }).split("\n").filter(Boolean).map(async (file) => ({ file, text: await readFile(path.join(source, file), "utf8") })));
  const story = stories.find((file) => !texts.some((other) => other.file !== file && other.text.includes(path.basename(file, ".md"))));
  if (!story) throw new WorkflowError("no story that no other file names: nothing to take down safely");
  return story;
}

let failed = false;
try {
  // The repository as a fresh clone would have it (uncommitted edits included), committed as pushes are.
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) if (existsSync(path.join(repo, file))) await cp(path.join(repo, file), path.join(source, file), { verbatimSymlinks: true });
  await mkdir(store);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "first push");
  await symlink(path.join(repo, "node_modules"), path.join(source, "node_modules"));

  await push("publish.yml", "site", "Push 1: no cache yet", /Full build: [^\n]+/);
  const folder = path.join(source, "src/content/articles/2023");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".md")).sort();
  // Not a live story: a sentence appended there would land inside its last entry.
  const edited = (await Promise.all(names.map(async (name) => ({ name, live: /^live:/m.test(await readFile(path.join(folder, name), "utf8")) })))).find((story) => !story.live)!.name;
  await appendFile(path.join(folder, edited), "\nA sentence added by the workflow check.\n");
  git("commit", "-qam", "edit a story");
  await push("publish.yml", "site", `Push 2: ${edited} edited`, /Incremental build: [^\n]+/);

  const before = await objects("site");
  const removed = await unreferencedStory();
  git("rm", "-q", removed);
  git("commit", "-qm", "take a story down");
  await push("publish.yml", "site", `Push 3: ${removed} removed`, /Incremental build: [^\n]+/);
  const after = await objects("site");
  const gone = [...before.keys()].filter((key) => !after.has(key) && key.includes(path.basename(removed, ".md")));
  if (!gone.some((key) => key.endsWith("/index.html"))) throw new WorkflowError(`Push 3: the bucket still holds the page of ${removed}`);
  console.log(`   taken down: ${gone.join(", ")}`);

  await push("publish-split.yml", "split", "Split build of the same commit", /Merged [^\n]+|Done[^\n]*/);
  const split = await objects("split");
  const differ = [...new Set([...after.keys(), ...split.keys()])].filter((key) => after.get(key) !== split.get(key));
  if (differ.length) throw new WorkflowError(`The split build's bucket differs from the whole build's in ${differ.length} objects: ${differ.slice(0, 10).join(", ")}`);
  console.log(`   the split build published the same ${split.size} objects, byte for byte`);
} catch (error) {
  failed = true;
  console.error(error instanceof WorkflowError ? `workflows: ${error.message}` : error);
} finally {
  await server.close();
  if (values.keep) console.log(`Kept ${scratch}`);
  else await rm(scratch, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
