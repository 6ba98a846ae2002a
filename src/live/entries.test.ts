import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { checkEntries, clockTime, liveStatus, splitEntries, type EntryRules } from "./entries.ts";

const ZONE = "Asia/Almaty";
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const RULES: EntryRules = {
  date: at("2023-03-19T08:00:00+06:00"),
  start: at("2023-03-19T08:00:00+06:00"),
  end: at("2023-03-20T13:00:00+06:00"),
  zone: ZONE,
  authors: ["tomas-pell", "nadia-arkwright"],
};

const BODY = [
  "An introduction.",
  "",
  "::: 08:00 | Polls open | by nadia-arkwright | key",
  "Voting has begun.",
  "",
  "::: 10:20",
  "Turnout 14.21 %.",
  "",
  "::: 2023-03-20T12:15 | key | Preliminary results | by tomas-pell, nadia-arkwright",
  "Six parties win seats.",
].join("\n");

describe("splitEntries", () => {
  it("reads the introduction and each entry's time, title, byline and key flag, with the file's lines", () => {
    const { intro, entries, problems } = splitEntries(BODY, 10);
    assert.deepEqual(problems, []);
    assert.equal(intro, "An introduction.");
    assert.deepEqual(
      entries.map((e) => [e.line, e.time, e.title, e.byline, e.key, e.body]),
      [
        [12, "08:00", "Polls open", ["nadia-arkwright"], true, "Voting has begun."],
        [15, "10:20", undefined, [], false, "Turnout 14.21 %."],
        [18, "2023-03-20T12:15", "Preliminary results", ["tomas-pell", "nadia-arkwright"], true, "Six parties win seats."],
      ],
    );
  });

  it("reports an entry without a time or text, two titles and empty parts, at their lines", () => {
    const { problems } = splitEntries([":::", "Text.", "::: 09:00 | One | Two", "Text.", "::: 10:00 || key", "", "::: 11:00", ""].join("\n"), 5);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message.slice(0, 26)]),
      [
        [5, 'expected a time after ":::'],
        [7, 'two titles ("One" and "Two'],
        [9, 'an empty part between "|":'],
        [9, "has no text: write the upd"],
        [11, "has no text: write the upd"],
      ],
    );
  });

  it("treats a body without ::: lines as all introduction", () => {
    assert.deepEqual(splitEntries("Just text.\n\n:::not a marker", 1).entries, []);
  });
});

describe("checkEntries", () => {
  it("reads bare times on the story's day in the site's zone and gives each entry an anchor from its time", () => {
    const { entries, problems } = checkEntries(splitEntries(BODY, 1).entries, RULES);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.id, e.time]),
      [
        ["update-20230319-0800", "2023-03-19T08:00:00+06:00"],
        ["update-20230319-1020", "2023-03-19T10:20:00+06:00"],
        ["update-20230320-1215", "2023-03-20T12:15:00+06:00"],
      ],
    );
  });

  it("keeps anchors apart for entries in the same minute", () => {
    const { entries } = checkEntries(splitEntries("::: 09:00\nA.\n::: 09:00\nB.\n::: 09:00\nC.", 1).entries, RULES);
    assert.deepEqual(entries.map((e) => e.id), ["update-20230319-0900", "update-20230319-0900-2", "update-20230319-0900-3"]);
  });

  it("reports entries out of order, outside the coverage, with unreadable times or unknown authors, naming the line", () => {
    const body = [
      "::: 10:00", "A.", // 1
      "::: 09:00", "Out of order.", // 3
      "::: 07:30", "Before the start.", // 5
      "::: 11:00 | by tomas-pel", "Typo.", // 7
      "::: 25:10", "Not a time.", // 9
      "::: 2023-03-19", "No time.", // 11
      "::: 2023-03-21T09:00:00+06:00", "After the end.", // 13
    ].join("\n");
    const { problems } = checkEntries(splitEntries(body, 1).entries, RULES);
    const lines = problems.map((p) => `${p.line}: ${p.field}: ${p.message}`);
    assert.equal(lines.length, 7, lines.join("\n"));
    assert.match(lines[0]!, /^3: live entry time: 2023-03-19T09:00:00\+06:00 is before the entry above it \(2023-03-19T10:00:00\+06:00, line 1\); entries go oldest first/);
    assert.match(lines[1]!, /^5: live entry time: 2023-03-19T07:30:00\+06:00 is outside the coverage/);
    assert.match(lines[2]!, /^5: live entry time: .* is before the entry above it/);
    assert.match(lines[3]!, /^7: live entry byline: unknown author "tomas-pel" \(did you mean "tomas-pell"\?\)/);
    assert.match(lines[4]!, /^9: live entry time: "25:10" is not a time of day/);
    assert.match(lines[5]!, /^11: live entry time: "2023-03-19": expected a time on the story's day such as "18:15", or a time as well as a date/);
    assert.match(lines[6]!, /^13: live entry time: 2023-03-21T09:00:00\+06:00 is outside the coverage \(live.start to live.end: 2023-03-19T08:00:00\+06:00 to 2023-03-20T13:00:00\+06:00\)/);
  });
});

describe("liveStatus and clockTime", () => {
  it("is upcoming before the start, live until the end, ended from it", () => {
    assert.deepEqual([liveStatus(10, 20, 9), liveStatus(10, 20, 10), liveStatus(10, 20, 19), liveStatus(10, 20, 20)], ["upcoming", "live", "live", "ended"]);
  });

  it("shows the time alone on the coverage's first day and the date after it, in the site's zone", () => {
    assert.equal(clockTime("2023-03-19T18:15:00+06:00", "2023-03-19T08:00:00+06:00", ZONE), "18:15");
    assert.equal(clockTime("2023-03-19T19:15:00Z", "2023-03-19T08:00:00+06:00", ZONE), "20 March, 01:15");
  });
});
