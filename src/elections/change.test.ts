import assert from "node:assert/strict";
import { mkdtemp, rm, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { withChanges } from "./change.ts";
import { loadElections } from "./load.ts";

const made: string[] = [];
after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Both sample files, in a folder of their own so a test may edit them. */
async function samples(edit: (files: Record<string, Record<string, unknown>>) => void = () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "elections-"));
  made.push(dir);
  const files: Record<string, Record<string, unknown>> = {};
  for (const id of ["kz-mazhilis-2021", "kz-mazhilis-2023"]) files[id] = JSON.parse(await readFile(`_data/elections/${id}.json`, "utf8")) as Record<string, unknown>;
  edit(files);
  for (const [id, data] of Object.entries(files)) await writeFile(path.join(dir, `${id}.json`), JSON.stringify(data, null, 2));
  return dir;
}

describe("change against the previous election", () => {
  it("shows 2023 against 2021: Amanat (Nur Otan) 76 -> 62 seats, -17.19 points; new parties; independents from none", async () => {
    const { elections, problems } = await loadElections(await samples());
    assert.deepEqual(problems, []);
    const final = withChanges(elections)["kz-mazhilis-2023"]!.latest;
    const change = Object.fromEntries(final.results.map((r) => [r.party, r.change]));
    assert.deepEqual(change["amanat"], { isNew: false, seats: -14, swing: -17.19 });
    assert.deepEqual(change["ak-zhol"], { isNew: false, seats: -6, swing: -2.54 });
    assert.deepEqual(change["qhp"], { isNew: false, seats: -5, swing: -2.3 });
    assert.deepEqual(change["auyl"], { isNew: false, seats: 8, swing: 5.61 });
    assert.deepEqual(change["respublica"], { isNew: true });
    assert.deepEqual(change["osdp"], { isNew: true });
    assert.deepEqual(change["independents"], { isNew: false, seats: 7 });
    assert.equal(change["against-all"], undefined, "2021 had no against-all line to compare with");
  });

  it("gives a range no swing, and leaves an election without `previous` as it is", async () => {
    const { elections } = await loadElections(await samples());
    const changed = withChanges(elections);
    assert.deepEqual(changed["kz-mazhilis-2023"]!.stages[0]!.results[0]!.change, { isNew: false });
    assert.equal(changed["kz-mazhilis-2021"], elections["kz-mazhilis-2021"]);
  });

  it("sums the predecessors of a merged party", async () => {
    const dir = await samples((files) => {
      const parties = files["kz-mazhilis-2023"]!["parties"] as Record<string, Record<string, unknown>>;
      parties["amanat"]!["predecessor"] = ["nur-otan", "adal"];
    });
    const { elections } = await loadElections(dir);
    const amanat = withChanges(elections)["kz-mazhilis-2023"]!.latest.results.find((r) => r.party === "amanat");
    assert.deepEqual(amanat?.change, { isNew: false, seats: -14, swing: -20.76 });
  });

  it("names the file and field of a previous election or predecessor that does not exist", async () => {
    const dir = await samples((files) => {
      files["kz-mazhilis-2023"]!["previous"] = "kz-mazhilis-2012";
      files["kz-mazhilis-2021"]!["previous"] = "kz-mazhilis-2023";
    });
    const messages = (await loadElections(dir)).problems.map((p) => `${path.basename(p.file)}:${p.line} ${p.field}: ${p.message}`);
    assert.deepEqual(messages, [
      'kz-mazhilis-2021.json:172 previous: "kz-mazhilis-2023" (2023-03-19) is not before this election (2021-01-10); expected an earlier election',
      'kz-mazhilis-2023.json:8 previous: no election file has the id "kz-mazhilis-2012" (did you mean "kz-mazhilis-2021"?); expected a file _data/elections/<id>.json',
    ]);
    const typo = await samples((files) => {
      ((files["kz-mazhilis-2023"]!["parties"] as Record<string, Record<string, unknown>>)["amanat"]!)["predecessor"] = "nur-otn";
    });
    const [problem] = (await loadElections(typo)).problems;
    assert.equal(problem?.field, "parties.amanat.predecessor");
    assert.match(problem?.message ?? "", /^"nur-otn" is not a party of kz-mazhilis-2021 \(did you mean "nur-otan"\?\); expected one of: nur-otan, ak-zhol/);
  });
});
