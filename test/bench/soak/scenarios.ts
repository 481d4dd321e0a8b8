import type { Client, Options, Request } from "autocannon";

// The soak's traffic, one autocannon instance per scenario: staff saving self-reports and monthly progress,
// the admin adjusting targets, people signing in and out, and every role reading what it reads. Each writing
// connection owns one work item (a sheet, a person), so no two connections write the same thing at once and
// every acknowledged write can be counted back.

export interface Tally {
  statuses: Map<number, number>;
  /** Acknowledged writes per key (sheet id, person id) and in total. */
  acked: Map<number, number>;
  ackedTotal: number;
  /** Rows a write reported as written (progress). */
  written: number;
  /** Requests sent and answered, by kind (0; sign-in 1, sign-out 2): the difference was in flight at the stop. */
  sent: Map<number, number>;
  answered: Map<number, number>;
}

export const newTally = (): Tally => ({
  statuses: new Map(),
  acked: new Map(),
  ackedTotal: 0,
  written: 0,
  sent: new Map(),
  answered: new Map(),
});

const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

/** Requests of a kind that were sent but never answered: autocannon stops without waiting for them. */
export const inFlight = (tally: Tally, kind = 0) =>
  (tally.sent.get(kind) ?? 0) - (tally.answered.get(kind) ?? 0);

function count(tally: Tally, status: number, kind = 0) {
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  bump(tally.answered, kind);
}

function ack(tally: Tally, key: number) {
  tally.acked.set(key, (tally.acked.get(key) ?? 0) + 1);
  tally.ackedTotal++;
}

/** Gives each connection its own work item (a sheet, a person), so no two connections write the same thing. */
function perConnection<T>(items: readonly T[], name: string, requestsFor: (item: T) => Request[]) {
  let next = 0;
  return (client: Client) => {
    const item = items[next++];
    if (item === undefined) throw new Error(`${name}: more connections than work items`);
    client.setRequests(requestsFor(item));
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

type Scenario = Omit<Options, "url" | "duration"> & { name: string; tally: Tally };

export interface SelfReportItem {
  sheetId: number;
  token: string;
  version: number;
}

/**
 * Staff saving their year-end self-report again and again (optimistic concurrency: each save bumps the
 * version). A save the client gave up on may still have committed: the 409 that follows says which version
 * is current, and the next save uses it.
 */
export function selfReportScenario(items: SelfReportItem[], connections: number): Scenario {
  const tally = newTally();
  let value = 100;
  const requestsFor = (item: SelfReportItem): Request[] => [
    {
      method: "PATCH",
      path: `/api/v1/sheets/${item.sheetId}/self`,
      headers: bearer(item.token),
      setupRequest(req) {
        bump(tally.sent, 0);
        return {
          ...req,
          body: JSON.stringify({ version: item.version, items: [{ code: "B1", value: value++ % 400 }] }),
        };
      },
      onResponse(status, body) {
        count(tally, status);
        if (status === 200) {
          item.version = (JSON.parse(body) as { sheet: { version: number } }).sheet.version;
          ack(tally, item.sheetId);
        } else if (status === 409) {
          const current = (JSON.parse(body) as { error: { details: { current?: { version: number } } } })
            .error.details.current;
          if (current) item.version = current.version;
        }
      },
    },
  ];
  return {
    name: "staff: self-report",
    connections,
    setupClient: perConnection(items, "self-report", requestsFor),
    tally,
  };
}

export interface ProgressItem {
  personId: number;
  token: string;
  periodId: number;
}

/** Staff correcting monthly progress; every acknowledged change is one new revision row. */
export function progressScenario(items: ProgressItem[], connections: number): Scenario {
  const tally = newTally();
  let value = 1_000;
  const requestsFor = (item: ProgressItem): Request[] => [
    {
      method: "PUT",
      path: `/api/v1/periods/${item.periodId}/progress`,
      headers: bearer(item.token),
      setupRequest(req) {
        bump(tally.sent, 0);
        const month = 1 + (value % 10);
        return {
          ...req,
          body: JSON.stringify({ entries: [{ indicatorCode: "B1", month, value: value++ }] }),
        };
      },
      onResponse(status, body) {
        count(tally, status);
        if (status === 200) {
          tally.written += (JSON.parse(body) as { written: number }).written;
          ack(tally, item.personId);
        }
      },
    },
  ];
  return {
    name: "staff: monthly progress",
    connections,
    setupClient: perConnection(items, "progress", requestsFor),
    tally,
  };
}

/** The admin adjusting personal targets (one person per connection, always a new value). */
export function targetScenario(
  admin: string,
  periodId: number,
  personIds: number[],
  connections: number,
): Scenario {
  const tally = newTally();
  let value = 200;
  const requestsFor = (personId: number): Request[] => [
    {
      method: "PUT",
      path: `/api/v1/periods/${periodId}/targets`,
      headers: bearer(admin),
      setupRequest(req) {
        bump(tally.sent, 0);
        const items = [{ personId, indicatorCode: "B1", value: 150 + (value++ % 200) }];
        return { ...req, body: JSON.stringify({ reason: "压力测试 soak", items }) };
      },
      onResponse(status) {
        count(tally, status);
        if (status === 200) ack(tally, personId);
      },
    },
  ];
  return {
    name: "admin: targets",
    connections,
    setupClient: perConnection(personIds, "targets", requestsFor),
    tally,
  };
}

/** Signing in (scrypt) and out again; each pair leaves the number of sessions as it was. */
export function signInScenario(username: string, password: string, connections: number): Scenario {
  const tally = newTally();
  return {
    name: "sign-in and sign-out",
    connections,
    tally,
    requests: [
      {
        method: "POST",
        path: "/api/v1/auth/login",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
        setupRequest(req) {
          bump(tally.sent, 1);
          return req;
        },
        onResponse(status, body, context) {
          count(tally, status, 1);
          if (status === 200) {
            context.token = (JSON.parse(body) as { token: string }).token;
            ack(tally, 1);
          }
        },
      },
      {
        method: "POST",
        path: "/api/v1/auth/logout",
        setupRequest(req, context) {
          bump(tally.sent, 2);
          return { ...req, headers: bearer(String(context.token ?? "none")) };
        },
        onResponse(status) {
          count(tally, status, 2);
          if (status === 200) ack(tally, 2);
        },
      },
    ],
  };
}

/** A role reading its pages in a loop. */
export function readScenario(name: string, token: string, paths: string[], connections: number): Scenario {
  const tally = newTally();
  return {
    name,
    connections,
    tally,
    requests: paths.map((path) => ({
      method: "GET",
      path,
      headers: bearer(token),
      onResponse: (status: number) => count(tally, status),
    })),
  };
}
