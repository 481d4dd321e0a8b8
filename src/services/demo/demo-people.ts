import {
  DEMO_TOWNSHIPS,
  GIVEN_NAME_CHARS,
  REASSIGNED_ON,
  REASSIGNED_ORIGINS,
  STATION_POSITIONS,
  SURNAMES,
} from "./county-data";
import type { Random } from "./random";

export interface DemoPerson {
  employeeNo: string;
  name: string;
  gender: "male" | "female";
  townshipIndex: number;
  category: "station" | "reassigned";
  position: string;
  originUnit: string | null;
  examScore: number | null;
  reassignedOn: string | null;
  /** How well this person works (0..1), around the township's quality. */
  quality: number;
}

function personName(random: Random, used: Set<string>): string {
  for (;;) {
    const given =
      random.next() < 0.7
        ? random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS)
        : random.pick(GIVEN_NAME_CHARS);
    const name = random.pick(SURNAMES) + given;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 5–8 station staff per township (the first is 所长), then the six reassigned staff. */
export function generatePeople(random: Random): DemoPerson[] {
  const used = new Set<string>();
  const result: DemoPerson[] = [];
  DEMO_TOWNSHIPS.forEach((township, t) => {
    const size = random.int(5, 8);
    for (let n = 1; n <= size; n++) {
      result.push({
        employeeNo: `GY${String(t + 1).padStart(2, "0")}${String(n).padStart(2, "0")}`,
        name: personName(random, used),
        gender: random.next() < 0.65 ? "female" : "male",
        townshipIndex: t,
        category: "station",
        position: n === 1 ? "所长" : n === 2 ? "副所长" : random.pick(STATION_POSITIONS),
        originUnit: null,
        examScore: null,
        reassignedOn: null,
        quality: clamp01(township.quality + random.noise() * 0.18),
      });
    }
  });
  REASSIGNED_ORIGINS.forEach((origin, i) => {
    const townshipIndex = DEMO_TOWNSHIPS.findIndex((t) => t.name === origin.township);
    result.push({
      employeeNo: `GYX${String(i + 1).padStart(2, "0")}`,
      name: personName(random, used),
      gender: random.next() < 0.6 ? "female" : "male",
      townshipIndex,
      category: "reassigned",
      position: "技术服务员（选调）",
      originUnit: origin.originUnit,
      examScore: origin.examScore,
      reassignedOn: REASSIGNED_ON,
      quality: clamp01((DEMO_TOWNSHIPS[townshipIndex]?.quality ?? 0.6) + 0.1 + random.noise() * 0.12),
    });
  });
  return result;
}
