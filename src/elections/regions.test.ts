import assert from "node:assert/strict";
import { cp, mkdtemp, rm, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { DateTime } from "luxon";
import { figure } from "./figures.ts";
import { regionMaps, regionTable } from "./region-view.ts";
import { releaseStages } from "./release.ts";
import { loadResults } from "./results.ts";

const made: string[] = [];
after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of the sample data folder, edited, so a test may break it. */
async function sampleData(edit: (files: { regions: Record<string, unknown>; map: { hexes: Record<string, unknown> } }) => void = () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "regions-"));
  made.push(dir);
  for (const folder of ["elections", "regions", "maps"]) await cp(`_data/${folder}`, path.join(dir, folder), { recursive: true });
  const files = {
    regions: JSON.parse(await readFile("_data/regions/kz-mazhilis-2023.json", "utf8")) as Record<string, unknown>,
    map: JSON.parse(await readFile("_data/maps/kz-regions.json", "utf8")) as { hexes: Record<string, unknown> },
  };
  edit(files);
  await writeFile(path.join(dir, "regions/kz-mazhilis-2023.json"), JSON.stringify(files.regions, null, 2));
  await writeFile(path.join(dir, "maps/kz-regions.json"), JSON.stringify(files.map, null, 2));
  return dir;
}

const messages = async (dir: string) => (await loadResults(dir)).problems.map((p) => `${path.relative(dir, p.file)} ${p.field}: ${p.message}`);
type Stage = { results: { region: string; turnout?: number; winner?: string; shares?: Record<string, number> }[] };

describe("results by region: the sample", () => {
  it("reads Kazakhstan's 2023 turnout in 20 regions at three times, decimals as published", async () => {
    const { elections, problems } = await loadResults("_data");
    assert.deepEqual(problems, []);
    const regions = elections["kz-mazhilis-2023"]!.regions!;
    assert.equal(regions.url, "/elections/kz-mazhilis-2023/regions/");
    assert.deepEqual(regions.stages.map((s) => [s.label, s.time, s.turnout, s.results.length]), [
      ["Turnout at 10:10", "2023-03-19T10:10:00+06:00", 14.21, 20],
      ["Turnout at 18:10", "2023-03-19T18:10:00+06:00", 53.11, 20],
      ["Turnout at 22:10", "2023-03-19T22:10:00+06:00", 54.19, 20],
    ]);
    const aktobe = regions.stages[2]!.results.find((r) => r.region === "aktobe");
    assert.deepEqual([aktobe?.turnout, aktobe?.turnoutDecimals], [58, 2]);
    assert.equal(elections["kz-mazhilis-2021"]!.regions, undefined);
  });

  it("tables every set as a column with the whole country's turnout, and maps every set on one scale of five bins", async () => {
    const election = (await loadResults("_data")).elections["kz-mazhilis-2023"]!;
    const table = regionTable(election);
    assert.equal(table.caption, "Turnout by region, percent of registered voters, as published through the night");
    assert.deepEqual(table.headings, ["Turnout at 10:10", "Turnout at 18:10", "Turnout at 22:10"]);
    assert.deepEqual(table.rows.find((r) => r.code === "ALA"), { name: "Almaty (city)", code: "ALA", cells: ["8.51", "22.95", "25.82"] });
    assert.deepEqual(table.total, ["14.21", "53.11", "54.19"]);
    const maps = regionMaps(election);
    assert.deepEqual(maps.map((m) => [m.id, m.label, m.time]), [
      ["map-1", "Turnout at 10:10", "2023-03-19T10:10:00+06:00"],
      ["map-2", "Turnout at 18:10", "2023-03-19T18:10:00+06:00"],
      ["map-3", "Turnout at 22:10", "2023-03-19T22:10:00+06:00"],
    ]);
    const [morning, , night] = maps.map((m) => m.html);
    assert.equal(night?.match(/<g data-id=/g)?.length, 20);
    assert.match(night ?? "", /<title>Almaty \(city\): turnout 25\.82 percent<\/title><polygon [^>]*fill="#bdd7e7"/);
    // One scale through the night: the same bins in every key, their counts moving up.
    const key = (html = "") => [...html.matchAll(/<li>.*?<\/svg>(.*?)<\/li>/g)].map((m) => m[1]);
    assert.deepEqual(key(morning), ["0 to under 14%: 8 regions", "14 to under 28%: 12 regions", "28 to under 42%: 0 regions", "42 to under 56%: 0 regions", "56 to 70%: 0 regions"]);
    assert.deepEqual(key(night), ["0 to under 14%: 0 regions", "14 to under 28%: 1 region", "28 to under 42%: 0 regions", "42 to under 56%: 6 regions", "56 to 70%: 13 regions"]);
    assert.notEqual(morning?.match(/id="(map-1-title[^"]*)"/)?.[1], night?.match(/id="(map-3-title[^"]*)"/)?.[1]);
  });

  it("maps by winner when a set names winners, with a key of regions won", async () => {
    const dir = await sampleData((files) => {
      const stage = (files.regions["stages"] as Stage[]).at(-1)!;
      stage.results.forEach((r, i) => (r.winner = i % 4 === 0 ? "auyl" : "amanat"));
    });
    const election = (await loadResults(dir)).elections["kz-mazhilis-2023"]!;
    const map = regionMaps(election).at(-1)?.html ?? "";
    assert.match(map, /aria-label="Key: winner, turnout at 22:10"/);
    assert.match(map, /Amanat: 15 regions<\/li>/);
    assert.match(map, /Auyl: 5 regions<\/li>/);
    assert.deepEqual(regionTable(election).headings.at(-1), "Winner");
    assert.match(regionTable(election).caption, /, and the winner,/);
  });

  it("gives a region's figure to prose, from the newest set or a set named by its label, never one not released yet", async () => {
    const { elections } = await loadResults("_data");
    assert.deepEqual(figure(elections, ["kz-mazhilis-2023", "regions", "turnout", "almaty-city"]), { ok: true, text: "25.82 percent" });
    assert.deepEqual(figure(elections, ["kz-mazhilis-2023", "regions", "turnout", "almaty"]), { ok: false, message: 'kz-mazhilis-2023, regions: no region "almaty"; expected one of: abai, akmola, aktobe, almaty-region, atyrau, west-kazakhstan, zhambyl, zhetysu, karaganda, kostanay, kyzylorda, mangistau, pavlodar, north-kazakhstan, turkestan, ulytau, east-kazakhstan, astana, almaty-city, shymkent' });
    assert.match((figure(elections, ["kz-mazhilis-2021", "regions", "turnout", "abai"]) as { message: string }).message, /has no results by region; expected a file _data\/regions\/kz-mazhilis-2021\.json/);
    // A set named by its label keeps its figure once later sets come in.
    assert.deepEqual(figure(elections, ["kz-mazhilis-2023", "regions", "turnout", "almaty-city", "Turnout at 18:10"]), { ok: true, text: "22.95 percent" });
    assert.deepEqual(figure(elections, ["kz-mazhilis-2023", "regions", "turnout", "aktobe", "latest"]), { ok: true, text: "58.00 percent" });
    assert.deepEqual(figure(elections, ["kz-mazhilis-2023", "regions", "turnout", "aktobe", "Turnout at 18:01"]), {
      ok: false,
      message: 'kz-mazhilis-2023, regions: no set of figures "Turnout at 18:01" released (did you mean "Turnout at 18:10"?); expected "latest" or one of: Turnout at 10:10, Turnout at 18:10, Turnout at 22:10',
    });
    const early = releaseStages(elections, DateTime.fromISO("2023-03-19T20:00:00+06:00", { setZone: true }), false);
    assert.match((figure(early, ["kz-mazhilis-2023", "regions", "turnout", "aktobe", "Turnout at 22:10"]) as { message: string }).message, /no set of figures "Turnout at 22:10" released/);
  });

  it("holds back sets timed after now, and the page with them", async () => {
    const { elections } = await loadResults("_data");
    const at = (iso: string) => releaseStages(elections, DateTime.fromISO(iso, { setZone: true }), false)["kz-mazhilis-2023"];
    assert.equal(at("2023-03-19T20:00:00+06:00")?.regions?.stages.length, 2);
    assert.equal(at("2023-03-20T12:00:00+06:00")?.regions?.stages.length, 3);
    const early = releaseStages(elections, DateTime.fromISO("2023-03-19T20:00:00+06:00", { setZone: true }), false);
    assert.equal(early["kz-mazhilis-2023"]?.latest.kind, "exit-poll");
    const preview = releaseStages(elections, DateTime.fromISO("2023-03-19T09:00:00+06:00", { setZone: true }), true)["kz-mazhilis-2023"]!;
    assert.deepEqual(preview.regions?.stages.map((s) => s.scheduled), [true, true, true]);
  });
});

describe("results by region: each mistake named with its file and field", () => {
  it("a region, party or tile that does not match", async () => {
    const dir = await sampleData((files) => {
      const [first] = files.regions["stages"] as Stage[];
      first!.results[0]!.region = "abay";
      first!.results[1]!.shares = { amanat: 60, "nur-otan": 50 };
      delete files.map.hexes["shymkent"];
    });
    assert.deepEqual(await messages(dir), [
      'regions/kz-mazhilis-2023.json regions.shymkent: the map "kz-regions" has no tile for "shymkent"; add one to _data/maps/kz-regions.json',
      'regions/kz-mazhilis-2023.json stages[0].results[0].region: "abay" is not declared in regions (did you mean "abai"?)',
      'regions/kz-mazhilis-2023.json stages[0].results[1].shares: "nur-otan" is not a party of kz-mazhilis-2023',
      "regions/kz-mazhilis-2023.json stages[0].results[1].shares: shares sum to 110 %, more than 100 %",
    ]);
  });

  it("a file for no election, a missing map, two tiles in one place, a typo in a field", async () => {
    const dir = await sampleData((files) => {
      files.regions["map"] = "kz-oblasts";
      files.regions["regoins"] = {};
    });
    await writeFile(path.join(dir, "regions/kz-mazhilis-2024.json"), "{}");
    assert.deepEqual(await messages(dir), [
      'regions/kz-mazhilis-2023.json regoins: unknown field (did you mean "regions"?); a typo here would be ignored, so it is an error',
      'regions/kz-mazhilis-2024.json (file name): the file name is the id of its election: no election file has the id "kz-mazhilis-2024" (did you mean "kz-mazhilis-2021"?)',
    ]);
    const noMap = await sampleData((files) => (files.regions["map"] = "kz-oblasts"));
    assert.deepEqual(await messages(noMap), [
      'maps/kz-oblasts.json (file): no such map layout: expected a HexJSON file here, such as { "layout": "odd-r", "hexes": { "<region id>": { "q": 0, "r": 0 } } }',
    ]);
    const clash = await sampleData((files) => (files.map.hexes["shymkent"] = { q: 1, r: 1 }));
    assert.deepEqual(await messages(clash), ['maps/kz-regions.json hexes.shymkent: q 1, r 1 is also "turkestan"\'s place; each tile needs its own']);
  });
});
