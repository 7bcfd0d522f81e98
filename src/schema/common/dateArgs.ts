import { isValidPartialDate, earliestDay, latestDay } from "../../domain/dates.ts";
import { badInput } from "../../domain/errors.ts";

/** A date argument as the first or last day it can mean; BAD_USER_INPUT names the argument. */
export function dayBound(value: string | undefined | null, bound: "start" | "end", argument: string): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (!isValidPartialDate(value)) {
    throw badInput(`\`${argument}\` must be an ISO 8601 date (2018, 2018-12 or 2018-12-18); got "${value.slice(0, 40)}".`, { argument });
  }
  return bound === "start" ? earliestDay(value) : latestDay(value);
}
