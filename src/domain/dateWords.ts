/**
 * Dates as a reader writes them: "2018-12-18" is "18 December 2018", "2018-12" is "December 2018",
 * "2018" stays "2018". Plain functions with no imports: the browser pages bundle this file.
 */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** An ISO 8601 date of any precision (a time part is dropped) in words; anything else is returned as is. */
export function dateInWords(iso: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/.exec(iso.trim());
  if (!match) return iso;
  const [, year, month, day] = match;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** "on 18 December 2018", "in December 2018", "in 2018": the preposition a date of that precision takes. */
export function onDate(iso: string): string {
  const words = dateInWords(iso);
  return /^\d{1,2} /.test(words) ? `on ${words}` : `in ${words}`;
}
