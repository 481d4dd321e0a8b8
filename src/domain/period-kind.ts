// 考核周期的种类: the annual assessment (年度), a quarterly check (季度) and a campaign (专项活动) with its own
// dates. A county has at most one annual period per year, one per quarter of a year, and any number of
// campaigns (each name once a year). Results are compared only between periods of the same kind.

export const PERIOD_KINDS = ["annual", "quarter", "campaign"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  annual: "年度考核",
  quarter: "季度考核",
  campaign: "专项活动",
};

export interface PeriodKindFields {
  kind: PeriodKind;
  quarter?: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** How a period of this kind is named in messages: 2026年度, 2026年第2季度, 2026年专项活动《…》. */
export function periodKindTitle(year: number, period: PeriodKindFields & { name: string }): string {
  if (period.kind === "quarter") return `${year}年第${period.quarter}季度`;
  if (period.kind === "campaign") return `${year}年专项活动《${period.name}》`;
  return `${year}年度`;
}

/** The fields a kind needs and forbids, as `{path, message}` issues (empty when consistent). */
export function periodKindIssues(period: PeriodKindFields): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const hasQuarter = period.quarter !== undefined && period.quarter !== null;
  if (period.kind === "quarter" && !hasQuarter)
    issues.push({
      path: "quarter",
      message: "季度考核须指明季度（1–4） a quarterly period needs its quarter",
    });
  if (period.kind !== "quarter" && hasQuarter)
    issues.push({ path: "quarter", message: "只有季度考核有季度 only a quarterly period has a quarter" });
  if (period.kind === "campaign") {
    if (!period.startsOn)
      issues.push({ path: "startsOn", message: "专项活动须有开始日期 a campaign needs its start date" });
    if (!period.endsOn)
      issues.push({ path: "endsOn", message: "专项活动须有结束日期 a campaign needs its end date" });
    if (period.startsOn && period.endsOn && period.endsOn < period.startsOn)
      issues.push({
        path: "endsOn",
        message: "结束日期不能早于开始日期 the end date is before the start date",
      });
  }
  return issues;
}

/** A period's name as report and export titles carry it: the annual name alone, others with their kind. */
export function periodHeading(period: PeriodKindFields & { name: string }): string {
  if (period.kind === "quarter") return `${period.name}（第${period.quarter}季度）`;
  if (period.kind === "campaign")
    return `${period.name}（专项活动${period.startsOn && period.endsOn ? ` ${period.startsOn}至${period.endsOn}` : ""}）`;
  return period.name;
}
