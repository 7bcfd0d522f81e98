import { describe, expect, it } from "vitest";
import { comparePartialDates, earliestDay, isValidPartialDate, latestDay } from "../../src/domain/dates.ts";

describe("partial ISO dates", () => {
  it("accept year, month and day precision and refuse impossible dates", () => {
    for (const ok of ["2018", "2018-12", "2018-12-18", "2016-02-29"]) expect(isValidPartialDate(ok)).toBe(true);
    for (const bad of ["2018-13", "2018-02-30", "2017-02-29", "18-12-01", "2018-1-5", "2018-12-00"]) expect(isValidPartialDate(bad)).toBe(false);
  });

  it("widen to the interval they name", () => {
    expect([earliestDay("2018"), latestDay("2018")]).toEqual(["2018-01-01", "2018-12-31"]);
    expect([earliestDay("2016-02"), latestDay("2016-02")]).toEqual(["2016-02-01", "2016-02-29"]);
    expect(latestDay("2018-12-18")).toBe("2018-12-18");
  });

  it("sort with the more precise date first among equal starts", () => {
    expect(["2018-12", "2018", "2018-12-01", "2014"].sort(comparePartialDates)).toEqual(["2014", "2018", "2018-12-01", "2018-12"]);
  });
});
