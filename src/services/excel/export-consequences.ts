import type { Db } from "../../db/client";
import { measureText } from "../../domain/consequences";
import { listConsequences } from "../periods/outcome-service";
import { isPublished } from "../reports/report-access";

// 奖惩 in the ranking exports: what each township or person is due per the published result, and what was
// recorded as applied (兑现), as text a reader can take in at a glance.

/** The two cells of a party: due (应兑现) and applied (已兑现). */
export type ConsequenceCells = [string | null, string | null];

export interface ConsequenceLookup {
  township(townshipId: number): ConsequenceCells;
  person(personId: number): ConsequenceCells;
}

const UNPUBLISHED: ConsequenceCells = ["未公示", "未公示"];
const NONE: ConsequenceCells = [null, null];

/** Each party's consequences of a period; before 公示 every cell says 未公示 (consequences follow the result). */
export async function loadConsequenceCells(
  db: Db,
  countyId: number,
  period: { id: number; status: string },
): Promise<ConsequenceLookup> {
  if (!isPublished(period)) return { township: () => UNPUBLISHED, person: () => UNPUBLISHED };
  const { parties } = await listConsequences(db, countyId, period.id);
  const townships = new Map<number, ConsequenceCells>();
  const people = new Map<number, ConsequenceCells>();
  for (const party of parties) {
    const due = party.due.map((m) => m.text).join("；") || null;
    const applied =
      party.applied
        .map((r) => {
          const when = [r.appliedOn, r.documentNo].filter(Boolean).join("，");
          return `${measureText({ kind: r.kind, measure: r.measure, amount: r.amount ?? undefined })}（${when}）`;
        })
        .join("；") || null;
    if (party.party.kind === "township") townships.set(party.party.townshipId, [due, applied]);
    else people.set(party.party.personId, [due, applied]);
  }
  return {
    township: (id) => townships.get(id) ?? NONE,
    person: (id) => people.get(id) ?? NONE,
  };
}
