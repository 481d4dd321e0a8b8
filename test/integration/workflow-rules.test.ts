import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../src/db/client";
import { createTestApp } from "../support/test-app";
import { openTestDb } from "../support/test-db";
import { evidenceCodes, PDF_BYTES, PNG_BYTES, selfValues } from "../support/year-fixtures";

// The refusals of the workflow, on the demo county: an open 2026 period and a published 2025 one.

let handle: DbHandle;
let api: ReturnType<typeof createTestApp>;
let now = new Date("2026-11-29T10:00:00+08:00");
const periods: Record<number, number> = {};

// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
const json = async (res: Response): Promise<any> => res.json();
async function expectError(res: Response, status: number, code: string) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  expect(body.error.code).toBe(code);
  return body.error;
}

beforeAll(async () => {
  handle = await openTestDb({ demo: true });
  api = createTestApp(handle, { clock: () => now });
  // The annual periods by year (the demo's 2026 campaign is a township period of its own).
  for (const p of (await json(await api.call("admin", "GET", "/api/v1/periods"))).items)
    if (p.kind === "annual") periods[p.year] = p.id;
});
afterAll(() => handle.close());

async function mySheet(username: string, year: number) {
  const mine = (await json(await api.call(username, "GET", "/api/v1/me/sheets"))).items;
  const id = mine.find((s: { year: number }) => s.year === year).id;
  return json(await api.call(username, "GET", `/api/v1/sheets/${id}`));
}

async function upload(username: string, sheetId: number, code: string, bytes: Uint8Array, name = "f.pdf") {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name));
  return api.app.request(`/api/v1/sheets/${sheetId}/items/${code}/evidence`, {
    method: "POST",
    headers: { cookie: await api.cookieFor(username) },
    body: form,
  });
}

describe("self-report refusals", () => {
  it("refuses submission while values or evidence are missing, listing them", async () => {
    const view = await mySheet("GY0201", 2026);
    const error = await expectError(
      await api.call("GY0201", "POST", `/api/v1/sheets/${view.sheet.id}/submit`, {
        version: view.sheet.version,
      }),
      422,
      "SHEET_INCOMPLETE",
    );
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["items.A1", "items.B1", "items.D2"]));
    expect(paths).not.toContain("items.D3"); // rated by the assessor, not by staff
  });

  it("names the field for a wrong kind of value, an assessor's indicator, a negative number", async () => {
    const view = await mySheet("GY0201", 2026);
    const error = await expectError(
      await api.call("GY0201", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
        version: view.sheet.version,
        items: [
          { code: "D3", value: "优" },
          { code: "A1", value: true },
          { code: "B1", value: -5 },
          { code: "ZZ", value: 1 },
        ],
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(error.details.map((d: { path: string }) => d.path)).toEqual([
      "items[0].code",
      "items[1].value",
      "items[2].value",
      "items[3].code",
    ]);
  });

  it("refuses a stale version with 409 and the current version", async () => {
    const view = await mySheet("GY0201", 2026);
    const items = [{ code: "A1", value: 95 }];
    expect(
      (
        await api.call("GY0201", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
          version: view.sheet.version,
          items,
        })
      ).status,
    ).toBe(200);
    const error = await expectError(
      await api.call("GY0201", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
        version: view.sheet.version,
        items,
      }),
      409,
      "STALE_VERSION",
    );
    expect(error.details.current.version).toBe(view.sheet.version + 1);
  });

  it("refuses files by content: disguised, empty, oversize", async () => {
    const view = await mySheet("GY0201", 2026);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 1, 2, 3, 4]);
    await expectError(
      await upload("GY0201", view.sheet.id, "A1", exe, "报表.pdf"),
      415,
      "UNSUPPORTED_FILE_TYPE",
    );
    await expectError(await upload("GY0201", view.sheet.id, "A1", new Uint8Array(0)), 400, "EMPTY_FILE");
    const huge = new Uint8Array(10 * 1024 * 1024 + 10);
    huge.set(PDF_BYTES);
    await expectError(await upload("GY0201", view.sheet.id, "A1", huge), 413, "FILE_TOO_LARGE");
    const tooBig = new Uint8Array(12 * 1024 * 1024);
    expect((await upload("GY0201", view.sheet.id, "A1", tooBig)).status).toBe(413);
  });

  it("stores an upload with its SHA-256; its township may download it, another staff member may not", async () => {
    const view = await mySheet("GY0201", 2026);
    const res = await upload("GY0201", view.sheet.id, "A1", PNG_BYTES, "照片.png");
    const { evidence } = await json(res);
    expect(res.status).toBe(201);
    expect(evidence).toMatchObject({
      contentType: "image/png",
      fileName: "照片.png",
      sizeBytes: PNG_BYTES.length,
    });
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await api.call("xz02", "GET", `/api/v1/evidence/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG_BYTES);
    expect((await api.call("GY0301", "GET", `/api/v1/evidence/${evidence.id}`)).status).toBe(404);
    expect((await api.call("xz03", "GET", `/api/v1/evidence/${evidence.id}`)).status).toBe(404);
  });

  it("refuses saving after the self-report deadline, naming it", async () => {
    const view = await mySheet("GY0202", 2026);
    now = new Date("2027-01-11T08:00:00+08:00");
    try {
      const error = await expectError(
        await api.call("GY0202", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
          version: view.sheet.version,
          items: [{ code: "A1", value: 95 }],
        }),
        409,
        "DEADLINE_PASSED",
      );
      expect(error.details.deadline).toBe("2027-01-10");
    } finally {
      now = new Date("2026-11-29T10:00:00+08:00");
    }
  });
});

describe("targets", () => {
  it("decomposes a township target among its staff and reports the difference", async () => {
    const period = periods[2026];
    const targets = (await json(await api.call("xz01", "GET", `/api/v1/periods/${period}/targets`)))
      .items as { personId: number; indicatorCode: string; value: number; townshipId: number }[];
    const b1 = targets.filter((t) => t.indicatorCode === "B1");
    const sum = b1.reduce((total, t) => total + t.value, 0);
    const townshipId = b1[0]?.townshipId ?? 0;
    const set = await json(
      await api.call("xz01", "PUT", `/api/v1/periods/${period}/township-targets`, {
        townshipId,
        indicatorCode: "B1",
        value: sum + 60,
      }),
    );
    expect(set.items).toEqual([
      expect.objectContaining({
        indicatorCode: "B1",
        townshipTarget: sum + 60,
        memberSum: sum,
        difference: 60,
        balanced: false,
      }),
    ]);
    const first = b1[0];
    if (!first) throw new Error("no B1 targets");
    await json(
      await api.call("xz01", "PUT", `/api/v1/periods/${period}/targets`, {
        reason: "分解乡镇随访目标",
        items: [{ personId: first.personId, indicatorCode: "B1", value: first.value + 60 }],
      }),
    );
    const after = await json(
      await api.call("xz01", "GET", `/api/v1/periods/${period}/decomposition?townshipId=${townshipId}`),
    );
    expect(after.items[0]).toMatchObject({ difference: 0, balanced: true });
    expect(
      (await api.call("xz02", "GET", `/api/v1/periods/${period}/decomposition?townshipId=${townshipId}`))
        .status,
    ).toBe(403);
    const zero = await api.call("admin", "PUT", `/api/v1/periods/${period}/targets`, {
      reason: "x",
      items: [{ personId: first.personId, indicatorCode: "B1", value: 0 }],
    });
    expect((await expectError(zero, 400, "VALIDATION_FAILED")).details[0].path).toBe("items[0].value");
  });
});

describe("nobody touches what is not theirs", () => {
  it("hides another person's sheet (404) and refuses the wrong role (403)", async () => {
    const view = await mySheet("GY0101", 2026);
    expect((await api.call("GY0102", "GET", `/api/v1/sheets/${view.sheet.id}`)).status).toBe(404);
    expect(
      (
        await api.call("GY0102", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
          version: view.sheet.version,
          items: [{ code: "A1", value: 1 }],
        })
      ).status,
    ).toBe(404);
    expect((await api.call("xz02", "GET", `/api/v1/sheets/${view.sheet.id}`)).status).toBe(404);
    expect((await api.call("xz01", "GET", `/api/v1/sheets/${view.sheet.id}`)).status).toBe(200);
    expect((await api.call("viewer", "GET", `/api/v1/sheets/${view.sheet.id}`)).status).toBe(403);
    expect(
      (
        await api.call("xz01", "PATCH", `/api/v1/sheets/${view.sheet.id}/self`, {
          version: view.sheet.version,
          items: [{ code: "A1", value: 1 }],
        })
      ).status,
    ).toBe(403);
    expect((await api.call("GY0102", "GET", `/api/v1/sheets/999999`)).status).toBe(404);
  });

  it("shows staff their unpublished sheet without the assessor's results", async () => {
    const view = await mySheet("GY0101", 2026);
    expect(view.sheet.total).toBeNull();
    expect(view.items.every((i: { score: unknown }) => i.score === null)).toBe(true);
    const published = await mySheet("GY0101", 2025);
    expect(published.sheet.total).toBeTypeOf("number");
  });
});

describe("period transitions", () => {
  it("refuses scoring while the period is open, publishing with unscored sheets, finalising too early", async () => {
    const view = await mySheet("GY0101", 2026);
    await expectError(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${view.sheet.id}/score`, {
        version: view.sheet.version,
        items: [{ code: "D3", value: "优" }],
      }),
      409,
      "PERIOD_NOT_ASSESSING",
    );
    await expectError(
      await api.call("admin", "POST", `/api/v1/periods/${periods[2026]}/publish`),
      409,
      "INVALID_PERIOD_TRANSITION",
    );
    await expectError(
      await api.call("admin", "POST", `/api/v1/periods/${periods[2026]}/finalize`),
      409,
      "INVALID_PERIOD_TRANSITION",
    );
    expect(
      (await api.call("assessor", "POST", `/api/v1/periods/${periods[2026]}/start-assessing`)).status,
    ).toBe(403);
  });

  it("refuses a second period for a year, and deadlines out of order", async () => {
    const base = {
      name: "重复",
      schemeId: 1,
      selfReportDeadline: "2027-01-10",
      reviewDeadline: "2027-01-20",
      recheckDeadline: "2027-02-15",
      appealDeadline: "2027-02-28",
    };
    await expectError(
      await api.call("admin", "POST", "/api/v1/periods", { ...base, year: 2026 }),
      409,
      "PERIOD_EXISTS",
    );
    const error = await expectError(
      await api.call("admin", "POST", "/api/v1/periods", {
        ...base,
        year: 2030,
        reviewDeadline: "2026-12-01",
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(error.details.map((d: { path: string }) => d.path)).toContain("reviewDeadline");
  });
});

describe("assessing", () => {
  let sheetId = 0;

  it("takes one sheet through submission and review, then the period into assessment", async () => {
    const view = await mySheet("GY0301", 2026);
    sheetId = view.sheet.id;
    const values = selfValues(3, "station");
    const saved = await json(
      await api.call("GY0301", "PATCH", `/api/v1/sheets/${sheetId}/self`, {
        version: view.sheet.version,
        items: Object.entries(values).map(([code, value]) => ({ code, value })),
      }),
    );
    for (const code of evidenceCodes(values))
      expect((await upload("GY0301", sheetId, code, PDF_BYTES)).status).toBe(201);
    const submitted = await json(
      await api.call("GY0301", "POST", `/api/v1/sheets/${sheetId}/submit`, { version: saved.sheet.version }),
    );
    await expectError(
      await api.call("GY0301", "POST", `/api/v1/sheets/${sheetId}/submit`, {
        version: submitted.sheet.version,
      }),
      409,
      "SHEET_ALREADY_SUBMITTED",
    );
    await expectError(
      await api.call("xz03", "POST", `/api/v1/sheets/${sheetId}/review`, {
        version: submitted.sheet.version,
        decision: "return",
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(
      (
        await api.call("xz03", "POST", `/api/v1/sheets/${sheetId}/review`, {
          version: submitted.sheet.version,
          decision: "pass",
        })
      ).status,
    ).toBe(200);
    const early = await expectError(
      await api.call("admin", "POST", `/api/v1/periods/${periods[2026]}/start-assessing`),
      409,
      "CONFIRMATION_REQUIRED",
    );
    expect(early.details.beforeDeadline).toBe(true);
    expect(
      (await api.call("admin", "POST", `/api/v1/periods/${periods[2026]}/start-assessing`, { confirm: true }))
        .status,
    ).toBe(200);
    await expectError(
      await api.call("admin", "POST", `/api/v1/periods/${periods[2026]}/publish`),
      409,
      "SHEETS_NOT_SCORED",
    );
  });

  it("needs a reason when the verified value differs from the self-reported one", async () => {
    const view = await json(await api.call("assessor", "GET", `/api/v1/sheets/${sheetId}`));
    const error = await expectError(
      await api.call("assessor", "PATCH", `/api/v1/sheets/${sheetId}/score`, {
        version: view.sheet.version,
        items: [{ code: "B1", value: 1 }],
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(error.details[0].path).toBe("items[0].reason");
  });

  it("lets one of two concurrent scorings of a sheet win; the other gets 409 and nothing is lost", async () => {
    const view = await json(await api.call("assessor", "GET", `/api/v1/sheets/${sheetId}`));
    const [a, b] = await Promise.all([
      api.call("assessor", "PATCH", `/api/v1/sheets/${sheetId}/score`, {
        version: view.sheet.version,
        items: [{ code: "D3", value: "优" }],
      }),
      api.call("admin", "PATCH", `/api/v1/sheets/${sheetId}/score`, {
        version: view.sheet.version,
        items: [{ code: "D3", value: "差" }],
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? "优" : "差";
    const after = await json(await api.call("assessor", "GET", `/api/v1/sheets/${sheetId}`));
    expect(after.items.find((i: { code: string }) => i.code === "D3").verifiedValue).toBe(winner);
    expect(after.sheet.version).toBe(view.sheet.version + 1);
  });

  it("marks the sheet scored once the assessor has rated it", async () => {
    const view = await json(await api.call("assessor", "GET", `/api/v1/sheets/${sheetId}`));
    expect(
      (
        await api.call("assessor", "POST", `/api/v1/sheets/${sheetId}/mark-scored`, {
          version: view.sheet.version,
        })
      ).status,
    ).toBe(200);
  });
});

describe("公示: 复核 and 申诉 windows", () => {
  it("refuses a 复核 after its deadline, and an 申诉 before any 复核", async () => {
    const view = await mySheet("GY0401", 2025);
    const error = await expectError(
      await api.call("GY0401", "POST", `/api/v1/sheets/${view.sheet.id}/recheck`, { reason: "请复核" }),
      409,
      "DEADLINE_PASSED",
    );
    expect(error.details.deadline).toBe("2026-02-15");
    now = new Date("2026-02-10T09:00:00+08:00");
    try {
      await expectError(
        await api.call("GY0401", "POST", `/api/v1/sheets/${view.sheet.id}/appeal`, { reason: "申诉" }),
        409,
        "RECHECK_REQUIRED",
      );
      expect(
        (
          await api.call("GY0401", "POST", `/api/v1/sheets/${view.sheet.id}/recheck`, {
            reason: "B4 满意度样本有误",
          })
        ).status,
      ).toBe(201);
      await expectError(
        await api.call("GY0401", "POST", `/api/v1/sheets/${view.sheet.id}/recheck`, { reason: "再次" }),
        409,
        "RECHECK_PENDING",
      );
      await expectError(
        await api.call("admin", "POST", `/api/v1/periods/${periods[2025]}/finalize`),
        409,
        "OPEN_REQUESTS",
      );
    } finally {
      now = new Date("2026-11-29T10:00:00+08:00");
    }
  });
});
