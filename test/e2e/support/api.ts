// Direct API calls (Bearer tokens, no browser) that bring the rest of the county along, so that the
// browser tests can walk one person through a whole year without clicking through 170 sheets.

const PASSWORD = "kaohe-demo";

// A tiny valid PDF: the server sniffs file types by their bytes.
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, username: string): Promise<Api> {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { token: string };
    return new Api(baseUrl, body.token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: payload });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async uploadPdf(sheetId: number, code: string): Promise<void> {
    const form = new FormData();
    form.append("file", new File([PDF], `${code}.pdf`, { type: "application/pdf" }));
    await this.request("POST", `/sheets/${sheetId}/items/${code}/evidence`, form);
  }
}

interface SheetItemView {
  code: string;
  source: string;
  evidenceRequired: boolean | null;
  valueKind: "number" | "boolean" | "rating";
  ratingLevels?: string[];
  target: number | null;
  selfValue: unknown;
}
interface SheetView {
  sheet: { id: number; version: number; status: string };
  items: SheetItemView[];
}

/** Year-end values that meet every target: enough for a complete, unremarkable sheet. */
function plausibleValue(item: SheetItemView): number {
  if (["C3", "D1", "E1"].includes(item.code)) return 0;
  if (item.code === "B4") return 93;
  if (item.code === "D4") return 86;
  return item.target ?? 100;
}

/** A staff member fills in every self-reported value with evidence and submits. */
export async function selfReportAndSubmit(
  baseUrl: string,
  employeeNo: string,
  periodId: number,
): Promise<number> {
  const staff = await Api.signIn(baseUrl, employeeNo);
  const mine = await staff.request<{ items: { id: number; periodId: number }[] }>("GET", "/me/sheets");
  const sheetId = mine.items.find((s) => s.periodId === periodId)?.id;
  if (!sheetId) throw new Error(`${employeeNo} has no sheet in period ${periodId}`);
  const view = await staff.request<SheetView>("GET", `/sheets/${sheetId}`);
  const own = view.items.filter((item) => item.source === "self");
  const saved = await staff.request<SheetView>("PATCH", `/sheets/${sheetId}/self`, {
    version: view.sheet.version,
    items: own.map((item) => ({ code: item.code, value: plausibleValue(item) })),
  });
  for (const item of own.filter((i) => i.evidenceRequired && plausibleValue(i) !== 0))
    await staff.uploadPdf(sheetId, item.code);
  const fresh = await staff.request<SheetView>("GET", `/sheets/${sheetId}`);
  await staff.request("POST", `/sheets/${sheetId}/submit`, {
    version: fresh.sheet.version ?? saved.sheet.version,
  });
  return sheetId;
}

/** The assessor rates what only assessors rate and marks the sheet scored. */
export async function rateAndMarkScored(assessor: Api, sheetId: number): Promise<void> {
  const view = await assessor.request<SheetView>("GET", `/sheets/${sheetId}`);
  const ratings = view.items
    .filter((item) => item.source === "assessor" && item.valueKind === "rating")
    .map((item) => ({ code: item.code, value: item.ratingLevels?.[1] ?? item.ratingLevels?.[0] ?? null }));
  let version = view.sheet.version;
  if (ratings.length > 0) {
    const scored = await assessor.request<SheetView>("PATCH", `/sheets/${sheetId}/score`, {
      version,
      items: ratings,
    });
    version = scored.sheet.version;
  }
  await assessor.request("POST", `/sheets/${sheetId}/mark-scored`, { version });
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
