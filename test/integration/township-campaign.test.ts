import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import campaignScheme from "../../src/db/seed/campaign-scheme.json";
import { DEMO_TOWNSHIPS } from "../../src/services/demo/county-data";
import { readDocx, readingsOf } from "../fixtures/docx-read";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { PDF_BYTES } from "../support/year-fixtures";

// A campaign (专项活动) in which the townships are what is assessed, walked through the HTTP API on PGlite
// and (with DATABASE_URL) PostgreSQL: 自查自纠 by the township accounts, 督查 (pass/return, scoring with
// reasons) by the county, 预否决 proposed and decided, 公示, 复核 and 申诉 by a township, 归档, and the
// consequences (兑现奖惩) due and recorded.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle);
});
afterAll(() => handle.close());

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
type Json = any;
const json = (res: Response): Promise<Json> => res.json();
async function ok(res: Response, status = 200): Promise<Json> {
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 400)).toBe(status);
  return body;
}

// The township's self-check values, chosen so each item's score is exact at 2 decimals:
// S2 (ratio against 90, 40 points) = 2.25 × m scores m; S3 bands at 95 / 90 / 80.
const coverageSteps = (quality: number) => Math.round(20 + quality * 24); // 30…40 of 40
const s2Of = (quality: number) => 2.25 * Math.min(40, coverageSteps(quality));
const s3Of = (quality: number) => (quality >= 0.7 ? 96 : quality >= 0.6 ? 91 : quality >= 0.5 ? 85 : 75);
const ratingOf = (quality: number) =>
  quality >= 0.7 ? "优" : quality >= 0.6 ? "良" : quality >= 0.5 ? "中" : "差";
// The oracle: the scheme's arithmetic written out by hand, in hundredths.
const RATING = { 优: 100, 良: 85, 中: 70, 差: 50 } as const;
function expectedTotal(quality: number, s2 = s2Of(quality)): number {
  const s1 = 30 * RATING[ratingOf(quality)]; // hundredths
  const s2Score = Math.round((Math.min(s2, 90) / 90) * 40 * 100);
  const s3 = s3Of(quality);
  const s3Score = 30 * (s3 >= 95 ? 100 : s3 >= 90 ? 90 : s3 >= 80 ? 75 : 50);
  return (s1 + s2Score + s3Score) / 100;
}

describe("a township campaign through the API", () => {
  it("self-check, inspection, 预否决 decisions, 公示, 复核, 申诉, 归档 and 兑现奖惩", async () => {
    const imported = await ok(await api.call("admin", "POST", "/api/v1/schemes", campaignScheme), 201);
    const schemeId = imported.scheme?.id ?? imported.id;
    const created = await ok(
      await api.call("admin", "POST", "/api/v1/periods", {
        year: 2026,
        name: "2026年春季集中宣传优质服务活动",
        kind: "campaign",
        startsOn: "2026-03-01",
        endsOn: "2026-04-30",
        schemeId,
        selfReportDeadline: "2036-05-10",
        reviewDeadline: "2036-05-15",
        recheckDeadline: "2036-06-15",
        appealDeadline: "2036-06-30",
      }),
      201,
    );
    const periodId = created.period.id;
    await ok(await api.call("admin", "POST", `/api/v1/periods/${periodId}/open`));
    const queue = await ok(await api.call("admin", "GET", `/api/v1/periods/${periodId}/sheets`));
    expect(queue.items).toHaveLength(26);
    expect(queue.items.every((s: Json) => s.category === "township" && s.personId === null)).toBe(true);

    const townships = (await ok(await api.call("admin", "GET", "/api/v1/townships"))).items as Json[];
    const qualityOf = (name: string) => DEMO_TOWNSHIPS.find((t) => t.name === name)?.quality ?? 0;
    const users = new Map<number, string>();
    for (const [i, t] of townships.entries()) users.set(t.id, `xz${String(i + 1).padStart(2, "0")}`);
    const sheetOf = new Map<number, number>(queue.items.map((s: Json) => [s.townshipId, s.id]));
    const view = async (sheetId: number, as: string) =>
      ok(await api.call(as, "GET", `/api/v1/sheets/${sheetId}`));

    // 自查自纠: each township account fills in its own sheet, with evidence for S2, and submits.
    for (const t of townships) {
      const user = users.get(t.id) as string;
      const sheetId = sheetOf.get(t.id) as number;
      const q = qualityOf(t.name);
      let sheet = await ok(await api.call(user, "GET", `/api/v1/sheets/${sheetId}`));
      expect(sheet.actions).toContain("saveSelf");
      sheet = await ok(
        await api.call(user, "PATCH", `/api/v1/sheets/${sheetId}/self`, {
          version: sheet.sheet.version,
          items: [
            { code: "S2", value: s2Of(q), note: "活动台账" },
            { code: "S3", value: s3Of(q) },
          ],
        }),
      );
      const form = new FormData();
      form.append("file", new File([new Uint8Array(PDF_BYTES)], "自查报告.pdf"));
      const upload = await api.app.request(`/api/v1/sheets/${sheetId}/items/S2/evidence`, {
        method: "POST",
        headers: { cookie: await api.cookieFor(user) },
        body: form,
      });
      expect(upload.status).toBe(201);
      sheet = await ok(await api.call(user, "GET", `/api/v1/sheets/${sheetId}`));
      await ok(
        await api.call(user, "POST", `/api/v1/sheets/${sheetId}/submit`, { version: sheet.sheet.version }),
      );
    }
    const [first, second] = townships as [Json, Json];
    const firstSheet = sheetOf.get(first.id) as number;
    // Another township's sheet is not found; a township cannot pass its own sheet; staff cannot touch it.
    expect(
      (await api.call(users.get(second.id) as string, "GET", `/api/v1/sheets/${firstSheet}`)).status,
    ).toBe(404);
    expect(
      (
        await api.call(users.get(first.id) as string, "POST", `/api/v1/sheets/${firstSheet}/review`, {
          version: 1,
          decision: "pass",
        })
      ).status,
    ).toBe(403);

    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/start-assessing`, { confirm: true }),
    );

    // 督查: the inspectors return one sheet with a comment; the township corrects and resubmits.
    let firstView = await view(firstSheet, "assessor");
    expect(firstView.actions).toEqual(["pass", "return"]);
    await ok(
      await api.call("assessor", "POST", `/api/v1/sheets/${firstSheet}/inspect`, {
        version: firstView.sheet.version,
        decision: "return",
        comment: "覆盖率台账与抽查不符，请核实",
      }),
    );
    const firstUser = users.get(first.id) as string;
    firstView = await view(firstSheet, firstUser);
    expect(firstView.sheet.status).toBe("draft");
    await ok(
      await api.call(firstUser, "POST", `/api/v1/sheets/${firstSheet}/submit`, {
        version: firstView.sheet.version,
      }),
    );
    // An inspector cannot pass a person's sheet: that is the township's review.
    const staffSheets = await ok(await api.call("admin", "GET", "/api/v1/periods"));
    expect(staffSheets.items.find((p: Json) => p.id === periodId).kind).toBe("campaign");

    // Inspection and scoring: S1 rated by the inspectors; one township's coverage verified lower, with a reason.
    const corrected = townships.find((t) => t.name === "太和镇") as Json;
    for (const t of townships) {
      const sheetId = sheetOf.get(t.id) as number;
      let sheet = await view(sheetId, "assessor");
      sheet = await ok(
        await api.call("assessor", "POST", `/api/v1/sheets/${sheetId}/inspect`, {
          version: sheet.sheet.version,
          decision: "pass",
        }),
      );
      const items: Json[] = [{ code: "S1", value: ratingOf(qualityOf(t.name)) }];
      if (t.id === corrected.id)
        items.push({ code: "S2", value: 67.5, reason: "抽查 40 户，覆盖 30 户，核定为 67.5%" });
      sheet = await ok(
        await api.call("assessor", "PATCH", `/api/v1/sheets/${sheetId}/score`, {
          version: sheet.sheet.version,
          items,
        }),
      );
      await ok(
        await api.call("assessor", "POST", `/api/v1/sheets/${sheetId}/mark-scored`, {
          version: sheet.sheet.version,
        }),
      );
    }

    // 预否决: the engine proposes the bottom two; the admin confirms them, adds and then removes a third.
    const proposals = (await ok(await api.call("admin", "GET", `/api/v1/periods/${periodId}/pre-veto`)))
      .items;
    expect(
      proposals
        .filter((p: Json) => p.proposed)
        .map((p: Json) => p.name)
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
    const idOf = (name: string) => (townships.find((t) => t.name === name) as Json).id;
    for (const name of ["杨柳乡", "浩塘镇"])
      await ok(
        await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
          townshipId: idOf(name),
          decision: "confirm",
          reason: "领导小组会议议定：排名全县后两位",
        }),
      );
    const bad = await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
      townshipId: idOf("龙潭街道"),
      decision: "confirm",
      reason: "试",
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe("decision");
    expect(
      (
        await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
          townshipId: idOf("白水乡"),
          decision: "add",
          reason: "",
        })
      ).status,
    ).toBe(400);
    await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
        townshipId: idOf("白水乡"),
        decision: "add",
        reason: "督查发现重大问题",
      }),
    );
    const removed = await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
        townshipId: idOf("白水乡"),
        decision: "remove",
        reason: "问题已查实为误报，撤销",
      }),
    );
    expect(removed.item).toMatchObject({ proposed: false, decision: "remove", decided: false });
    expect((await api.call("assessor", "POST", `/api/v1/periods/${periodId}/pre-veto`, {})).status).toBe(403);

    // 公示: the ranking lists the 26 townships by composite (= own total), proposed beside decided.
    await ok(await api.call("admin", "POST", `/api/v1/periods/${periodId}/publish`));
    expect(
      (
        await api.call("admin", "POST", `/api/v1/periods/${periodId}/pre-veto`, {
          townshipId: idOf("杨柳乡"),
          decision: "remove",
          reason: "公示后不可改",
        })
      ).status,
    ).toBe(409);
    const ranking = await ok(
      await api.call("viewer", "GET", `/api/v1/reports/periods/${periodId}/townships`),
    );
    const rows = ranking.items as Json[];
    expect(rows).toHaveLength(26);
    const expected = townships
      .map((t) => ({
        name: t.name,
        composite:
          t.id === corrected.id ? expectedTotal(qualityOf(t.name), 67.5) : expectedTotal(qualityOf(t.name)),
      }))
      .sort((a, b) => b.composite - a.composite);
    expect(rows.map((r) => r.composite)).toEqual(expected.map((e) => e.composite));
    for (const row of rows) expect(row.composite).toBe(expected.find((e) => e.name === row.name)?.composite);
    expect(
      rows
        .slice(-2)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
    expect(
      rows
        .filter((r) => r.preVetoDecided)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["杨柳乡", "浩塘镇"].sort());
    expect(rows.find((r) => r.name === "白水乡")).toMatchObject({
      preVeto: false,
      preVetoDecision: "remove",
      preVetoDecided: false,
    });

    // 复核 and 申诉 with the township as the party.
    const yangliu = idOf("杨柳乡");
    const yangliuUser = users.get(yangliu) as string;
    const yangliuSheet = sheetOf.get(yangliu) as number;
    const recheck = await ok(
      await api.call(yangliuUser, "POST", `/api/v1/sheets/${yangliuSheet}/recheck`, {
        reason: "宣传活动开展情况评定偏低",
        indicatorCode: "S1",
      }),
      201,
    );
    await ok(
      await api.call("assessor", "POST", `/api/v1/requests/${recheck.request.id}/decide`, {
        outcome: "kept",
        reason: "活动记录已核，维持原评定",
      }),
    );
    const appeal = await ok(
      await api.call(yangliuUser, "POST", `/api/v1/sheets/${yangliuSheet}/appeal`, {
        reason: "不服复核结果",
      }),
      201,
    );
    await ok(
      await api.call("admin", "POST", `/api/v1/requests/${appeal.request.id}/decide`, {
        outcome: "rejected",
        reason: "申诉理由不成立",
      }),
    );
    await ok(await api.call("admin", "POST", `/api/v1/periods/${periodId}/finalize`));

    // 兑现奖惩: due per the scheme (优秀 townships: 通报表扬; 预否决: three measures), then recorded.
    const due = await ok(await api.call("viewer", "GET", `/api/v1/periods/${periodId}/consequences`));
    const yl = due.parties.find((p: Json) => p.party.kind === "township" && p.party.name === "杨柳乡");
    expect(yl.preVeto).toBe(true);
    expect(yl.due.map((m: Json) => m.text)).toEqual([
      "经济处罚：扣减人口计生工作经费 ¥20000",
      "组织处罚：通报批评",
      "组织处罚：取消年度评先评优资格",
    ]);
    expect(due.parties.some((p: Json) => p.party.name === "白水乡" && p.preVeto)).toBe(false);
    const record = await ok(
      await api.call("admin", "POST", `/api/v1/periods/${periodId}/consequences`, {
        townshipId: yangliu,
        kind: "economic",
        measure: "扣减人口计生工作经费",
        amount: 20000,
        appliedOn: "2026-06-10",
        documentNo: "桂人口组发〔2026〕5号",
      }),
      201,
    );
    expect(record.record).toMatchObject({ amount: 20000, documentNo: "桂人口组发〔2026〕5号" });
    const bothParties = await api.call("admin", "POST", `/api/v1/periods/${periodId}/consequences`, {
      townshipId: yangliu,
      personId: 1,
      kind: "economic",
      measure: "x",
      appliedOn: "2026-06-10",
    });
    expect(bothParties.status).toBe(400);
    const after = await ok(await api.call("admin", "GET", `/api/v1/periods/${periodId}/consequences`));
    expect(after.parties.find((p: Json) => p.party.name === "杨柳乡").applied).toHaveLength(1);

    // The audit trail holds the decisions with their reasons.
    const audit = await ok(
      await api.call("admin", "GET", `/api/v1/audit?entity=period&entityId=${periodId}`),
    );
    const actions = audit.items.map((a: Json) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "period.preVeto.confirm",
        "period.preVeto.add",
        "period.preVeto.remove",
        "period.consequence.record",
      ]),
    );
    expect(audit.items.find((a: Json) => a.action === "period.preVeto.remove").reason).toBe(
      "问题已查实为误报，撤销",
    );
    // 通报: the body from the county's template with the facts; the .docx read back by LibreOffice.
    await ok(
      await api.call("admin", "PUT", "/api/v1/notice-template", {
        issuer: "桂阳县人口和计划生育工作领导小组",
        documentNoPrefix: "桂人口组发",
        body: "{周期}中，{第一名}综合得分第一。\n{预否决乡镇}排在全县后两位，实行“预否决”，并{预否决处理}。",
      }),
    );
    const badTemplate = await api.call("admin", "PUT", "/api/v1/notice-template", {
      issuer: "x",
      documentNoPrefix: "x",
      body: "{未知}",
    });
    expect(badTemplate.status).toBe(400);
    const noticeQuery = `documentNo=${encodeURIComponent("桂人口组发〔2026〕5号")}&date=2026-05-20`;
    const notice = await ok(
      await api.call("admin", "GET", `/api/v1/periods/${periodId}/notice?${noticeQuery}`),
    );
    expect(notice.title).toBe("关于2026年春季集中宣传优质服务活动开展情况的通报");
    expect(notice.documentNo).toBe("桂人口组发〔2026〕5号");
    expect(notice.date).toBe("2026年5月20日");
    expect(notice.paragraphs[0]).toBe(`2026年春季集中宣传优质服务活动中，${rows[0].name}综合得分第一。`);
    expect(notice.paragraphs[1]).toMatch(/^(杨柳乡、浩塘镇|浩塘镇、杨柳乡)排在全县后两位/);
    expect(notice.paragraphs[1]).toContain("经济处罚：扣减人口计生工作经费 ¥20000");
    expect((await api.call("viewer", "GET", `/api/v1/periods/${periodId}/notice.docx`)).status).toBe(403);
    const docx = await api.call("admin", "GET", `/api/v1/periods/${periodId}/notice.docx?date=2026-05-20`);
    expect(docx.status).toBe(200);
    // Read back from the XML and, where installed, as LibreOffice lays it out (test/fixtures/docx-read.ts).
    const doc = await readDocx(await docx.arrayBuffer());
    for (const { text } of readingsOf(doc)) {
      const tableRows = [...text.matchAll(/^\s*(\d+)\s+(\S+)\s+(\d+\.\d\d)\b(.*)$/gm)].map((m) => ({
        rank: Number(m[1]),
        name: m[2],
        composite: Number(m[3]),
        preVeto: (m[4] ?? "").includes("预否决"),
      }));
      expect(tableRows).toHaveLength(26);
      expect(tableRows.map((r) => [r.rank, r.name, r.composite, r.preVeto])).toEqual(
        rows.map((r) => [r.rank, r.name, r.composite, r.preVetoDecided]),
      );
      expect(text).toMatch(/桂人口组发〔2026〕1\s*号/); // the default number when none is given
      expect(text).toContain("附件");
    }
    // The header row repeats on every page the table runs over, and each page has its number.
    expect(doc.headerRows).toBeGreaterThan(0);
    expect(doc.footer.replace(/\s+/g, "")).toContain("—{PAGE}—");
    const pages = doc.pages ?? [];
    const tablePages = pages.filter((page) => /^\s*\d+\s+\S+\s+\d+\.\d\d/m.test(page));
    if (doc.pages) expect(tablePages.length).toBeGreaterThan(0);
    for (const page of tablePages) expect(page).toContain("综合得分");
    pages.forEach((page, i) => {
      expect(page).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`));
    });
  }, 300_000);
});
