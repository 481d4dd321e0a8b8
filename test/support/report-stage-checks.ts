import { expect } from "vitest";
import type { Json } from "../fixtures/excel-api";
import { A2_WORSE_THAN_TARGET, type StageSheet } from "./report-stages";

/** What is true of the period at a stage: which people and townships have no scored sheet. */
export interface StageTruth {
  published: boolean;
  unscoredPeople: Set<number>;
  unscoredEmployeeNos: Set<string>;
  unscoredTownships: Set<number>;
  unscoredTownshipNames: Set<string>;
  scoredCount: number;
  total: number;
}

const PERSON_RESULTS = ["total", "base", "bonus", "grade", "gradeLabel", "rank", "townshipRank", "vetoed"];
const TOWNSHIP_RESULTS = ["composite", "rank", "preVeto", "hasVetoedMember"];

function* objects(value: unknown, path = "$"): Generator<[Json, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* objects(item, `${path}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    yield [value as Json, path];
    for (const [key, child] of Object.entries(value)) yield* objects(child, `${path}.${key}`);
  }
}

const empty = (value: unknown) => value === null || value === undefined;

/**
 * Walks a report answer: no person without a scored sheet carries a total, grade, rank or veto; no township
 * without a scored sheet carries a composite, rank or 预否决; before publication nothing carries a grade or a
 * 预否决 at all; a personal report of an unscored sheet shows its items as pending, never as scores.
 */
export function assertNoUnscoredResults(body: Json, stage: StageTruth, where: string) {
  for (const [object, path] of objects(body)) {
    const person = object.personId ?? object.id;
    const isUnscoredPerson =
      stage.unscoredPeople.has(object.personId) || stage.unscoredEmployeeNos.has(object.employeeNo);
    if (isUnscoredPerson)
      for (const key of PERSON_RESULTS)
        expect(empty(object[key]), `${where} ${path}.${key} of unscored person ${person}`).toBe(true);
    if (stage.unscoredTownships.has(object.townshipId)) {
      if (!("employeeNo" in object))
        for (const key of TOWNSHIP_RESULTS)
          expect(empty(object[key]), `${where} ${path}.${key} of unscored township`).toBe(true);
      if ("cells" in object) expect(Object.keys(object.cells), `${where} ${path}.cells`).toEqual([]);
    }
    if (!stage.published) {
      for (const key of ["grade", "gradeLabel", "preVeto"])
        expect(empty(object[key]), `${where} ${path}.${key} before publication`).toBe(true);
    }
  }
  const sheet = body.sheet;
  if (sheet && body.person && stage.unscoredPeople.has(body.person.id)) {
    for (const key of PERSON_RESULTS) expect(empty(sheet[key]), `${where} sheet.${key}`).toBe(true);
    expect(body.changes, `${where} changes`).toBeNull();
    for (const item of body.items) {
      expect(item.score, `${where} ${item.code} score`).toBeNull();
      expect(["pending", "unpublished"]).toContain(item.scoreState);
      expect(item.verifiedValue).toBeNull();
    }
  }
  if (sheet && body.person && !stage.published && body.results !== "provisional") {
    expect(body.changes, `${where} changes before publication`).toBeNull();
    for (const item of body.items) expect(item.verifiedState).toBe("unpublished");
  }
}

/** The sex ratio (lower is better) reported worse than its limit reads below 100 %, 超出上限. */
export async function assertLowerIsBetter(
  get: (user: string, path: string) => Promise<Json>,
  periodId: number,
  staff: string,
  all: readonly StageSheet[],
  of: "self" | "verified",
) {
  const person = all.find((s) => s.employeeNo === staff);
  for (const reader of [staff, "admin"]) {
    const report = await get(reader, `/reports/periods/${periodId}/people/${person?.personId}`);
    const a2 = report.items.find((item: Json) => item.code === "A2");
    expect(a2.direction).toBe("lower");
    const value = of === "self" || reader === staff ? a2.selfValue : (a2.verifiedValue ?? a2.selfValue);
    expect(value).toBe(A2_WORSE_THAN_TARGET);
    expect(a2.completionRate).toBeCloseTo(107 / A2_WORSE_THAN_TARGET, 4);
    expect(a2.completionRate).toBeLessThan(1);
    expect(a2.completionStatus).toBe("over");
  }
}
