import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { townships } from "../../db/schema/org";
import { periods } from "../../db/schema/period";
import { indicators } from "../../db/schema/scheme";
import { sheetItems, sheets } from "../../db/schema/sheet";
import campaignSchemeDocument from "../../db/seed/campaign-scheme.json";
import { parseScheme } from "../../domain/scheme";
import type { Actor } from "../audit/audit";
import { saveNoticeTemplate } from "../periods/notice-service";
import { decidePreVeto, recordConsequence } from "../periods/outcome-service";
import { createTownshipSheets } from "../periods/period-members-service";
import { transitionPeriodStatus } from "../periods/period-service";
import { importScheme } from "../schemes/scheme-service";
import { recomputePeriod } from "../scoring/scoring-service";
import { DEMO_TOWNSHIPS } from "./county-data";

// The leading group's minutes, item 一: the 2026 spring campaign (春季人口计生集中宣传优质服务活动) assessed the
// 26 townships themselves — 自查自纠 by each township, then 督查 by the county — and the 通报 put the bottom two,
// 杨柳乡 and 浩塘镇, under 预否决 with economic and organisational penalties.

export const DEMO_CAMPAIGN_NAME = "2026年度春季人口计生集中宣传优质服务活动";
export const DEMO_NOTICE_NUMBER = "桂人口组发〔2026〕5号";
const PRE_VETO_REASON = "县人口计生工作领导小组会议议定：综合得分排在全县后两位，实行“预否决”";

const DEMO_NOTICE_TEMPLATE = {
  issuer: "桂阳县人口和计划生育工作领导小组",
  documentNoPrefix: "桂人口组发",
  body: [
    "根据县人口计生工作领导小组的安排，{周期}期间，全县{乡镇数}个乡镇（街道）先行自查自纠，县督查组对照考核方案逐一督查评分，考核结果已经公示。",
    "从督查情况看，{第一名}综合得分位居全县第一，活动组织有力，优质服务覆盖面广，群众满意度高，予以通报表扬。",
    "{预否决乡镇}综合得分排在全县后两位。经领导小组研究，对{预否决乡镇}实行“预否决”，并{预否决处理}。",
    "各乡镇（街道）要对照考核结果，查找差距，落实整改，全力推进创建国家计划生育优质服务先进县工作。",
  ].join("\n"),
};

// The township's own figures, from how well its station works (county-data quality, 0..1): the lower the
// quality, the lower every item, so 杨柳乡 (0.42) and 浩塘镇 (0.44) are the bottom two by construction.
const ratingOf = (quality: number) =>
  quality >= 0.7 ? "优" : quality >= 0.6 ? "良" : quality >= 0.5 ? "中" : "差";
const coverageOf = (quality: number) => Math.round((70 + quality * 25) * 10) / 10; // S2, % against 90
const satisfactionOf = (quality: number) => Math.round((80 + quality * 20) * 10) / 10; // S3, %

// One 督查 correction: the inspectors' sample found lower coverage than the township reported.
const CORRECTION = {
  township: "太和镇",
  code: "S2",
  value: 82.5,
  reason: "抽查 40 户，覆盖 33 户，核定为 82.5%",
};

/**
 * Seeds the campaign period: the township-assessed campaign scheme, 26 township sheets self-checked and
 * inspected, the result published (公示) with 预否决 confirmed by the admin and archived (归档), the penalties
 * recorded after that, and the county's 通报 template. Goes through the services, so the audit trail tells it as it would have happened.
 */
export async function seedDemoCampaign(tx: Tx, system: Actor, admin: Actor): Promise<number> {
  const parsed = parseScheme(campaignSchemeDocument);
  if (!parsed.ok) throw new Error(`campaign scheme is invalid: ${JSON.stringify(parsed.issues)}`);
  const scheme = await importScheme(tx, system, parsed.scheme);
  const [period] = await tx
    .insert(periods)
    .values({
      countyId: system.countyId,
      year: 2026,
      name: DEMO_CAMPAIGN_NAME,
      kind: "campaign",
      startsOn: "2026-03-01",
      endsOn: "2026-04-30",
      schemeId: scheme.id,
      status: "assessing",
      selfReportDeadline: "2026-05-08",
      reviewDeadline: "2026-05-12",
      recheckDeadline: "2026-06-05",
      appealDeadline: "2026-06-15",
    })
    .returning({ id: periods.id });
  if (!period) throw new Error("campaign period insert returned nothing");
  const townshipRows = await tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(eq(townships.countyId, system.countyId))
    .orderBy(asc(townships.sortOrder));
  await createTownshipSheets(
    tx,
    system.countyId,
    period.id,
    scheme.id,
    townshipRows.map((t) => t.id),
  );
  await fillSheets(tx, period.id, scheme.id, townshipRows);
  await recomputePeriod(tx, period.id); // as marking the last sheet scored does: the proposals to decide on
  for (const name of ["杨柳乡", "浩塘镇"]) {
    const township = townshipRows.find((t) => t.name === name);
    if (!township) throw new Error(`no township ${name}`);
    await decidePreVeto(tx, admin, period.id, {
      townshipId: township.id,
      decision: "confirm",
      reason: PRE_VETO_REASON,
    });
  }
  await transitionPeriodStatus(tx, admin, period.id, "publish");
  await tx
    .update(periods)
    .set({ publishedAt: new Date("2026-05-20T09:00:00+08:00") })
    .where(eq(periods.id, period.id));
  // 归档 once 复核 and 申诉 were over; the penalties were applied afterwards, as is usual (docs/SCHEME.md 5.6).
  await transitionPeriodStatus(tx, admin, period.id, "finalize");
  await tx
    .update(periods)
    .set({ finalizedAt: new Date("2026-06-20T09:00:00+08:00") })
    .where(eq(periods.id, period.id));
  for (const name of ["杨柳乡", "浩塘镇"]) await recordPenalties(tx, admin, period.id, townshipRows, name);
  await saveNoticeTemplate(tx, admin, DEMO_NOTICE_TEMPLATE);
  return period.id;
}

async function fillSheets(
  tx: Tx,
  periodId: number,
  schemeId: number,
  townshipRows: { id: number; name: string }[],
) {
  const codeOf = new Map(
    (
      await tx
        .select({ id: indicators.id, code: indicators.code })
        .from(indicators)
        .where(eq(indicators.schemeId, schemeId))
    ).map((row) => [row.id, row.code]),
  );
  const items = await tx
    .select({ id: sheetItems.id, indicatorId: sheetItems.indicatorId, townshipId: sheets.townshipId })
    .from(sheetItems)
    .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
    .where(and(eq(sheets.periodId, periodId), isNull(sheets.personId)));
  for (const item of items) {
    const township = townshipRows.find((t) => t.id === item.townshipId);
    const quality = DEMO_TOWNSHIPS.find((t) => t.name === township?.name)?.quality ?? 0.6;
    const code = codeOf.get(item.indicatorId);
    const corrected = township?.name === CORRECTION.township && code === CORRECTION.code;
    const values =
      code === "S1"
        ? { verifiedRating: ratingOf(quality) }
        : code === "S2"
          ? {
              selfValue: coverageOf(quality),
              note: "活动台账、服务对象花名册",
              ...(corrected ? { verifiedValue: CORRECTION.value, changeReason: CORRECTION.reason } : {}),
            }
          : { selfValue: satisfactionOf(quality) };
    await tx.update(sheetItems).set(values).where(eq(sheetItems.id, item.id));
  }
  await tx
    .update(sheets)
    .set({
      status: "scored",
      submittedAt: new Date("2026-05-06T10:00:00+08:00"),
      reviewedAt: new Date("2026-05-11T10:00:00+08:00"),
      scoredAt: new Date("2026-05-14T10:00:00+08:00"),
    })
    .where(eq(sheets.periodId, periodId));
}

// 兑现: the scheme's three 预否决 measures (经济处罚, 组织处罚), applied under the 通报's number.
async function recordPenalties(
  tx: Tx,
  admin: Actor,
  periodId: number,
  townshipRows: { id: number; name: string }[],
  name: string,
) {
  const townshipId = townshipRows.find((t) => t.name === name)?.id;
  if (townshipId === undefined) throw new Error(`no township ${name}`);
  await recordConsequence(tx, admin, periodId, {
    townshipId,
    kind: "economic",
    measure: "扣减人口计生工作经费",
    amount: 20000,
    appliedOn: "2026-06-30",
    documentNo: DEMO_NOTICE_NUMBER,
    note: "从下半年人口计生工作经费中扣减",
  });
  await recordConsequence(tx, admin, periodId, {
    townshipId,
    kind: "organisational",
    measure: "通报批评",
    appliedOn: "2026-05-20",
    documentNo: DEMO_NOTICE_NUMBER,
  });
  await recordConsequence(tx, admin, periodId, {
    townshipId,
    kind: "organisational",
    measure: "取消年度评先评优资格",
    appliedOn: "2026-05-20",
    documentNo: DEMO_NOTICE_NUMBER,
  });
}
