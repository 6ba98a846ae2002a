import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isoDateTime, parseDateTime, readableDate, readableDay, urlDatePath } from "./dates.ts";

const ASTANA = "Asia/Almaty";

function parse(input: unknown, zone = ASTANA) {
  const result = parseDateTime(input, zone);
  if (!result.ok) throw new Error(`expected a date, got: ${result.expected}`);
  return result.value;
}

describe("parseDateTime", () => {
  it("keeps a stated offset", () => {
    const date = parse("2023-03-19T21:40:00+06:00", "Europe/London");
    assert.equal(date.toISO({ suppressMilliseconds: true }), "2023-03-19T21:40:00+06:00");
  });

  it("reads a time without offset in the site's timezone, not UTC", () => {
    const date = parse("2023-03-19T21:40");
    assert.equal(date.toUTC().toISO({ suppressMilliseconds: true }), "2023-03-19T15:40:00Z");
  });

  it("takes Z as UTC", () => {
    assert.equal(parse("2023-03-19T15:40:00Z").toMillis(), parse("2023-03-19T21:40:00+06:00").toMillis());
  });

  it("refuses a date without a time and suggests one", () => {
    const result = parseDateTime("2023-03-19", ASTANA);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.expected : "", /a time as well as a date, such as "2023-03-19T09:00:00"/);
  });

  it("refuses impossible dates", () => {
    for (const input of ["2023-02-30T10:00:00+06:00", "2023-13-01T10:00", "2023-03-19T25:00"]) {
      const result = parseDateTime(input, ASTANA);
      assert.equal(result.ok, false, input);
      assert.match(!result.ok ? result.expected : "", /a real date-time/);
    }
  });

  it("refuses values that are not text", () => {
    for (const input of [20230319, new Date(), undefined, ["2023-03-19T10:00"]]) {
      assert.equal(parseDateTime(input, ASTANA).ok, false);
    }
  });

  it("refuses a date and time written with a space", () => {
    const result = parseDateTime("2023-03-19 21:40", ASTANA);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.expected : "", /"T" between date and time/);
  });
});

describe("formatting in the publication's timezone", () => {
  it("shows readers Astana time with the zone named", () => {
    assert.equal(readableDate(parse("2023-03-19T15:40:00Z"), ASTANA, "Astana time"), "19 March 2023, 21:40 (Astana time)");
    assert.equal(readableDay(parse("2023-03-19T15:40:00Z"), ASTANA), "19 March 2023");
  });

  it("writes machine dates with the offset kept", () => {
    assert.equal(isoDateTime(parse("2023-03-19T15:40:00Z"), ASTANA), "2023-03-19T21:40:00+06:00");
  });

  it("dates a story published at 00:30 Astana time on the 20th, though it is the 19th in UTC", () => {
    const date = parse("2023-03-20T00:30:00+06:00");
    assert.equal(date.toUTC().day, 19);
    assert.equal(urlDatePath(date, ASTANA), "2023/03/20");
    assert.equal(readableDay(date, ASTANA), "20 March 2023");
  });

  it("dates by the publication's zone, whatever zone the writer used", () => {
    assert.equal(urlDatePath(parse("2023-03-19T23:30:00-04:00"), ASTANA), "2023/03/20");
    assert.equal(urlDatePath(parse("2023-03-19T23:30:00-04:00"), "America/New_York"), "2023/03/19");
  });

  it("follows the zone's own history: Kazakhstan moved to UTC+5 in 2024", () => {
    assert.equal(isoDateTime(parse("2024-06-01T12:00:00Z"), ASTANA), "2024-06-01T17:00:00+05:00");
  });
});
