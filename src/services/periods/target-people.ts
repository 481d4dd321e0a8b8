import { and, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { people } from "../../db/schema/org";
import { sheets } from "../../db/schema/sheet";
import type { Issue } from "../../domain/scheme";
import { personCategoryOf } from "../../domain/scheme";

/** A person named in a bulk write: by internal id or by 工号, exactly one of the two. */
export interface PersonRef {
  personId?: number;
  employeeNo?: string;
}

/** A person with their sheet of the period (null when they have none). */
export interface PeriodPerson {
  personId: number;
  employeeNo: string;
  name: string;
  sheet: { townshipId: number; category: "station" | "reassigned" } | null;
}

/** How refusals name a person: offices know people by 工号 and name, not by internal id. */
export const personLabel = (person: Pick<PeriodPerson, "employeeNo" | "name">) =>
  `${person.employeeNo} ${person.name}`;

/**
 * Resolves each item's person (by `personId` or `employeeNo`) within the county, with their sheet of the
 * period. Unknown people are issues at `items[i].personId` / `items[i].employeeNo`; a person without a sheet
 * is named by 工号 and name.
 */
export async function resolvePeople(
  tx: Tx,
  countyId: number,
  periodId: number,
  refs: readonly PersonRef[],
): Promise<{ people: (PeriodPerson | undefined)[]; issues: Issue[] }> {
  const ids = [...new Set(refs.flatMap((r) => (r.personId === undefined ? [] : [r.personId])))];
  const numbers = [...new Set(refs.flatMap((r) => (r.employeeNo === undefined ? [] : [r.employeeNo])))];
  const rows = await tx
    .select({
      personId: people.id,
      employeeNo: people.employeeNo,
      name: people.name,
      townshipId: sheets.townshipId,
      category: sheets.category,
    })
    .from(people)
    .leftJoin(sheets, and(eq(sheets.personId, people.id), eq(sheets.periodId, periodId)))
    .where(
      and(
        eq(people.countyId, countyId),
        or(
          inArray(people.id, ids.length ? ids : [-1]),
          inArray(people.employeeNo, numbers.length ? numbers : [""]),
        ),
      ),
    );
  const found = rows.map(({ townshipId, category, ...person }) => ({
    ...person,
    sheet:
      townshipId === null || category === null ? null : { townshipId, category: personCategoryOf(category) },
  }));
  const byId = new Map(found.map((p) => [p.personId, p]));
  const byNumber = new Map(found.map((p) => [p.employeeNo, p]));
  const issues: Issue[] = [];
  const resolved = refs.map((ref, index) => {
    const person = ref.personId !== undefined ? byId.get(ref.personId) : byNumber.get(ref.employeeNo ?? "");
    if (!person) {
      const [field, shown] =
        ref.personId !== undefined
          ? ["personId", `id ${ref.personId}`]
          : ["employeeNo", `工号 ${ref.employeeNo}`];
      issues.push({
        path: `items[${index}].${field}`,
        message: `本县没有人员 ${shown} no such person in this county`,
      });
      return undefined;
    }
    if (!person.sheet)
      issues.push({
        path: `items[${index}].${ref.personId !== undefined ? "personId" : "employeeNo"}`,
        message: `${personLabel(person)}：本考核周期没有考核表 has no sheet in the period`,
      });
    return person;
  });
  return { people: resolved, issues };
}
