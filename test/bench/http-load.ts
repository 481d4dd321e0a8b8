import autocannon, { type Result } from "autocannon";

// Load on loopback with autocannon, summarised as the benchmarks report it.

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx responses. */
  failures: number;
}

function summarise(result: Result): LoadResult {
  const ok = Object.entries(result.statusCodeStats)
    .filter(([code]) => code.startsWith("2"))
    .reduce((n, [, stat]) => n + stat.count, 0);
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** `connections` clients sending GET `path` back to back for `seconds`. */
export async function loadGet(
  baseUrl: string,
  path: string,
  options: { connections: number; seconds: number; token?: string; timeoutSeconds?: number },
): Promise<LoadResult> {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const result = await autocannon({
    url: `${baseUrl}${path}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: options.timeoutSeconds ?? 10,
    headers,
  });
  return summarise(result);
}

/** A staff member saving their own sheet: session token, sheet and the version they last saw. */
export interface StaffSession {
  token: string;
  sheetId: number;
  version: number;
}

/**
 * One client per staff member, each saving one self-reported item of their own sheet
 * (`PATCH /api/v1/sheets/:id/self`), carrying the version the previous answer returned: back to back, or
 * `savesPerSecond` times a second each.
 */
export async function loadSelfReports(
  baseUrl: string,
  staff: readonly StaffSession[],
  options: { seconds: number; code: string; values: readonly [number, number]; savesPerSecond?: number },
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: staff.length,
    duration: options.seconds,
    connectionRate: options.savesPerSecond,
    setupClient(client) {
      const member = staff[next++ % staff.length];
      if (!member) return;
      let saves = 0;
      client.setRequests([
        {
          method: "PATCH",
          path: `/api/v1/sheets/${member.sheetId}/self`,
          headers: { authorization: `Bearer ${member.token}`, "content-type": "application/json" },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              version: member.version,
              items: [{ code: options.code, value: options.values[saves % 2] }],
            }),
          }),
          onResponse: (status, body) => {
            saves++;
            member.version = versionAfter(status, body) ?? member.version;
          },
        },
      ]);
    },
  });
  return summarise(result);
}

// The sheet's version after a save: from the sheet view (200) or from the conflict's details (409).
function versionAfter(status: number, body: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (status === 200) return pick(parsed, ["sheet", "version"]);
    if (status === 409) return pick(parsed, ["error", "details", "current", "version"]);
  } catch {
    // not JSON: keep the version
  }
  return undefined;
}

function pick(value: unknown, path: readonly string[]): number | undefined {
  let at: unknown = value;
  for (const key of path) at = at && typeof at === "object" && key in at ? Reflect.get(at, key) : undefined;
  return typeof at === "number" ? at : undefined;
}
