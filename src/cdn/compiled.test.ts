import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { compiledEleventy } from "./compiled.ts";

const roots: string[] = [];
after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function project(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "broadsheet-compiled-"));
  roots.push(root);
  await mkdir(path.join(root, "lib"));
  await writeFile(path.join(root, "lib/where.ts"), "export const where: string = import.meta.url;\nexport const answer = 1;\n");
  await writeFile(path.join(root, "config.ts"), 'import { answer, where } from "./lib/where.ts";\nexport default { answer, where };\n');
  return root;
}

const load = async (file: string) => ((await import(`${pathToFileURL(file).href}?${Date.now()}`)) as { default: { answer: number; where: string } }).default;

describe("compiledEleventy: the code Eleventy's process runs, compiled once", () => {
  it("compiles the config into .cache/compiled, each module keeping its own import.meta.url", async () => {
    const root = await project();
    const compiled = await compiledEleventy(path.join(root, "config.ts"));
    assert.equal(compiled.config, path.join(root, ".cache/compiled/eleventy-config.mjs"));
    const config = await load(compiled.config);
    assert.equal(config.answer, 1);
    assert.equal(config.where, pathToFileURL(path.join(root, "lib/where.ts")).href);
    await stat(compiled.script);
  });

  it("reuses the files while no source changed, and compiles again when one did", async () => {
    const root = await project();
    const first = await compiledEleventy(path.join(root, "config.ts"));
    const made = (await stat(first.config)).mtimeMs;
    await compiledEleventy(path.join(root, "config.ts"));
    assert.equal((await stat(first.config)).mtimeMs, made);
    await writeFile(path.join(root, "lib/where.ts"), "export const where: string = import.meta.url;\nexport const answer = 22;\n");
    await compiledEleventy(path.join(root, "config.ts"));
    assert.equal((await load(first.config)).answer, 22);
  });

  it("compiles again when a compiled file is missing or the stamp is not JSON", async () => {
    const root = await project();
    const first = await compiledEleventy(path.join(root, "config.ts"));
    await writeFile(path.join(root, ".cache/compiled/sources.json"), "{");
    await rm(first.config);
    await compiledEleventy(path.join(root, "config.ts"));
    assert.equal((await load(first.config)).answer, 1);
  });
});
