import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { validateWorkflow } from "@action-validator/core";

const WORKFLOWS = ".github/workflows";
const scripts = Object.keys((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts);
const workflows = readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));

describe("the GitHub Actions workflows", () => {
  it("are there: a publish on every push, and a split build on a matrix of runners", () => {
    assert.deepEqual(workflows.sort(), ["publish-split.yml", "publish.yml"]);
  });

  for (const name of workflows) {
    const text = readFileSync(path.join(WORKFLOWS, name), "utf8");
    it(`${name} is a valid workflow (GitHub's schema, through action-validator)`, () => {
      assert.deepEqual(validateWorkflow(text).errors, []);
    });

    it(`${name} runs only npm scripts the project has`, () => {
      const used = [...text.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!);
      assert.ok(used.length > 0);
      assert.deepEqual(used.filter((script) => !scripts.includes(script)), []);
    });
  }

  it("the validator refuses a misspelt key (it can fail)", () => {
    const broken = "name: x\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: npm test\n";
    assert.notDeepEqual(validateWorkflow(broken).errors, []);
  });
});
