import { and, count, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { auditLog } from "../../src/db/schema/audit";
import { people, personMoves, stations, townships } from "../../src/db/schema/org";
import { periods, progressEntries, targets } from "../../src/db/schema/period";
import { indicators } from "../../src/db/schema/scheme";
import { sheets } from "../../src/db/schema/sheet";
import { type Json, upload, waitForJob } from "../fixtures/excel-api";
import { buildWorkbook, type SheetCell } from "../fixtures/workbooks";
import { reportLongestBlock } from "../support/loop-guard";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let p2025: number;
let p2026: number;

const TARGET_HEADER = ["工号", "姓名", "指标编码", "指标名称", "目标值", "调整原因"];
const STATION_CODES = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "C1", "C2", "D2"];
const REASSIGNED_CODES = ["A1", "A2", "A3", "A4", "B1", "B3", "C1", "D2"];

const targetsFile = (rows: SheetCell[][]) =>
  buildWorkbook([{ name: "目标", rows: [TARGET_HEADER, ...rows] }]);

async function snapshot() {
  const [t] = await handle.db.select({ n: count() }).from(targets);
  const [a] = await handle.db.select({ n: count() }).from(auditLog);
  const overrides = await handle.db.select().from(targets).where(eq(targets.source, "override"));
  return { targets: t?.n, audit: a?.n, overrides: overrides.map((o) => [o.id, o.value, o.reason]).sort() };
}

/** Every (employee number, indicator) pair of the 2026 period that takes a target, in a stable order. */
async function targetPairs(): Promise<[string, string][]> {
  const rows = await handle.db
    .select({ employeeNo: people.employeeNo, category: sheets.category })
    .from(sheets)
    .innerJoin(people, eq(people.id, sheets.personId))
    .where(eq(sheets.periodId, p2026))
    .orderBy(people.employeeNo);
  return rows.flatMap((r) =>
    (r.category === "station" ? STATION_CODES : REASSIGNED_CODES).map((code): [string, string] => [
      r.employeeNo,
      code,
    ]),
  );
}

/** Rows of column statistics the planner has for a table (pg_stats; PGlite keeps none until an ANALYZE). */
async function statisticsOf(table: string): Promise<number> {
  const result = await handle.db.execute(
    sql`select count(*)::int as n from pg_stats where schemaname = 'public' and tablename = ${table}`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]?.n ?? 0;
}

// Twenty more station staff with 2026 sheets, so that the period has more than 2,000 target pairs.
async function addStaff() {
  const [station] = await handle.db
    .select({ id: stations.id, townshipId: stations.townshipId, countyId: stations.countyId })
    .from(stations)
    .innerJoin(townships, eq(townships.id, stations.townshipId))
    .where(eq(townships.name, "龙潭街道"));
  if (!station) throw new Error("no station");
  const added = await handle.db
    .insert(people)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        countyId: station.countyId,
        employeeNo: `GYT${String(i + 1).padStart(3, "0")}`,
        name: `测试${i + 1}`,
        stationId: station.id,
        category: "station" as const,
        position: "技术服务员",
      })),
    )
    .returning({ id: people.id });
  await handle.db.insert(sheets).values(
    added.map((p) => ({
      countyId: station.countyId,
      periodId: p2026,
      personId: p.id,
      stationId: station.id,
      townshipId: station.townshipId,
      category: "station" as const,
    })),
  );
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  // Late November 2026: progress through November may be reported.
  api = createTestApp(handle, { clock: () => new Date("2026-11-20T10:00:00+08:00") }, { loopGuard: true });
  const all = await handle.db
    .select({ id: periods.id, year: periods.year })
    .from(periods)
    .where(eq(periods.kind, "annual"));
  p2025 = all.find((p) => p.year === 2025)?.id ?? -1;
  p2026 = all.find((p) => p.year === 2026)?.id ?? -1;
  await addStaff();
});
afterAll(async () => {
  reportLongestBlock("excel-import.test.ts");
  await handle.close();
});

describe("targets", () => {
  it("upserts a small file at once as overrides with the import's reason, audited", async () => {
    const before = await snapshot();
    const file = await targetsFile([
      ["GY0101", null, "B1", "随访服务人次", 300, "辖区育龄妇女增加"],
      ["GY0102", null, "A1", null, 96, null],
      ["GYT001", "测试1", "B1", null, 180, null],
    ]);
    const { status, body } = await upload(api, "admin", "targets", file, {
      periodId: p2026,
      reason: "年中调整",
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result).toMatchObject({ rows: 3, inserted: 1, updated: 2, unchanged: 0 });
    const rows = await handle.db
      .select({
        employeeNo: people.employeeNo,
        code: indicators.code,
        value: targets.value,
        source: targets.source,
        reason: targets.reason,
      })
      .from(targets)
      .innerJoin(people, eq(people.id, targets.personId))
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .where(
        and(eq(targets.periodId, p2026), eq(targets.source, "override"), like(people.employeeNo, "GY%")),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        { employeeNo: "GY0101", code: "B1", value: 300, source: "override", reason: "辖区育龄妇女增加" },
        { employeeNo: "GY0102", code: "A1", value: 96, source: "override", reason: "年中调整" },
        { employeeNo: "GYT001", code: "B1", value: 180, source: "override", reason: "年中调整" },
      ]),
    );
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, body.result.importId));
    expect(audit).toEqual([
      expect.objectContaining({ action: "excel.import.targets", username: "admin", reason: "年中调整" }),
    ]);
    expect(audit[0]?.after).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileName: "upload.xlsx",
    });
    const after = await snapshot();
    expect(after.audit).toBe((before.audit ?? 0) + 4); // three target rows and the summary
  });

  it("refuses a 2,000-row file with three bad rows, naming exactly those rows, and imports nothing", async () => {
    const pairs = (await targetPairs()).slice(0, 2000);
    expect(pairs).toHaveLength(2000);
    const rows: SheetCell[][] = pairs.map(([no, code], i) => [no, null, code, null, 100 + (i % 50), null]);
    rows[99] = ["GY9999", null, "B1", null, 200, null]; // Excel row 101: unknown employee number
    rows[700] = [rows[700]?.[0] ?? null, null, "Z9", null, 90, null]; // row 702: unknown indicator code
    rows[1498] = [rows[1498]?.[0] ?? null, null, rows[1498]?.[2] ?? null, null, "95", null]; // row 1500: text
    const before = await snapshot();
    const { status, body } = await upload(api, "admin", "targets", await targetsFile(rows), {
      periodId: p2026,
      reason: "批量调整",
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("IMPORT_REJECTED");
    expect(body.error.details).toEqual([
      { path: "row 101, 工号", message: expect.stringContaining("GY9999") },
      { path: "row 702, 指标编码", message: expect.stringContaining("Z9") },
      { path: "row 1500, 目标值", message: expect.stringContaining("文本") },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("imports a clean 2,000-row file as a polled job in one transaction", async () => {
    const pairs = (await targetPairs()).slice(0, 2000);
    const rows: SheetCell[][] = pairs.map(([no, code], i) => [no, null, code, null, 100 + (i % 50), null]);
    const file = await targetsFile(rows);
    const existing = await handle.db
      .select({ employeeNo: people.employeeNo, code: indicators.code, value: targets.value })
      .from(targets)
      .innerJoin(people, eq(people.id, targets.personId))
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .where(eq(targets.periodId, p2026));
    const had = new Map(existing.map((t) => [`${t.employeeNo}:${t.code}`, t.value]));
    const fresh = pairs.filter(([no, code]) => !had.has(`${no}:${code}`)).length;
    const same = pairs.filter(([no, code], i) => had.get(`${no}:${code}`) === 100 + (i % 50)).length;
    // The planner's statistics as PGlite, which has no autovacuum, would keep them: none.
    await handle.db.execute(sql`delete from pg_statistic where starelid = 'targets'::regclass`);
    expect(await statisticsOf("targets")).toBe(0);
    const started = performance.now();
    const { status, body } = await upload(api, "admin", "targets", file, {
      periodId: p2026,
      reason: "批量调整",
    });
    const accepted = performance.now();
    expect(status, JSON.stringify(body)).toBe(202);
    expect(body).toMatchObject({ status: "running", total: 2000, jobId: expect.any(String) });
    const job = await waitForJob(api, "admin", body.jobId);
    const finished = performance.now();
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(job).toMatchObject({ processed: 2000, total: 2000 });
    expect(job.seen).toEqual([...job.seen].sort((a: number, b: number) => a - b)); // progress only grows
    expect(fresh).toBeGreaterThan(100); // the twenty added staff had no targets yet
    expect(job.result).toMatchObject({
      rows: 2000,
      inserted: fresh,
      unchanged: same,
      updated: 2000 - fresh - same,
    });
    console.info(
      `[measure] ${handle.kind}: 2,000-row targets import — checked in ${Math.round(accepted - started)} ms, ` +
        `written in ${Math.round(finished - accepted)} ms, total ${Math.round(finished - started)} ms`,
    );
    const stored = await handle.db
      .select({ employeeNo: people.employeeNo, code: indicators.code, value: targets.value })
      .from(targets)
      .innerJoin(people, eq(people.id, targets.personId))
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .where(eq(targets.periodId, p2026));
    const storedValue = new Map(stored.map((s) => [`${s.employeeNo}:${s.code}`, s.value]));
    expect(pairs.map(([no, code]) => storedValue.get(`${no}:${code}`))).toEqual(
      pairs.map((_, i) => 100 + (i % 50)),
    );
    const audit = await handle.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, "excel.import.targets"));
    expect(audit[0]?.n).toBe(2);
    // A large import leaves the planner fresh statistics of what it wrote (ANALYZE after the commit).
    expect(await statisticsOf("targets")).toBeGreaterThan(0);
  });

  it("needs a reason, from the form or on every row", async () => {
    const { status, body } = await upload(
      api,
      "admin",
      "targets",
      await targetsFile([["GY0101", null, "B1", null, 250, null]]),
      {
        periodId: p2026,
      },
    );
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ path: "reason" })]);
  });

  it("refuses changes to a published period", async () => {
    const { status, body } = await upload(
      api,
      "admin",
      "targets",
      await targetsFile([["GY0101", null, "B1", null, 250, "x"]]),
      {
        periodId: p2025,
      },
    );
    expect(status).toBe(409);
    expect(body.error.code).toBe("PERIOD_PUBLISHED");
  });

  it("lets a township account set its own staff's targets only", async () => {
    const ok = await upload(
      api,
      "xz01",
      "targets",
      await targetsFile([["GY0103", null, "B1", null, 230, "分解"]]),
      {
        periodId: p2026,
      },
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const other = await upload(
      api,
      "xz01",
      "targets",
      await targetsFile([["GY0201", null, "B1", null, 230, "分解"]]),
      {
        periodId: p2026,
      },
    );
    expect(other.status).toBe(400);
    expect(other.body.error.details).toEqual([
      { path: "row 2, 工号", message: expect.stringContaining("本乡镇") },
    ]);
  });
});

describe("progress", () => {
  const header = ["工号", "姓名", "指标编码", "月份", "累计完成值", "备注"];
  const file = (rows: SheetCell[][]) => buildWorkbook([{ name: "进度", rows: [header, ...rows] }]);

  async function current(employeeNo: string, code: string, month: number) {
    const rows = await handle.db
      .select({ revision: progressEntries.revision, value: progressEntries.value })
      .from(progressEntries)
      .innerJoin(people, eq(people.id, progressEntries.personId))
      .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
      .where(
        and(
          eq(progressEntries.periodId, p2026),
          eq(people.employeeNo, employeeNo),
          eq(indicators.code, code),
          eq(progressEntries.month, month),
        ),
      )
      .orderBy(progressEntries.revision);
    return rows;
  }

  it("adds a revision for each corrected month and skips unchanged ones", async () => {
    const [october] = (await current("GY0201", "B1", 10)).slice(-1);
    const { status, body } = await upload(
      api,
      "admin",
      "progress",
      await file([
        ["GY0201", null, "B1", 10, (october?.value ?? 0) + 5, "补录漏登随访"],
        ["GY0201", null, "B1", 11, (october?.value ?? 0) + 20, null],
        ["GY0201", null, "B1", 9, (await current("GY0201", "B1", 9)).at(-1)?.value ?? 0, null],
      ]),
      { periodId: p2026 },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result).toMatchObject({ rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect((await current("GY0201", "B1", 10)).map((r) => r.revision)).toEqual([1, 2]);
    expect(await current("GY0201", "B1", 11)).toEqual([{ revision: 1, value: (october?.value ?? 0) + 20 }]);
    // The personal report reads the highest revision.
    const report = (await (
      await api.call("admin", "GET", `/api/v1/reports/periods/${p2026}/people/${await personIdOf("GY0201")}`)
    ).json()) as Json;
    const b1 = report.progress.find((s: { code: string }) => s.code === "B1");
    expect(b1.months.find((m: { month: number }) => m.month === 10)).toMatchObject({
      revision: 2,
      value: (october?.value ?? 0) + 5,
    });
  });

  it("refuses future months, non-progress indicators and duplicates, row by row", async () => {
    const { status, body } = await upload(
      api,
      "admin",
      "progress",
      await file([
        ["GY0201", null, "B1", 12, 300, null],
        ["GY0201", null, "D3", 10, 1, null],
        ["GY0202", null, "A1", 10, 96, null],
        ["GY0202", null, "A1", 10, 97, null],
        ["GY0202", null, "A1", 10.5, 97, null],
      ]),
      { periodId: p2026 },
    );
    expect(status).toBe(400);
    expect(body.error.details).toEqual([
      { path: "row 2, 月份", message: expect.stringContaining("尚未到来") },
      { path: "row 3, 指标编码", message: expect.stringContaining("D3") },
      { path: "row 5, 月份", message: expect.stringContaining("与第 4 行重复") },
      { path: "row 6, 月份", message: expect.stringContaining("整数") },
    ]);
  });
});

async function personIdOf(employeeNo: string) {
  const [row] = await handle.db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.employeeNo, employeeNo));
  return row?.id ?? -1;
}

describe("people", () => {
  const header = [
    "工号",
    "姓名",
    "性别",
    "乡镇（街道）",
    "人员类别",
    "职务",
    "原单位",
    "选调考试成绩",
    "选调日期",
    "在岗",
  ];
  const file = (rows: SheetCell[][]) => buildWorkbook([{ name: "人员", rows: [header, ...rows] }]);

  it("adds new people and updates existing ones by employee number, recording a station move", async () => {
    const { status, body } = await upload(
      api,
      "admin",
      "people",
      await file([
        ["GY0105", "新名字", "女", "鹿峰街道", "所内人员", "副所长", null, null, null, "是"],
        ["GYN001", "王新", "男", "杨柳乡", "所内人员", "技术服务员", null, null, null, null],
        [
          "GYX07",
          "李选",
          "女",
          "浩塘镇",
          "选调人员",
          "技术服务员（选调）",
          "县人民医院",
          88.5,
          new Date("2025-03-01T00:00:00Z"),
          "是",
        ],
      ]),
      { reason: "2026 年人员调整" },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result).toMatchObject({ rows: 3, inserted: 2, updated: 1 });
    const [moved] = await handle.db.select().from(people).where(eq(people.employeeNo, "GY0105"));
    expect(moved).toMatchObject({ name: "新名字", position: "副所长" });
    const moves = await handle.db
      .select()
      .from(personMoves)
      .where(eq(personMoves.personId, moved?.id ?? -1));
    expect(moves).toHaveLength(1);
    const [reassigned] = await handle.db.select().from(people).where(eq(people.employeeNo, "GYX07"));
    expect(reassigned).toMatchObject({ category: "reassigned", examScore: 88.5, reassignedOn: "2025-03-01" });
  });

  it("requires what 选调人员 must have and a known township; only the admin imports people", async () => {
    const { status, body } = await upload(
      api,
      "admin",
      "people",
      await file([
        ["GYX08", "赵选", "女", "浩塘镇", "选调人员", "技术服务员", null, null, null, null],
        ["GYN002", "钱某", "男", "不存在镇", "临时工", "技术服务员", null, null, null, null],
      ]),
    );
    expect(status).toBe(400);
    expect(body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "row 2, 原单位",
      "row 2, 选调考试成绩",
      "row 2, 选调日期",
      "row 3, 乡镇（街道）",
      "row 3, 人员类别",
    ]);
    const township = await upload(
      api,
      "xz01",
      "people",
      await file([["GY0101", "x", null, "龙潭街道", "所内人员", "所长", null, null, null, null]]),
    );
    expect(township.status).toBe(403);
  });
});

describe("jobs", () => {
  it("shows a job only to whoever started it and checks the id", async () => {
    const bad = await api.call("admin", "GET", "/api/v1/excel/imports/not-a-uuid");
    expect(bad.status).toBe(400);
    const unknown = await api.call("admin", "GET", `/api/v1/excel/imports/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
  });
});
