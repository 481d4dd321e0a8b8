import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { periods } from "../../src/db/schema/period";
import { sheetItems, sheets } from "../../src/db/schema/sheet";
import { TEMPLATES } from "../../src/services/excel/templates";
import { download, type Json, upload, waitForJob } from "../fixtures/excel-api";
import { parseCsv } from "../fixtures/libreoffice";
import { readWorkbook } from "../fixtures/workbook-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let p2025: number;
let p2026: number;
const TODAY = "2026-03-02";

const getJson = async (user: string, path: string) =>
  (await (await api.call(user, "GET", path)).json()) as Json;
const two = (n: number | null) => (n === null ? "" : n.toFixed(2));

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => new Date(`${TODAY}T09:30:00+08:00`) });
  const all = await handle.db
    .select({ id: periods.id, year: periods.year })
    .from(periods)
    .where(eq(periods.kind, "annual"));
  p2025 = all.find((p) => p.year === 2025)?.id ?? -1;
  p2026 = all.find((p) => p.year === 2026)?.id ?? -1;
});
afterAll(() => handle.close());

describe("the township ranking workbook", () => {
  it("opens in LibreOffice with the ranking's cells, scores shown with two decimals", async () => {
    const { res, bytes } = await download(api, "viewer", `/exports/periods/${p2025}/townships`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const ranking = await getJson("viewer", `/api/v1/reports/periods/${p2025}/townships`);
    const sheet = (await readWorkbook(bytes)).get("乡镇排名");
    expect(sheet?.[0]).toEqual([
      "名次",
      "乡镇（街道）",
      "综合得分",
      "考核人数",
      "预否决（提议）",
      "预否决（决定）",
      "有一票否决人员",
      "优秀",
      "合格",
      "基本合格",
      "不合格",
      "排名",
      "已评分人数",
      "奖惩",
      "已兑现",
    ]);
    expect(sheet?.slice(1)).toEqual(
      ranking.items.map((t: Json) => [
        String(t.rank),
        t.name,
        two(t.composite),
        String(t.memberCount),
        t.preVeto ? "是" : "否",
        t.preVetoDecided ? "是" : "否",
        t.hasVetoedMember ? "是" : "否",
        ...["excellent", "pass", "basic", "fail"].map((g) => String(t.grades[g] ?? 0)),
        `第 ${t.rank} / 26 名`,
        String(t.memberCount),
        "", // the 2025 staff scheme attaches nothing to a township
        "",
      ]),
    );
  });

  it("has a frozen header row, filters, widths and the 0.00 format", async () => {
    const { bytes } = await download(api, "viewer", `/exports/periods/${p2025}/townships`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet("乡镇排名");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.autoFilter).toBeDefined();
    expect(sheet?.getColumn(2).width).toBe(14);
    expect(sheet?.getCell("C2").numFmt).toBe("0.00");
    expect(sheet?.getCell("C2").value).toBeTypeOf("number");
  });

  it("names the file after county, period, content and date (RFC 5987)", async () => {
    const { res } = await download(api, "viewer", `/exports/periods/${p2025}/townships?format=csv`);
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toContain(`filename="kaohe_2025_townships_${TODAY}.csv"`);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? "";
    expect(decodeURIComponent(encoded)).toBe(`桂阳县_2025年度目标管理考核_乡镇综合得分排名_${TODAY}.csv`);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is also CSV: UTF-8 with a byte-order mark, the same cells", async () => {
    const { res, bytes } = await download(api, "viewer", `/exports/periods/${p2025}/townships?format=csv`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const raw = new Uint8Array(bytes);
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(raw.slice(3)));
    const ranking = await getJson("viewer", `/api/v1/reports/periods/${p2025}/townships`);
    expect(rows[0]?.[1]).toBe("乡镇（街道）");
    expect(rows.slice(1, 27).map((r) => [r[1], r[2]])).toEqual(
      ranking.items.map((t: Json) => [t.name, two(t.composite)]),
    );
  });
});

describe("person-level workbooks", () => {
  it("exports the person ranking in rank order, read back by LibreOffice", async () => {
    const { bytes } = await download(api, "assessor", `/exports/periods/${p2025}/people`);
    const rows = (await readWorkbook(bytes)).get("个人排名") ?? [];
    const ranking = await getJson("assessor", `/api/v1/reports/periods/${p2025}/people?limit=500`);
    expect(rows).toHaveLength(ranking.total + 1);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[9], r[10]])).toEqual(
      ranking.items.map((p: Json) => [String(p.rank), p.employeeNo, p.name, two(p.total), p.gradeLabel]),
    );
  });

  it("exports full score sheets, one row per person × indicator", async () => {
    const { bytes } = await download(api, "admin", `/exports/periods/${p2025}/scores`);
    const rows = (await readWorkbook(bytes)).get("考核明细") ?? [];
    const items = await handle.db
      .select({ id: sheetItems.id })
      .from(sheetItems)
      .innerJoin(sheets, eq(sheets.id, sheetItems.sheetId))
      .where(eq(sheets.periodId, p2025));
    expect(rows).toHaveLength(items.length + 1);
    const corrected = rows.find((r) => r[0] === "GY1902" && r[5] === "A1");
    expect(corrected?.slice(9)).toEqual([
      "95",
      expect.any(String),
      "86.5",
      expect.stringMatching(/^\d+\.\d\d$/),
      expect.stringContaining("政策符合率核定为 86.5%"),
    ]);
  });

  it("keeps a township account to its own people and refuses staff", async () => {
    const { bytes } = await download(api, "xz23", `/exports/periods/${p2025}/scores?format=csv`);
    const rows = parseCsv(new TextDecoder().decode(new Uint8Array(bytes).slice(3)))
      .slice(1)
      .filter((r) => r.length > 1);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(["杨柳乡"]));
    expect((await download(api, "GY0101", `/exports/periods/${p2025}/people`)).res.status).toBe(403);
    expect((await download(api, "GY0101", `/exports/periods/${p2025}/scores`)).res.status).toBe(403);
    expect((await download(api, "GY0101", `/exports/periods/${p2025}/townships`)).res.status).toBe(200);
  });

  it("withholds unpublished results", async () => {
    const { res, bytes } = await download(api, "viewer", `/exports/periods/${p2026}/scores`);
    expect(res.status).toBe(403);
    expect(JSON.parse(new TextDecoder().decode(bytes)).error.code).toBe("NOT_PUBLISHED");
    expect((await download(api, "xz01", `/exports/periods/${p2026}/townships`)).res.status).toBe(403);
    expect((await download(api, "viewer", `/exports/periods/999999/townships`)).res.status).toBe(404);
    expect((await download(api, "viewer", `/exports/periods/${p2025}/townships?format=pdf`)).res.status).toBe(
      400,
    );
  });
});

describe("consequences (奖惩) in the ranking workbooks", () => {
  // The cells as the consequences answer (GET /periods/:id/consequences) words them: due, then applied.
  const cellsOf = (party: Json | undefined) => [
    (party?.due ?? []).map((m: Json) => m.text).join("；"),
    (party?.applied ?? [])
      .map((r: Json) => {
        const kind = { reward: "奖励", economic: "经济处罚", organisational: "组织处罚" }[r.kind as string];
        const amount = r.amount === null ? "" : ` ¥${r.amount}`;
        return `${kind}：${r.measure}${amount}（${[r.appliedOn, r.documentNo].filter(Boolean).join("，")}）`;
      })
      .join("；"),
  ];
  const columnsOf = (rows: string[][]) => {
    const header = rows[0] ?? [];
    return [header.indexOf("奖惩"), header.indexOf("已兑现")] as const;
  };

  it("lists each township's 预否决 penalties due and applied in the campaign's ranking", async () => {
    const [campaign] = await handle.db
      .select({ id: periods.id })
      .from(periods)
      .where(eq(periods.kind, "campaign"));
    const { bytes } = await download(api, "viewer", `/exports/periods/${campaign?.id}/townships`);
    const rows = (await readWorkbook(bytes)).get("乡镇排名") ?? [];
    const [due, applied] = columnsOf(rows);
    expect(due).toBeGreaterThan(0);
    const answer = await getJson("viewer", `/api/v1/periods/${campaign?.id}/consequences`);
    const partyOf = (name: string) => answer.parties.find((p: Json) => p.party.name === name);
    expect(rows).toHaveLength(27);
    for (const row of rows.slice(1)) expect([row[due], row[applied]]).toEqual(cellsOf(partyOf(row[1] ?? "")));
    const yangliu = rows.find((row) => row[1] === "杨柳乡") ?? [];
    expect(yangliu[due]).toBe(
      "经济处罚：扣减人口计生工作经费 ¥20000；组织处罚：通报批评；组织处罚：取消年度评先评优资格",
    );
    expect(yangliu[applied]).toContain(
      "经济处罚：扣减人口计生工作经费 ¥20000（2026-06-30，桂人口组发〔2026〕5号）",
    );
  });

  it("lists each person's consequences by grade, and what the admin recorded as applied", async () => {
    const people = await getJson("assessor", `/api/v1/reports/periods/${p2025}/people?limit=500`);
    const best = people.items[0];
    expect(best.grade).toBe("excellent");
    const recorded = await api.call("admin", "POST", `/api/v1/periods/${p2025}/consequences`, {
      personId: best.personId,
      kind: "reward",
      measure: "一次性奖励",
      amount: 2000,
      appliedOn: "2026-03-01",
      documentNo: "桂人口组发〔2026〕2号",
    });
    expect(recorded.status).toBe(201);
    const { bytes } = await download(api, "assessor", `/exports/periods/${p2025}/people`);
    const rows = (await readWorkbook(bytes)).get("个人排名") ?? [];
    const [due, applied] = columnsOf(rows);
    const answer = await getJson("assessor", `/api/v1/periods/${p2025}/consequences`);
    const partyOf = (employeeNo: string) =>
      answer.parties.find((p: Json) => p.party.kind === "person" && p.party.employeeNo === employeeNo);
    for (const row of rows.slice(1)) expect([row[due], row[applied]]).toEqual(cellsOf(partyOf(row[2] ?? "")));
    const first = rows.find((row) => row[2] === best.employeeNo) ?? [];
    expect(first[due]).toBe("奖励：通报表扬；奖励：一次性奖励 ¥2000");
    expect(first[applied]).toBe("奖励：一次性奖励 ¥2000（2026-03-01，桂人口组发〔2026〕2号）");
    const failed = rows.find((row) => row[10] === "不合格");
    expect(failed?.[due]).toBe("经济处罚：扣发年度绩效奖励 ¥3000；组织处罚：诫勉谈话");
    expect(rows.filter((row) => row[10] === "合格").every((row) => row[due] === "")).toBe(true);
  });
});

describe("targets round trip", () => {
  async function storedTargets() {
    const body = await download(api, "admin", `/exports/periods/${p2026}/targets?format=csv`);
    return new TextDecoder().decode(body.bytes);
  }

  it("imports an exported targets file back without changing anything", async () => {
    const before = await storedTargets();
    const { bytes } = await download(api, "admin", `/exports/periods/${p2026}/targets`);
    const rows = (await readWorkbook(bytes)).get(TEMPLATES.targets.sheetName) ?? [];
    expect(rows[0]).toEqual(TEMPLATES.targets.columns.map((c) => c.header));
    const { status, body } = await upload(api, "admin", "targets", new Uint8Array(bytes), {
      periodId: p2026,
      reason: "往返",
    });
    expect(status, JSON.stringify(body)).toBe(202); // more rows than the job threshold
    const job = await waitForJob(api, "admin", body.jobId);
    expect(job.result).toMatchObject({ inserted: 0, updated: 0, unchanged: rows.length - 1 });
    expect(await storedTargets()).toBe(before);
  });

  it("carries edits made in the exported file back into the targets", async () => {
    const { bytes } = await download(api, "xz01", `/exports/periods/${p2026}/targets`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const row = workbook.getWorksheet(TEMPLATES.targets.sheetName)?.getRow(2);
    if (!row) throw new Error("the export has no data row");
    const [employeeNo, code] = [row.getCell(1).value, row.getCell(3).value];
    row.getCell(5).value = 321;
    row.getCell(6).value = "按新增户籍调整";
    const edited = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { status, body } = await upload(api, "xz01", "targets", edited, { periodId: p2026 });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result).toMatchObject({ updated: 1, inserted: 0 });
    const csv = await storedTargets();
    expect(csv).toContain(`${employeeNo},`);
    expect(
      csv.split("\r\n").find((line) => line.startsWith(`${employeeNo},`) && line.includes(`,${code},`)),
    ).toContain(",321,按新增户籍调整");
  });
});

describe("templates", () => {
  it.each(["people", "targets", "progress"] as const)(
    "serves the %s template with its headers and instructions",
    async (kind) => {
      const { res, bytes } = await download(api, "admin", `/templates/${kind}?periodId=${p2026}`);
      expect(res.status).toBe(200);
      const sheetsRead = await readWorkbook(bytes);
      expect(sheetsRead.get(TEMPLATES[kind].sheetName)?.[0]).toEqual(
        TEMPLATES[kind].columns.map((c) => c.header),
      );
      expect(sheetsRead.get("填写说明")?.length).toBeGreaterThan(TEMPLATES[kind].columns.length);
      if (kind !== "people") expect(sheetsRead.get("指标")?.map((r) => r[0])).toContain("B1");
    },
  );

  it("refuses unknown kinds and roles that do not import", async () => {
    expect((await download(api, "admin", "/templates/sheets")).res.status).toBe(400);
    expect((await download(api, "viewer", "/templates/targets")).res.status).toBe(403);
  });
});
