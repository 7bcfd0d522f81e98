/**
 * Partial ISO 8601 dates ("2018", "2018-12", "2018-12-18") are kept as given. To compare them, a
 * date is read as the interval it names: "2018-12" runs from 2018-12-01 to 2018-12-31.
 */
export function isValidPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, , month, day] = match;
  const year = Number(match[1]);
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  return d >= 1 && d <= daysInMonth(year, m);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day a partial date can mean, as YYYY-MM-DD. */
export function earliestDay(value: string): string {
  const [year, month = "01", day = "01"] = value.split("-");
  return `${year}-${month}-${day}`;
}

/** The last day a partial date can mean, as YYYY-MM-DD. */
export function latestDay(value: string): string {
  const [year, month, day] = value.split("-");
  if (month === undefined) return `${year}-12-31`;
  if (day === undefined) return `${year}-${month}-${String(daysInMonth(Number(year), Number(month))).padStart(2, "0")}`;
  return value;
}

/**
 * Orders partial dates: by earliest day, then the more precise first ("2018-12-01" before "2018-12"),
 * so a timeline reads naturally.
 */
export function comparePartialDates(a: string, b: string): number {
  const byStart = earliestDay(a).localeCompare(earliestDay(b));
  if (byStart !== 0) return byStart;
  return latestDay(a).localeCompare(latestDay(b));
}
