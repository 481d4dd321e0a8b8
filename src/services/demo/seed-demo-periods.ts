import { eq } from "drizzle-orm";
import { insertChunked } from "../../db/bulk";
import type { Tx } from "../../db/client";
import { periods, progressEntries, targets } from "../../db/schema/period";
import type { indicators } from "../../db/schema/scheme";
import { sheetItems, sheetRequests, sheets } from "../../db/schema/sheet";
import { appliesTo, listIndicators, needsTarget, type SchemeDocument } from "../../domain/scheme";
import type { Actor } from "../audit/audit";
import { recomputePeriod } from "../scoring/scoring-service";
import { followUpTarget, monthlySeries, PROGRESS_CODES, yearEndValues } from "./demo-values";
import type { Random } from "./random";
import type { SeededPerson } from "./seed-demo-county";

interface PeriodSeedContext {
  random: Random;
  schemeId: number;
  scheme: SchemeDocument;
  indicatorRows: (typeof indicators.$inferSelect)[];
  people: SeededPerson[];
}

type ItemValue = number | boolean | string;

const valueColumns = (value: ItemValue | undefined, prefix: "self" | "verified") => ({
  [`${prefix}Value`]: typeof value === "number" ? value : null,
  [`${prefix}Flag`]: typeof value === "boolean" ? value : null,
  [`${prefix}Rating`]: typeof value === "string" ? value : null,
});

// Assessor corrections in the published 2025 period: employee number, indicator, verified value, reason.
const CORRECTIONS: readonly [string, string, number, string][] = [
  ["GY0304", "B1", 198, "核查随访登记台账，重复登记 14 人次，核减后为 198 人次"],
  ["GY1902", "A1", 86.5, "抽查发现 2 例政策外生育未计入，政策符合率核定为 86.5%"],
  ["GY2303", "D2", 28, "培训签到表缺 2 次，学时核定为 28"],
  ["GY0702", "C3", 1, "县卫健局通报《出生医学证明》补发登记差错 1 起"],
];

/** The published 2025 period (with corrections, one veto, 复核 and 申诉) and the open 2026 period. */
export async function seedDemoPeriods(tx: Tx, actor: Actor, ctx: PeriodSeedContext): Promise<number[]> {
  const [p2025, p2026] = await tx
    .insert(periods)
    .values([
      {
        countyId: actor.countyId,
        year: 2025,
        name: "2025年度目标管理考核",
        schemeId: ctx.schemeId,
        status: "published" as const,
        selfReportDeadline: "2026-01-10",
        reviewDeadline: "2026-01-20",
        recheckDeadline: "2026-02-15",
        appealDeadline: "2026-02-28",
        publishedAt: new Date("2026-02-05T09:00:00+08:00"),
      },
      {
        countyId: actor.countyId,
        year: 2026,
        name: "2026年度目标管理考核",
        schemeId: ctx.schemeId,
        status: "open" as const,
        selfReportDeadline: "2027-01-10",
        reviewDeadline: "2027-01-20",
        recheckDeadline: "2027-02-15",
        appealDeadline: "2027-02-28",
      },
    ])
    .returning({ id: periods.id });
  if (!p2025 || !p2026) throw new Error("period insert returned nothing");
  const b1Targets = new Map(ctx.people.map((p) => [p.id, followUpTarget(ctx.random)]));
  for (const periodId of [p2025.id, p2026.id])
    await insertTargets(tx, actor.countyId, periodId, ctx, b1Targets);
  await seedPublished2025(tx, actor, p2025.id, ctx, b1Targets);
  await seedOpen2026(tx, actor, p2026.id, ctx, b1Targets);
  return [p2025.id, p2026.id];
}

function codeToId(ctx: PeriodSeedContext): Map<string, number> {
  return new Map(ctx.indicatorRows.map((row) => [row.code, row.id]));
}

async function insertTargets(
  tx: Tx,
  countyId: number,
  periodId: number,
  ctx: PeriodSeedContext,
  b1: Map<number, number>,
) {
  const ids = codeToId(ctx);
  const rows = ctx.people.flatMap((person) =>
    listIndicators(ctx.scheme)
      .filter((indicator) => appliesTo(indicator, person.category) && needsTarget(indicator.rule))
      .map((indicator) => {
        const personal = indicator.code === "B1" ? b1.get(person.id) : undefined;
        const isOverride = personal !== undefined && personal !== indicator.target;
        return {
          countyId,
          periodId,
          personId: person.id,
          indicatorId: ids.get(indicator.code) ?? -1,
          value: isOverride ? personal : (indicator.target ?? 0),
          source: isOverride ? ("override" as const) : ("default" as const),
          reason: isOverride ? "按辖区育龄妇女数调整随访目标" : null,
        };
      }),
  );
  await insertChunked(tx, targets, rows);
}

async function createSheets(
  tx: Tx,
  countyId: number,
  periodId: number,
  ctx: PeriodSeedContext,
  status: "draft" | "published",
) {
  const rows = await tx
    .insert(sheets)
    .values(
      ctx.people.map((p) => ({
        countyId,
        periodId,
        personId: p.id,
        stationId: p.stationId,
        townshipId: p.townshipId,
        category: p.category,
        status,
      })),
    )
    .returning({ id: sheets.id, personId: sheets.personId });
  return new Map(rows.map((row) => [row.personId ?? 0, row.id]));
}

async function seedPublished2025(
  tx: Tx,
  actor: Actor,
  periodId: number,
  ctx: PeriodSeedContext,
  b1: Map<number, number>,
) {
  const ids = codeToId(ctx);
  const sheetOf = await createSheets(tx, actor.countyId, periodId, ctx, "published");
  const items: Record<string, unknown>[] = [];
  const progress: Record<string, unknown>[] = [];
  for (const person of ctx.people) {
    const values = yearEndValues(ctx.random, person.quality, b1.get(person.id) ?? 240, person.examScore);
    // One 瞒报漏报 case found by the county: the only vetoed sheet of 2025.
    if (person.employeeNo === "GY1904") values.V1 = true;
    for (const indicator of listIndicators(ctx.scheme).filter((i) => appliesTo(i, person.category))) {
      const value = values[indicator.code];
      const correction = CORRECTIONS.find(
        ([no, code]) => no === person.employeeNo && code === indicator.code,
      );
      const bySelf = indicator.source === "self";
      items.push({
        countyId: actor.countyId,
        sheetId: sheetOf.get(person.id),
        indicatorId: ids.get(indicator.code),
        ...valueColumns(bySelf ? value : undefined, "self"),
        ...valueColumns(correction ? correction[2] : bySelf ? undefined : value, "verified"),
        changeReason: correction?.[3] ?? null,
      });
    }
    for (const code of PROGRESS_CODES) {
      const yearEnd = values[code];
      if (typeof yearEnd !== "number") continue;
      monthlySeries(ctx.random, code, yearEnd, 12).forEach((value, m) => {
        progress.push({
          countyId: actor.countyId,
          periodId,
          personId: person.id,
          indicatorId: ids.get(code),
          month: m + 1,
          value,
        });
      });
    }
  }
  await insertChunked(tx, sheetItems, items);
  await insertChunked(tx, progressEntries, progress);
  await tx
    .update(sheets)
    .set({
      submittedAt: new Date("2026-01-08T10:00:00+08:00"),
      reviewedAt: new Date("2026-01-16T10:00:00+08:00"),
      scoredAt: new Date("2026-01-28T10:00:00+08:00"),
    })
    .where(eq(sheets.periodId, periodId));
  await recomputePeriod(tx, periodId);
  await seedRequests(tx, actor, ctx, sheetOf, ids);
}

// 复核 and 申诉 filed during 公示: one recheck kept, one still open, one appeal rejected.
async function seedRequests(
  tx: Tx,
  actor: Actor,
  ctx: PeriodSeedContext,
  sheetOf: Map<number, number>,
  ids: Map<string, number>,
) {
  const sheetFor = (employeeNo: string) =>
    sheetOf.get(ctx.people.find((p) => p.employeeNo === employeeNo)?.id ?? -1) ?? -1;
  const decided = new Date("2026-02-12T15:00:00+08:00");
  await tx.insert(sheetRequests).values([
    {
      countyId: actor.countyId,
      sheetId: sheetFor("GY0304"),
      kind: "recheck",
      indicatorId: ids.get("B1"),
      reason: "重复登记的 14 人次中有 6 人次为不同日期的两次随访，请复核",
      filedAt: new Date("2026-02-07T09:30:00+08:00"),
      outcome: "kept",
      decisionReason: "复核随访记录，6 人次两次随访间隔不足规定天数，按一次计，维持原核定",
      decidedAt: decided,
    },
    {
      countyId: actor.countyId,
      sheetId: sheetFor("GY2303"),
      kind: "recheck",
      indicatorId: ids.get("D2"),
      reason: "第三季度参加市级培训 8 学时，证书已补交",
      filedAt: new Date("2026-02-10T11:00:00+08:00"),
    },
    {
      countyId: actor.countyId,
      sheetId: sheetFor("GY1904"),
      kind: "appeal",
      reason: "瞒报系村级信息员漏报，本人已及时补报，请求撤销一票否决",
      filedAt: new Date("2026-02-18T16:00:00+08:00"),
      outcome: "rejected",
      decisionReason: "经核查，漏报信息在本人核查范围内，且超过规定补报时限，维持一票否决",
      decidedAt: new Date("2026-02-26T10:00:00+08:00"),
    },
  ]);
  await tx
    .update(sheets)
    .set({ status: "recheck_requested" })
    .where(eq(sheets.id, sheetFor("GY2303")));
  await tx
    .update(sheets)
    .set({ status: "appealed" })
    .where(eq(sheets.id, sheetFor("GY1904")));
}

async function seedOpen2026(
  tx: Tx,
  actor: Actor,
  periodId: number,
  ctx: PeriodSeedContext,
  b1: Map<number, number>,
) {
  const ids = codeToId(ctx);
  const sheetOf = await createSheets(tx, actor.countyId, periodId, ctx, "draft");
  const items = ctx.people.flatMap((person) =>
    listIndicators(ctx.scheme)
      .filter((i) => appliesTo(i, person.category))
      .map((i) => ({
        countyId: actor.countyId,
        sheetId: sheetOf.get(person.id),
        indicatorId: ids.get(i.code),
      })),
  );
  await insertChunked(tx, sheetItems, items);
  const progress: Record<string, unknown>[] = [];
  for (const person of ctx.people) {
    const outlook = yearEndValues(
      ctx.random,
      Math.min(1, person.quality + 0.05),
      b1.get(person.id) ?? 240,
      person.examScore,
    );
    for (const code of PROGRESS_CODES) {
      const yearEnd = outlook[code];
      if (typeof yearEnd !== "number") continue;
      // Through October: the session's "now" is late in the 2026 assessment year.
      monthlySeries(ctx.random, code, yearEnd, 10).forEach((value, m) => {
        progress.push({
          countyId: actor.countyId,
          periodId,
          personId: person.id,
          indicatorId: ids.get(code),
          month: m + 1,
          value,
        });
      });
    }
  }
  await insertChunked(tx, progressEntries, progress);
}
