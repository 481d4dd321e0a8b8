import { z } from "zod";
import { PERIOD_KINDS } from "../domain/period-kind";
import { PERIOD_STATUSES as periodStatuses } from "../domain/period-state";
import { PERSON_CATEGORIES as personCategories } from "../domain/scheme";
import { EXEMPT_CATEGORIES, SHEET_STATUSES as sheetStatuses } from "../domain/sheet-state";
import type { openRequests } from "../services/assessment/request-list-service";
import type { comparePerson, compareTownship } from "../services/reports/report-compare-service";
import type { buildPersonReport } from "../services/reports/report-person-service";
import type {
  buildDashboard,
  buildPersonRanking,
  buildTownshipRanking,
} from "../services/reports/report-service";
import type { buildTownshipReport } from "../services/reports/report-township-service";

// Answer bodies of the reports (考核报告) and of the open 复核/申诉 list, for the OpenAPI document. The
// typecheck ties each schema to the service that builds the answer (see `Same` below): a field added,
// renamed or made nullable there fails the typecheck here until the schema follows.

const id = z.number().int();
const count = z.number().int();
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
/** A rate, share or average that is null where nothing was there to measure. */
const measure = z.number().nullable();
const category = z
  .enum([...personCategories, "township"])
  .describe("所内 / 选调, or township for a township's own sheet (乡镇考核表)");
const sheetStatus = z.enum(sheetStatuses);
const direction = z.enum(["higher", "lower", "band", "none"]);
const view = z
  .enum(["published", "provisional", "none"])
  .describe(
    "Which results the reader sees: published, provisional (未公示·仅供考核组, assessors and admins) or none",
  );
const shownView = z.enum(["published", "provisional"]);

const period = z.object({
  id,
  year: z.number().int(),
  name: z.string(),
  kind: z.enum(PERIOD_KINDS),
  quarter: z.number().int().nullable(),
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  status: z.enum(periodStatuses),
  publishedAt: instant.nullable(),
  countyName: z.string(),
});

const coverage = z
  .object({ label: z.string(), scored: count, total: count })
  .describe("未公示·仅供考核组: how many of the period's sheets are scored");

const indicator = z.object({
  code: z.string(),
  name: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  unit: z.string().nullable(),
  points: z.number(),
  ruleType: z.string(),
  source: z.enum(["self", "assessor"]),
  appliesToStation: z.boolean(),
  appliesToReassigned: z.boolean(),
  defaultTarget: z.number().nullable(),
  direction,
  additive: z.boolean(),
  decimals: z.number().int(),
  pointsLabel: z.enum(["bonus", "veto"]).nullable(),
});

const late = z.object({
  deadline: day,
  passed: z.boolean(),
  total: count,
  items: z.array(
    z.object({
      personId: id,
      employeeNo: z.string(),
      name: z.string(),
      townshipName: z.string(),
      status: sheetStatus,
    }),
  ),
});

const progress = z.object({
  total: count,
  submitted: count,
  reviewed: count,
  scored: count,
  townships: z.array(
    z.object({
      townshipId: id,
      name: z.string(),
      total: count,
      submitted: count,
      reviewed: count,
      scored: count,
    }),
  ),
  overdue: z.object({ selfReport: late.nullable(), review: late.nullable() }),
});

const statCell = z.object({
  completionRate: measure,
  scoreShare: measure,
  averageScore: measure,
  items: count,
});
const statsByCode = z.record(z.string(), statCell).describe("Per indicator code");

const rankingBase = z.object({
  townshipId: id,
  code: z.string(),
  name: z.string(),
  composite: z.number(),
  rank: z.number().int(),
  rankOf: count,
  hasVetoedMember: z.boolean(),
  scoredCount: count,
  grades: z.record(z.string(), count).describe("Scored members per grade (published only)"),
});
/** A township's line of the published ranking, as the engine stored it. */
const publishedTownship = rankingBase.extend({
  preVeto: z.boolean().describe("预否决 as the engine proposed it"),
  preVetoDecision: z.enum(["confirm", "add", "remove"]).nullable().describe("the admin's decision, if any"),
  preVetoDecided: z.boolean().describe("预否决 as decided"),
  staffMean: z.number().nullable(),
  ownTotal: z.number().nullable().describe("the township's own sheet total (乡镇考核表)"),
  memberCount: count,
});
/** A township's line of the provisional ranking over its scored members: no 预否决 before 公示. */
const provisionalTownship = rankingBase.extend({
  preVeto: z.null(),
  memberCount: z.null(),
  staffMean: z.number().nullable().describe("mean total of the scored members"),
  ownTotal: z.number().nullable().describe("the township's own sheet total, once scored"),
});
const townshipRanking = z.union([z.array(publishedTownship), z.array(provisionalTownship)]);

const dashboardBase = z.object({
  period,
  results: view,
  resultsVisible: z.boolean(),
  provisional: coverage.nullable(),
  indicators: z.array(indicator),
  progress,
  trend: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      decimals: z.number().int(),
      direction,
      months: z.array(
        z.object({ month: z.number().int(), completionRate: measure, averageValue: measure, people: count }),
      ),
    }),
  ),
});

/** GET /api/v1/reports/periods/:id/dashboard: results only where the reader's view allows them. */
export const dashboardBodySchema = z.union([
  dashboardBase.extend({
    townships: townshipRanking,
    grades: z
      .object({
        pool: count,
        ungraded: count,
        excellentQuota: z.number(),
        excellentLimit: count.describe("⌊pool × excellentQuota⌋: at most this many 优秀"),
        excellentCount: count,
        bands: z.array(z.object({ grade: z.string(), label: z.string(), min: z.number(), count })),
      })
      .nullable(),
    matrix: z.object({
      townships: z.array(z.object({ townshipId: id, name: z.string(), cells: statsByCode })),
      county: statsByCode,
    }),
    categories: z.array(
      z.object({
        category,
        count,
        averageTotal: measure,
        averageBase: measure,
        averageBonus: measure,
        vetoed: count,
        indicators: statsByCode,
      }),
    ),
  }),
  dashboardBase.extend({ townships: z.null(), grades: z.null(), matrix: z.null(), categories: z.null() }),
]);

/** GET /api/v1/reports/periods/:id/townships. */
export const townshipRankingBodySchema = z.object({
  period,
  results: shownView,
  provisional: coverage.nullable(),
  gradeBands: z.array(z.object({ grade: z.string(), label: z.string() })),
  items: townshipRanking,
});

const rankedPerson = z.object({
  sheetId: id,
  personId: id,
  employeeNo: z.string(),
  name: z.string(),
  category,
  position: z.string(),
  townshipId: id,
  townshipName: z.string(),
  status: sheetStatus,
  base: measure,
  bonus: measure,
  total: measure,
  vetoed: z.boolean(),
  rank: z.number().int().nullable(),
  townshipRank: z.number().int().nullable(),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
});
const personPage = z.object({
  period,
  results: shownView,
  limit: count,
  offset: count,
  total: count,
});

/** GET /api/v1/reports/periods/:id/people: published (grades, ranks) or provisional (scored only). */
export const personRankingBodySchema = z.union([
  personPage.extend({
    provisional: z.null(),
    items: z.array(
      rankedPerson.extend({
        exempt: z.enum(EXEMPT_CATEGORIES).nullable().describe("不参加本期考核: listed without results"),
        rankOf: count.nullable(),
      }),
    ),
  }),
  personPage.extend({
    provisional: coverage,
    items: z.array(
      rankedPerson.extend({
        rankOf: count,
        grade: z.null(),
        gradeLabel: z.null(),
        townshipRank: z.null(),
      }),
    ),
  }),
]);

const memberBase = z.object({
  personId: id,
  employeeNo: z.string(),
  name: z.string(),
  category,
  position: z.string(),
  status: sheetStatus,
});
const withheld = {
  grade: z.null(),
  rank: z.null(),
  townshipRank: z.null(),
  rankOf: z.null(),
  townshipRankOf: z.null(),
};
const member = z.union([
  memberBase.extend({
    scored: z.literal(true),
    base: measure,
    bonus: measure,
    total: measure,
    vetoed: z.boolean(),
    grade: z.string().nullable(),
    rank: z.number().int().nullable(),
    townshipRank: z.number().int().nullable(),
    rankOf: count,
    townshipRankOf: count,
  }),
  memberBase.extend({
    scored: z.literal(true),
    base: measure,
    bonus: measure,
    total: measure,
    vetoed: z.boolean(),
    ...withheld,
  }),
  memberBase.extend({
    scored: z.boolean(),
    base: z.null(),
    bonus: z.null(),
    total: z.null(),
    vetoed: z.null(),
    ...withheld,
  }),
]);

/** GET /api/v1/reports/periods/:id/townships/:townshipId. */
/** 多类扣分 per kind: cases, cases found by a higher level, and the deduction they make. */
const kindLines = z.array(
  z.object({ kind: z.string(), cases: z.number(), foundAbove: z.number(), deduction: z.number() }),
);
export const townshipReportBodySchema = z.object({
  period,
  township: z.object({ id, code: z.string(), name: z.string(), stationName: z.string().nullable() }),
  results: view,
  resultsVisible: z.boolean(),
  provisional: coverage.nullable(),
  progress,
  result: z.union([publishedTownship, provisionalTownship.omit({ grades: true })]).nullable(),
  members: z.array(member),
  indicators: z.array(
    indicator.extend({
      township: statCell.nullable(),
      county: statCell.nullable(),
      incidents: kindLines
        .nullable()
        .describe(
          "多类扣分: the township's scored sheets' cases and deductions per kind; null for other indicators",
        ),
    }),
  ),
});

const reportPerson = z.object({
  id,
  employeeNo: z.string(),
  name: z.string(),
  gender: z.enum(["male", "female"]).nullable(),
  category: z.enum(personCategories),
  position: z.string(),
  originUnit: z.string().nullable(),
  examScore: z.number().nullable(),
  reassignedOn: day.nullable(),
  active: z.boolean(),
  stationName: z.string(),
  townshipId: id,
  townshipName: z.string(),
});
/** A value of any kind: a number, a yes/no (veto), a rating label or counts per incident kind (多类扣分). */
const itemValue = z
  .union([
    z.number(),
    z.boolean(),
    z.string(),
    z.record(z.string(), z.union([z.number(), z.array(z.number())])),
  ])
  .nullable();

const personReportBase = z.object({
  period,
  person: reportPerson,
  results: view,
  resultsVisible: z.boolean(),
  progress: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      decimals: z.number().int(),
      direction,
      target: z.number().nullable(),
      months: z.array(
        z.object({ month: z.number().int(), value: z.number(), revision: count, completionRate: measure }),
      ),
    }),
  ),
});
const sheetWhere = z.object({
  status: sheetStatus,
  townshipId: id,
  townshipName: z.string(),
  category,
  poolSize: count,
  townshipSize: count,
  reviewComment: z.string().nullable(),
});

/** GET /api/v1/reports/periods/:id/people/:personId: the personal year-end report. */
export const personReportBodySchema = z.union([
  personReportBase.extend({
    sheet: z.union([
      sheetWhere.extend({
        resultsVisible: z.literal(true),
        results: shownView,
        provisional: z.object({ label: z.string() }).nullable(),
        base: measure,
        bonus: measure,
        total: measure,
        vetoed: z.boolean(),
        proRating: z.object({
          rawPoints: z.number(),
          possiblePoints: z.number(),
          scaled: z.boolean(),
          formula: z.string(),
          note: z.string().nullable(),
        }),
        grade: z.string().nullable(),
        gradeLabel: z.string().nullable(),
        rank: z.number().int().nullable(),
        rankOf: count.nullable(),
        townshipRank: z.number().int().nullable(),
        townshipRankOf: count.nullable(),
      }),
      sheetWhere.extend({ resultsVisible: z.literal(false), results: z.literal("none") }),
    ]),
    categories: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          population: z.enum(personCategories),
          score: measure,
          points: measure,
          percent: measure,
          townshipAverage: measure,
          townshipCount: count,
          countyAverage: measure,
          countyCount: count,
        }),
      )
      .nullable(),
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        categoryCode: z.string(),
        categoryName: z.string(),
        unit: z.string().nullable(),
        decimals: z.number().int(),
        direction,
        pointsLabel: z.enum(["bonus", "veto"]).nullable(),
        points: z.number(),
        source: z.enum(["self", "assessor"]),
        target: z.number().nullable(),
        selfValue: itemValue,
        verifiedValue: itemValue,
        verifiedState: z.enum(["unpublished", "pending", "kept", "changed"]),
        score: measure,
        scoreState: z.enum(["unpublished", "pending", "scored"]),
        completionRate: measure,
        completionStatus: z.enum(["met", "short", "over", "outside"]).nullable(),
        completionOf: z.enum(["verified", "self"]),
        vetoed: z.boolean().nullable(),
        changed: z.boolean().nullable(),
        changeReason: z.string().nullable(),
        incidents: kindLines
          .nullable()
          .describe("Cases and deduction per kind of the value shown (多类扣分 only)"),
      }),
    ),
    changes: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          selfValue: itemValue,
          verifiedValue: itemValue,
          reason: z.string().nullable(),
        }),
      )
      .nullable()
      .describe("Null when the reader cannot know (withheld or not scored): never 'no change'"),
    reviews: z.array(
      z.object({
        decision: z.enum(["pass", "return"]),
        comment: z.string().nullable(),
        reviewedAt: instant,
        reviewer: z.string().nullable(),
      }),
    ),
    requests: z.array(
      z.object({
        kind: z.enum(["recheck", "appeal"]),
        indicatorCode: z.string().nullable(),
        indicatorName: z.string().nullable(),
        reason: z.string(),
        filedAt: instant,
        outcome: z.enum(["changed", "kept", "upheld", "rejected"]).nullable(),
        decisionReason: z.string().nullable(),
        decidedAt: instant.nullable(),
      }),
    ),
  }),
  personReportBase.extend({
    sheet: z.null(),
    categories: z.null(),
    items: z.array(z.never()),
    changes: z.null(),
    reviews: z.array(z.never()),
    requests: z.array(z.never()),
  }),
]);

const comparedPeriod = z.object({
  id,
  year: z.number().int(),
  name: z.string(),
  kind: z.enum(PERIOD_KINDS),
  quarter: z.number().int().nullable(),
  status: z.enum(periodStatuses),
  resultsVisible: z.boolean().describe("Only published years are compared"),
});
const missingValue = z.object({ score: z.null() });
const compared = <V extends z.ZodType>(value: V) =>
  z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      values: z.array(z.union([value, missingValue])).describe("One per period, oldest first"),
      change: z.number().nullable().describe("Score change from the first to the last period"),
    }),
  );

/** GET /api/v1/reports/compare: a person's or a township's results and indicators, year over year. */
export const compareBodySchema = z.union([
  z.object({
    subject: reportPerson.extend({ kind: z.literal("person") }),
    periods: z.array(
      comparedPeriod.extend({
        summary: z
          .object({
            total: measure,
            base: measure,
            bonus: measure,
            grade: z.string().nullable(),
            vetoed: z.boolean(),
            rank: z.number().int().nullable(),
            townshipRank: z.number().int().nullable(),
            poolSize: count,
          })
          .nullable(),
      }),
    ),
    indicators: compared(
      z.object({ actual: itemValue, target: z.number().nullable(), score: z.number().nullable() }),
    ),
  }),
  z.object({
    subject: z.object({ kind: z.literal("township"), id, code: z.string(), name: z.string() }),
    periods: z.array(
      comparedPeriod.extend({
        summary: z
          .object({
            composite: z.number(),
            rank: z.number().int(),
            preVeto: z.boolean(),
            hasVetoedMember: z.boolean(),
            memberCount: count,
            townshipCount: count,
          })
          .nullable(),
      }),
    ),
    indicators: compared(z.object({ score: measure, completionRate: measure, scoreShare: measure })),
  }),
]);

/** GET /api/v1/requests: open 复核 and 申诉, oldest first. */
export const openRequestsBodySchema = z.object({
  items: z.array(
    z.object({
      id,
      kind: z.enum(["recheck", "appeal"]),
      sheetId: id,
      periodId: id,
      periodName: z.string(),
      personId: id.nullable(),
      employeeNo: z.string(),
      name: z.string(),
      townshipId: id,
      townshipName: z.string(),
      indicatorCode: z.string().nullable(),
      indicatorName: z.string().nullable(),
      reason: z.string(),
      filedAt: instant,
      decideBy: day.nullable().describe("复核: the appeal deadline; 申诉: none (decided before 归档)"),
      overdue: z.boolean(),
    }),
  ),
  total: count.describe("How many match; the list itself is bounded by `limit`"),
});

type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Body<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
export const reportSchemasMatchServices: [
  Same<z.infer<typeof dashboardBodySchema>, Body<typeof buildDashboard>>,
  Same<z.infer<typeof townshipRankingBodySchema>, Body<typeof buildTownshipRanking>>,
  Same<z.infer<typeof personRankingBodySchema>, Body<typeof buildPersonRanking>>,
  Same<z.infer<typeof townshipReportBodySchema>, Body<typeof buildTownshipReport>>,
  Same<z.infer<typeof personReportBodySchema>, Body<typeof buildPersonReport>>,
  Same<z.infer<typeof compareBodySchema>, Body<typeof comparePerson> | Body<typeof compareTownship>>,
  Same<z.infer<typeof openRequestsBodySchema>, Body<typeof openRequests>>,
] = [true, true, true, true, true, true, true];
