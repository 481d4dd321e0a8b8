const chinaDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in China Standard Time, as `YYYY-MM-DD`: deadlines are calendar days there. */
export function chinaToday(now = new Date()): string {
  return chinaDay.format(now);
}

/** The last month of `year` that has begun in China (12 after the year, 0 before it). */
export function lastOpenMonth(year: number, now = new Date()): number {
  const today = chinaToday(now);
  const thisYear = Number(today.slice(0, 4));
  if (thisYear > year) return 12;
  if (thisYear < year) return 0;
  return Number(today.slice(5, 7));
}
