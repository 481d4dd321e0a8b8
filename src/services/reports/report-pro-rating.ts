import { dec, toNumber2 } from "../../domain/decimal";
import { formatPoints, formatScore } from "../../domain/figures";

// 折算: the base (基本分) is the points earned over the points possible for the person's population, scaled
// to 100. A reassigned person has fewer indicators (e.g. 93 possible points), so the report says so.

/** Raw points, possible points and the 折算 formula behind a base score (bonus items are not in the base). */
export function proRating(
  items: readonly { points: number; score: number | null; ruleType: string }[],
  base: number | null,
) {
  const inBase = items.filter((item) => item.ruleType !== "bonus");
  const possible = inBase.reduce((sum, item) => sum.plus(dec(item.points)), dec(0));
  const raw = inBase.reduce((sum, item) => sum.plus(dec(item.score ?? 0)), dec(0));
  const possiblePoints = toNumber2(possible);
  const rawPoints = toNumber2(raw);
  return {
    rawPoints,
    possiblePoints,
    scaled: possiblePoints !== 100,
    formula: `${formatScore(rawPoints, "zh-CN")} ÷ ${formatPoints(possiblePoints, "zh-CN")} × 100 = ${base === null ? "—" : formatScore(base, "zh-CN")}`,
    note: possiblePoints !== 100 ? `${formatPoints(possiblePoints, "zh-CN")} 分满分折算为 100 分` : null,
  };
}
