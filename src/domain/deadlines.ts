// Deadlines are calendar dates in China Standard Time (UTC+8, no daylight saving): a deadline of
// 2027-01-10 lasts until 2027-01-10 23:59:59.999 in 桂阳.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The last instant of a deadline date (YYYY-MM-DD) in China time. */
export function endOfDeadline(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1) - CHINA_OFFSET_MS - 1);
}

/** Whether `now` is past the deadline date. */
export function isPastDeadline(date: string, now: Date): boolean {
  return now.getTime() > endOfDeadline(date).getTime();
}

/** Today's date in China time, as YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The latest of some YYYY-MM-DD dates (ISO dates compare as strings). */
export function latestDate(first: string, ...rest: (string | null | undefined)[]): string {
  return rest.reduce<string>((latest, date) => (date && date > latest ? date : latest), first);
}

/** The deadline fields of a period in the order they must keep. */
export const DEADLINE_FIELDS = [
  "selfReportDeadline",
  "reviewDeadline",
  "recheckDeadline",
  "appealDeadline",
] as const;
export type DeadlineField = (typeof DEADLINE_FIELDS)[number];

/** The deadline fields whose date is already over at `now` (China time). */
export function pastDeadlines(dates: Partial<Record<DeadlineField, string>>, now: Date): DeadlineField[] {
  return DEADLINE_FIELDS.filter((field) => {
    const date = dates[field];
    return date !== undefined && isPastDeadline(date, now);
  });
}
