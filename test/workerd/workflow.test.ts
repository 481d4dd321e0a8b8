import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { evidenceCodes, PDF_BYTES, PNG_BYTES, selfValues } from "../support/year-fixtures";
import { callAs, expectJson, uploadEvidence } from "./support/worker-client";

// One township's assessment year through the Worker: self-report with evidence into R2 and back, review,
// scoring, 公示 with a report read, then 归档 after which every sheet write is refused. The Worker runs on
// the real clock, so the period's deadlines are set relative to today.

const TOWNSHIP_USER = "xz01";
const TOWNSHIP_NAME = "龙潭街道";

interface Member {
  sheetId: number;
  employeeNo: string;
  values: Record<string, number>;
}

const state = { periodId: 0, members: [] as Member[] };

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function sheetVersion(username: string, sheetId: number): Promise<number> {
  return (await expectJson(await callAs(username, "GET", `/api/v1/sheets/${sheetId}`))).sheet.version;
}

function member(index: number): Member {
  const m = state.members[index];
  if (!m) throw new Error(`no member ${index}`);
  return m;
}

describe("an assessment year through the Worker", () => {
  it("the admin creates and opens a period for one township", async () => {
    const schemes = await expectJson(await callAs("admin", "GET", "/api/v1/schemes"));
    const townships = (await expectJson(await callAs("admin", "GET", "/api/v1/townships"))).items;
    const township = townships.find((t: { name: string }) => t.name === TOWNSHIP_NAME);
    const created = await expectJson(
      await callAs("admin", "POST", "/api/v1/periods", {
        year: 2099,
        name: "2099年度目标管理考核（Workers 验证）",
        schemeId: schemes.items.find((s: { code: string }) => s.code === "GY-2025-STAFF").id,
        selfReportDeadline: daysFromToday(30),
        reviewDeadline: daysFromToday(40),
        recheckDeadline: daysFromToday(50),
        appealDeadline: daysFromToday(60),
        townshipIds: [township.id],
      }),
      201,
    );
    state.periodId = created.period.id;
    await expectJson(await callAs("admin", "POST", `/api/v1/periods/${state.periodId}/open`));
    const sheets = await expectJson(
      await callAs("assessor", "GET", `/api/v1/periods/${state.periodId}/sheets`),
    );
    state.members = sheets.items.map(
      (s: { id: number; employeeNo: string; category: "station" | "reassigned" }, i: number) => ({
        sheetId: s.id,
        employeeNo: s.employeeNo,
        values: selfValues(i, s.category),
      }),
    );
    expect(state.members.length).toBeGreaterThan(3);
  });

  it("a staff member saves the self-report, uploads evidence into R2 and downloads it again", async () => {
    const m = member(0);
    const saved = await expectJson(
      await callAs(m.employeeNo, "PATCH", `/api/v1/sheets/${m.sheetId}/self`, {
        version: await sheetVersion(m.employeeNo, m.sheetId),
        items: Object.entries(m.values).map(([code, value]) => ({ code, value })),
      }),
    );
    expect(saved.liveScore.total).toBeGreaterThan(0);

    const before = (await env.EVIDENCE.list()).objects.length;
    const file = new File([PDF_BYTES], "政策符合率统计表.pdf");
    const uploaded = await expectJson(await uploadEvidence(m.employeeNo, m.sheetId, "A1", file), 201);
    expect((await env.EVIDENCE.list()).objects.length).toBe(before + 1);

    const download = await callAs(m.employeeNo, "GET", `/api/v1/evidence/${uploaded.evidence.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF_BYTES);
    // The township reviewer reads the same file from R2.
    expect((await callAs(TOWNSHIP_USER, "GET", `/api/v1/evidence/${uploaded.evidence.id}`)).status).toBe(200);
  });

  it("everyone self-reports with the required evidence and submits; the township passes every sheet", async () => {
    for (const [i, m] of state.members.entries()) {
      let version = await sheetVersion(m.employeeNo, m.sheetId);
      if (i > 0) {
        const items = Object.entries(m.values).map(([code, value]) => ({ code, value }));
        const saved = await callAs(m.employeeNo, "PATCH", `/api/v1/sheets/${m.sheetId}/self`, {
          version,
          items,
        });
        version = (await expectJson(saved)).sheet.version;
      }
      for (const [k, code] of evidenceCodes(m.values).entries()) {
        if (i === 0 && code === "A1") continue;
        const file = new File([k % 2 ? PNG_BYTES : PDF_BYTES], k % 2 ? "台账照片.png" : "统计报表.pdf");
        await expectJson(await uploadEvidence(m.employeeNo, m.sheetId, code, file), 201);
      }
      version = await sheetVersion(m.employeeNo, m.sheetId);
      const submitted = await callAs(m.employeeNo, "POST", `/api/v1/sheets/${m.sheetId}/submit`, { version });
      expect((await expectJson(submitted)).sheet.status).toBe("submitted");
      const review = { version: await sheetVersion(TOWNSHIP_USER, m.sheetId), decision: "pass" };
      const passed = await callAs(TOWNSHIP_USER, "POST", `/api/v1/sheets/${m.sheetId}/review`, review);
      expect((await expectJson(passed)).sheet.status).toBe("reviewed");
    }
  });

  it("the assessor rates and marks every sheet scored; the admin publishes and the report ranks the township", async () => {
    await expectJson(
      await callAs("admin", "POST", `/api/v1/periods/${state.periodId}/start-assessing`, { confirm: true }),
    );
    for (const m of state.members) {
      const body = {
        version: await sheetVersion("assessor", m.sheetId),
        items: [{ code: "D3", value: "良" }],
      };
      const scored = await expectJson(
        await callAs("assessor", "PATCH", `/api/v1/sheets/${m.sheetId}/score`, body),
      );
      const marked = await callAs("assessor", "POST", `/api/v1/sheets/${m.sheetId}/mark-scored`, {
        version: scored.sheet.version,
      });
      expect((await expectJson(marked)).sheet.status).toBe("scored");
    }
    await expectJson(await callAs("admin", "POST", `/api/v1/periods/${state.periodId}/publish`));

    const ranking = await expectJson(
      await callAs("viewer", "GET", `/api/v1/reports/periods/${state.periodId}/townships`),
    );
    expect(ranking.items).toHaveLength(1);
    expect(ranking.items[0]).toMatchObject({ rank: 1, composite: expect.any(Number) });
    const people = await expectJson(
      await callAs("viewer", "GET", `/api/v1/reports/periods/${state.periodId}/people`),
    );
    expect(people.items).toHaveLength(state.members.length);
  });

  it("after 归档 every sheet write is refused with 409 PERIOD_FINAL", async () => {
    await expectJson(await callAs("admin", "POST", `/api/v1/periods/${state.periodId}/finalize`));
    const m = member(1);
    const version = await sheetVersion(m.employeeNo, m.sheetId);
    const file = new File([PDF_BYTES], "补充材料.pdf");
    const writes = [
      await callAs(m.employeeNo, "PATCH", `/api/v1/sheets/${m.sheetId}/self`, {
        version,
        items: [{ code: "A1", value: 99 }],
      }),
      await callAs("assessor", "PATCH", `/api/v1/sheets/${m.sheetId}/score`, {
        version,
        items: [{ code: "D3", value: "优" }],
      }),
      await uploadEvidence(m.employeeNo, m.sheetId, "A1", file),
    ];
    for (const res of writes) {
      const body = await expectJson(res, 409);
      expect(body.error.code).toBe("PERIOD_FINAL");
    }
  });
});
