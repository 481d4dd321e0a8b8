import { and, eq, sql } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import { insertChunked } from "../../db/bulk";
import type { Db, Tx } from "../../db/client";
import { users } from "../../db/schema/auth";
import { counties, people, personMoves, stations, townships } from "../../db/schema/org";
import { indicators } from "../../db/schema/scheme";
import demoSchemeDocument from "../../db/seed/demo-scheme.json";
import { parseScheme, type SchemeDocument } from "../../domain/scheme";
import { type Actor, recordAudit, systemActor } from "../audit/audit";
import { importScheme } from "../schemes/scheme-service";
import { DEMO_COUNTY, DEMO_TOWNSHIPS } from "./county-data";
import { type DemoPerson, generatePeople } from "./demo-people";
import { createRandom } from "./random";
import { seedDemoCampaign } from "./seed-demo-campaign";
import { seedDemoPeriods } from "./seed-demo-periods";

export const DEMO_PASSWORD = "kaohe-demo";
const DEMO_SEED = 20_251_231;

/** The demo scheme document shipped with kaohe (src/db/seed/demo-scheme.json; README "Demo accounts"). */
export function demoScheme(): SchemeDocument {
  const parsed = parseScheme(demoSchemeDocument);
  if (!parsed.ok) throw new Error(`demo scheme is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.scheme;
}

export interface SeededPerson extends DemoPerson {
  id: number;
  stationId: number;
  townshipId: number;
}

export interface DemoCountySummary {
  countyId: number;
  townships: number;
  people: number;
  users: number;
  periods: number[];
}

/** Whether any county exists yet (the embedded database seeds itself only when empty). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: counties.id }).from(counties).limit(1);
  return row === undefined;
}

/**
 * Seeds the demo county 桂阳县: 26 townships with a station each, 5–8 station staff each plus the six
 * reassigned staff, the demo scheme, demo accounts (password `kaohe-demo`), a published 2025 period, an
 * open 2026 period with monthly progress through October and the archived 2026 spring campaign (township
 * sheets, 预否决 decided, penalties recorded). Deterministic; one transaction.
 */
export async function seedDemoCounty(
  db: Db,
  options: { countyCode?: string } = {},
): Promise<DemoCountySummary> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await db.transaction(async (tx) => {
    const random = createRandom(DEMO_SEED);
    const [county] = await tx
      .insert(counties)
      .values({ code: options.countyCode ?? DEMO_COUNTY.code, name: DEMO_COUNTY.name })
      .returning({ id: counties.id });
    if (!county) throw new Error("county insert returned nothing");
    const actor = systemActor(county.id);
    const townshipRows = await tx
      .insert(townships)
      .values(
        DEMO_TOWNSHIPS.map((t, i) => ({
          countyId: county.id,
          code: `T${String(i + 1).padStart(2, "0")}`,
          name: t.name,
          kind: t.kind,
          sortOrder: i + 1,
        })),
      )
      .returning({ id: townships.id, name: townships.name });
    const stationRows = await tx
      .insert(stations)
      .values(
        townshipRows.map((t) => ({ countyId: county.id, townshipId: t.id, name: `${t.name}计生服务所` })),
      )
      .returning({ id: stations.id, townshipId: stations.townshipId });
    const seededPeople = await insertPeople(tx, county.id, generatePeople(random), townshipRows, stationRows);
    const scheme = await importScheme(tx, actor, demoScheme());
    const indicatorRows = await tx.select().from(indicators).where(eq(indicators.schemeId, scheme.id));
    const userCount = await insertUsers(tx, county.id, passwordHash, townshipRows, seededPeople);
    await recordMove(tx, county.id, seededPeople, stationRows);
    const periodIds = await seedDemoPeriods(tx, actor, {
      random,
      schemeId: scheme.id,
      scheme: demoScheme(),
      indicatorRows,
      people: seededPeople,
    });
    periodIds.push(await seedDemoCampaign(tx, actor, await demoAdmin(tx, county.id)));
    await recordAudit(tx, actor, {
      action: "seed.demo",
      entity: "county",
      entityId: county.id,
      after: {
        townships: townshipRows.length,
        people: seededPeople.length,
        users: userCount,
        periods: periodIds,
      },
    });
    return {
      countyId: county.id,
      townships: townshipRows.length,
      people: seededPeople.length,
      users: userCount,
      periods: periodIds,
    };
  });
  // Fresh statistics for the planner: PGlite runs no autovacuum, and without them the report queries
  // choose plans an order of magnitude slower.
  await db.execute(sql`analyze`);
  return summary;
}

async function insertPeople(
  tx: Tx,
  countyId: number,
  generated: DemoPerson[],
  townshipRows: { id: number }[],
  stationRows: { id: number; townshipId: number }[],
): Promise<SeededPerson[]> {
  const stationOf = (index: number) => {
    const townshipId = townshipRows[index]?.id;
    const station = stationRows.find((s) => s.townshipId === townshipId);
    if (!station || townshipId === undefined) throw new Error(`no station for township #${index}`);
    return { stationId: station.id, townshipId };
  };
  const rows = await tx
    .insert(people)
    .values(
      generated.map((p) => ({
        countyId,
        employeeNo: p.employeeNo,
        name: p.name,
        gender: p.gender,
        stationId: stationOf(p.townshipIndex).stationId,
        category: p.category,
        position: p.position,
        originUnit: p.originUnit,
        examScore: p.examScore,
        reassignedOn: p.reassignedOn,
      })),
    )
    .returning({ id: people.id, employeeNo: people.employeeNo });
  return generated.map((p, i) => ({ ...p, id: rows[i]?.id ?? -1, ...stationOf(p.townshipIndex) }));
}

async function insertUsers(
  tx: Tx,
  countyId: number,
  passwordHash: string,
  townshipRows: { id: number; name: string }[],
  seeded: SeededPerson[],
): Promise<number> {
  // All demo accounts share one password, so one hash serves them all (hashing is deliberately slow).
  const rows = [
    { username: "admin", displayName: "系统管理员", role: "admin" as const },
    { username: "assessor", displayName: "县考核组", role: "assessor" as const },
    { username: "viewer", displayName: "县领导（只读）", role: "viewer" as const },
    ...townshipRows.map((t, i) => ({
      username: `xz${String(i + 1).padStart(2, "0")}`,
      displayName: `${t.name}计生服务所`,
      role: "township" as const,
      townshipId: t.id,
    })),
    ...seeded.map((p) => ({
      username: p.employeeNo,
      displayName: p.name,
      role: "staff" as const,
      personId: p.id,
    })),
  ].map((u) => ({ countyId, passwordHash, ...u }));
  await insertChunked(tx, users, rows);
  return rows.length;
}

// The demo admin account, who decides the campaign's 预否决 and records its penalties.
async function demoAdmin(tx: Tx, countyId: number): Promise<Actor> {
  const [row] = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.countyId, countyId), eq(users.username, "admin")));
  if (!row) throw new Error("demo admin missing");
  return { id: row.id, username: row.username, countyId };
}

// One person moved station in mid-2025: the move is recorded, and the 2025 sheet stands at the new station.
async function recordMove(
  tx: Tx,
  countyId: number,
  seeded: SeededPerson[],
  stationRows: { id: number; townshipId: number }[],
): Promise<void> {
  const mover = seeded.find((p) => p.employeeNo === "GY0503");
  const from = stationRows[3];
  if (!mover || !from) return;
  await tx.insert(personMoves).values({
    countyId,
    personId: mover.id,
    fromStationId: from.id,
    toStationId: mover.stationId,
    movedOn: "2025-07-01",
    reason: "工作需要，调整至太和镇计生服务所",
  });
}

export type { Actor };
