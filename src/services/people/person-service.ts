import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "../../auth/session";
import { invalidateUserSessions } from "../../auth/session";
import type { DbOrTx, Tx } from "../../db/client";
import { personColumns } from "../../db/queries/org-queries";
import { users } from "../../db/schema/auth";
import { people, personMoves, stations, townships } from "../../db/schema/org";
import { periods } from "../../db/schema/period";
import { sheets } from "../../db/schema/sheet";
import { recordAudit } from "../audit/audit";
import { conflict, invalid, missing, outOfScope } from "../errors";
import { inOwnTransaction } from "../transaction";

type PersonRow = typeof people.$inferSelect;

/** The fields of a person the office edits on the person page (the station changes only by a move). */
export interface PersonFields {
  name: string;
  gender: "male" | "female" | null;
  category: "station" | "reassigned";
  position: string;
  originUnit: string | null;
  examScore: number | null;
  reassignedOn: string | null;
  phone: string | null;
}

const EDITABLE = [
  "name",
  "gender",
  "category",
  "position",
  "originUnit",
  "examScore",
  "reassignedOn",
  "phone",
] as const;

// 选调人员 must say where they came from, their exam score and when they moved (as the table requires).
function checkReassigned(fields: PersonFields): void {
  if (fields.category !== "reassigned") return;
  const problems = [
    fields.originUnit === null
      ? { path: "originUnit", message: "选调人员须填原单位 required for 选调人员" }
      : null,
    fields.examScore === null
      ? { path: "examScore", message: "选调人员须填考试成绩 required for 选调人员" }
      : null,
    fields.reassignedOn === null
      ? { path: "reassignedOn", message: "选调人员须填选调日期 required for 选调人员" }
      : null,
  ].filter((p) => p !== null);
  if (problems.length > 0) throw invalid("选调人员信息不全 Reassigned staff need all three fields", problems);
}

/** The station of a township of the caller's county, or a 400 naming `path`. */
async function stationOf(db: DbOrTx, countyId: number, townshipId: number, path: string) {
  const [row] = await db
    .select({ stationId: stations.id, townshipName: townships.name })
    .from(townships)
    .innerJoin(stations, eq(stations.townshipId, townships.id))
    .where(and(eq(townships.id, townshipId), eq(townships.countyId, countyId)));
  if (!row)
    throw invalid("乡镇不存在 Unknown township", [{ path, message: "本县没有该乡镇 no such township" }]);
  return row;
}

/** A person of the caller's county, locked for the change; township accounts reach their own township only. */
async function lockPerson(tx: Tx, actor: SessionUser, personId: number): Promise<PersonRow> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.id, personId), eq(people.countyId, actor.countyId)))
    .for("update");
  if (!row) throw missing("人员");
  return row;
}

function changed<K extends keyof PersonRow>(
  before: PersonRow,
  after: Partial<PersonRow>,
  keys: readonly K[],
) {
  return keys.filter((key) => key in after && after[key] !== before[key]);
}

const pick = (row: Partial<PersonRow>, keys: readonly (keyof PersonRow)[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key] ?? null]));

export interface NewPerson extends PersonFields {
  employeeNo: string;
  townshipId: number;
}

/** Adds a person to a township's station (admin); audited. Sheets of open periods come from 加入本期. */
export const createPerson = inOwnTransaction(createPersonInTx);

async function createPersonInTx(tx: Tx, actor: SessionUser, input: NewPerson) {
  checkReassigned(input);
  const { stationId } = await stationOf(tx, actor.countyId, input.townshipId, "townshipId");
  const [taken] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.countyId, actor.countyId), eq(people.employeeNo, input.employeeNo)));
  if (taken)
    throw invalid("工号已被使用 Employee no. is taken", [
      { path: "employeeNo", message: `工号 ${input.employeeNo} 已有人使用 already used` },
    ]);
  const { townshipId: _township, ...values } = input;
  const [created] = await tx
    .insert(people)
    .values({ ...values, stationId, countyId: actor.countyId })
    .returning();
  if (!created) throw new Error("person insert returned nothing");
  await recordAudit(tx, actor, {
    action: "person.create",
    entity: "person",
    entityId: created.id,
    after: { personId: created.id, employeeNo: created.employeeNo, ...pick(created, EDITABLE), stationId },
  });
  return created;
}

/** Changes a person's details (admin); a changed field is audited before → after with the reason. */
export const updatePerson = inOwnTransaction(updatePersonInTx);

async function updatePersonInTx(
  tx: Tx,
  actor: SessionUser,
  personId: number,
  changes: Partial<PersonFields>,
  reason: string | null,
) {
  const before = await lockPerson(tx, actor, personId);
  const merged = { ...before, ...changes };
  checkReassigned(merged);
  const fields = changed(before, changes, EDITABLE);
  if (fields.length === 0) return { person: before, changed: [] as string[] };
  const [updated] = await tx
    .update(people)
    .set(pick(changes, fields))
    .where(eq(people.id, personId))
    .returning();
  if (!updated) throw missing("人员");
  if (fields.includes("name"))
    await tx.update(users).set({ displayName: updated.name }).where(eq(users.personId, personId));
  await recordAudit(tx, actor, {
    action: "person.update",
    entity: "person",
    entityId: personId,
    before: { personId, employeeNo: before.employeeNo, ...pick(before, fields) },
    after: { personId, employeeNo: before.employeeNo, ...pick(updated, fields) },
    reason,
  });
  return { person: updated, changed: fields as string[] };
}

export interface MoveInput {
  townshipId: number;
  movedOn: string;
  reason: string;
}

/**
 * Moves a person to another township's station (调动) from `movedOn`: recorded in person_moves and audited.
 * Sheets already made keep the township recorded on them (docs/decisions/13-01-year-exits.md): the year's
 * result counts where the sheet was created; the answer names those sheets so the office sees the rule.
 */
export const movePerson = inOwnTransaction(movePersonInTx);

async function movePersonInTx(tx: Tx, actor: SessionUser, personId: number, input: MoveInput) {
  const before = await lockPerson(tx, actor, personId);
  const target = await stationOf(tx, actor.countyId, input.townshipId, "townshipId");
  if (target.stationId === before.stationId)
    throw invalid("已在该乡镇 Already in that township", [
      { path: "townshipId", message: "调入乡镇与现乡镇相同 same as the current township" },
    ]);
  const [from] = await tx
    .select({ townshipId: stations.townshipId, townshipName: townships.name })
    .from(stations)
    .innerJoin(townships, eq(townships.id, stations.townshipId))
    .where(eq(stations.id, before.stationId));
  await tx.insert(personMoves).values({
    countyId: actor.countyId,
    personId,
    fromStationId: before.stationId,
    toStationId: target.stationId,
    movedOn: input.movedOn,
    reason: input.reason,
  });
  await tx.update(people).set({ stationId: target.stationId }).where(eq(people.id, personId));
  const keptSheets = await tx
    .select({
      sheetId: sheets.id,
      periodId: periods.id,
      periodName: periods.name,
      townshipName: townships.name,
    })
    .from(sheets)
    .innerJoin(periods, eq(periods.id, sheets.periodId))
    .innerJoin(townships, eq(townships.id, sheets.townshipId))
    .where(and(eq(sheets.personId, personId), inArray(periods.status, ["draft", "open", "assessing"])))
    .orderBy(asc(periods.id));
  await recordAudit(tx, actor, {
    action: "person.move",
    entity: "person",
    entityId: personId,
    before: { personId, employeeNo: before.employeeNo, township: from?.townshipName ?? null },
    after: {
      personId,
      employeeNo: before.employeeNo,
      township: target.townshipName,
      movedOn: input.movedOn,
      sheetsKeptIn: keptSheets.map((s) => `${s.periodName}: ${s.townshipName}`),
    },
    reason: input.reason,
  });
  return { from: from?.townshipName ?? null, to: target.townshipName, movedOn: input.movedOn, keptSheets };
}

/**
 * Retires a person (离岗/退休, active = false) or brings them back; retiring also disables their sign-in and ends
 * its sessions. Sheets already made stay (an admin exempts one with 不参加本期考核 where the year cannot be scored).
 */
export const setPersonActive = inOwnTransaction(setPersonActiveInTx);

async function setPersonActiveInTx(
  tx: Tx,
  actor: SessionUser,
  personId: number,
  active: boolean,
  reason: string,
) {
  const before = await lockPerson(tx, actor, personId);
  if (before.active === active)
    throw conflict(
      active ? "PERSON_ACTIVE" : "PERSON_RETIRED",
      active ? "该人员在岗 The person is already active" : "该人员已离岗 The person is already retired",
    );
  await tx.update(people).set({ active }).where(eq(people.id, personId));
  let accountDisabled = false;
  let endedSessions = 0;
  if (!active) {
    const [account] = await tx
      .update(users)
      .set({ active: false })
      .where(and(eq(users.personId, personId), eq(users.active, true)))
      .returning({ id: users.id });
    if (account) {
      accountDisabled = true;
      endedSessions = await invalidateUserSessions(tx, account.id);
    }
  }
  await recordAudit(tx, actor, {
    action: active ? "person.reinstate" : "person.retire",
    entity: "person",
    entityId: personId,
    before: { personId, employeeNo: before.employeeNo, active: before.active },
    after: {
      personId,
      employeeNo: before.employeeNo,
      active,
      ...(accountDisabled ? { accountDisabled, endedSessions } : {}),
    },
    reason,
  });
  return { active, accountDisabled };
}

/** One person with township, moves and sign-in account, as the person page shows them. */
export async function personDetail(db: DbOrTx, actor: SessionUser, personId: number) {
  const [person] = await db
    .select(personColumns)
    .from(people)
    .innerJoin(stations, eq(stations.id, people.stationId))
    .innerJoin(townships, eq(townships.id, stations.townshipId))
    .where(and(eq(people.id, personId), eq(people.countyId, actor.countyId)));
  if (!person) throw missing("人员");
  if (actor.role === "township" && person.townshipId !== actor.townshipId) throw missing("人员");
  if (actor.role === "staff") throw outOfScope();
  const [moves, [account]] = await Promise.all([
    db
      .select({
        id: personMoves.id,
        movedOn: personMoves.movedOn,
        reason: personMoves.reason,
        fromStationId: personMoves.fromStationId,
        toStationId: personMoves.toStationId,
      })
      .from(personMoves)
      .where(eq(personMoves.personId, personId))
      .orderBy(desc(personMoves.movedOn), desc(personMoves.id)),
    db
      .select({
        id: users.id,
        username: users.username,
        active: users.active,
        mustChangePassword: users.mustChangePassword,
      })
      .from(users)
      .where(eq(users.personId, personId)),
  ]);
  const stationNames = new Map(
    (
      await db
        .select({ id: stations.id, townshipName: townships.name })
        .from(stations)
        .innerJoin(townships, eq(townships.id, stations.townshipId))
        .where(eq(stations.countyId, actor.countyId))
    ).map((s) => [s.id, s.townshipName]),
  );
  return {
    person,
    moves: moves.map(({ fromStationId, toStationId, ...m }) => ({
      ...m,
      from: stationNames.get(fromStationId) ?? "",
      to: stationNames.get(toStationId) ?? "",
    })),
    // Township accounts see whether a colleague can sign in, not the account's details.
    account: account ? { ...account, id: actor.role === "admin" ? account.id : null } : null,
  };
}
