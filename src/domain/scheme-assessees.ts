import { dec } from "./decimal";
import { addIssue, type RefineContext } from "./scheme-checks";
import {
  type Assessee,
  assessesPeople,
  assessesTownships,
  type TownshipComposite,
} from "./township-composite";

interface AssesseeShape {
  assessees?: Assessee[] | undefined;
  townshipComposite?: TownshipComposite | undefined;
  gradeBands: readonly { grade: string }[];
  consequences?: { grades?: Record<string, unknown> | undefined } | undefined;
  categories: readonly { indicators: readonly { appliesTo: readonly string[] }[] }[];
}

/**
 * Whom the scheme assesses agrees with its indicators and its composite: township indicators only in a scheme
 * that assesses townships (and at least one there), person indicators only where people are assessed, a
 * composite that reads only what exists, weights that add up to 1, and consequences only for known grades.
 */
export function checkAssessees(doc: AssesseeShape, ctx: RefineContext): void {
  const people = assessesPeople(doc);
  const townships = assessesTownships(doc);
  let townshipIndicators = 0;
  let personIndicators = 0;
  doc.categories.forEach((category, c) => {
    category.indicators.forEach((indicator, i) => {
      const forTownship = indicator.appliesTo.includes("township");
      const forPeople = indicator.appliesTo.some((to) => to !== "township");
      if (forTownship) townshipIndicators++;
      if (forPeople) personIndicators++;
      const path = ["categories", c, "indicators", i, "appliesTo"];
      if (forTownship && !townships)
        addIssue(
          ctx,
          path,
          "TOWNSHIP_NOT_ASSESSED",
          "方案不考核乡镇，指标不能适用于乡镇（assessees 加上 townships）",
          "the scheme does not assess townships (add townships to assessees)",
        );
      if (forPeople && !people)
        addIssue(
          ctx,
          path,
          "PEOPLE_NOT_ASSESSED",
          "方案不考核人员，指标只能适用于乡镇",
          "the scheme does not assess people; the indicator may apply to township only",
        );
    });
  });
  if (townships && townshipIndicators === 0)
    addIssue(
      ctx,
      ["assessees"],
      "NO_TOWNSHIP_INDICATORS",
      "考核乡镇的方案至少要有一项适用于乡镇（township）的指标",
      "a scheme that assesses townships needs an indicator that applies to township",
    );
  // A scheme without categories is already refused for that; "no person indicator" would say it twice.
  if (people && personIndicators === 0 && doc.categories.length > 0)
    addIssue(
      ctx,
      ["assessees"],
      "NO_PERSON_INDICATORS",
      "考核人员的方案至少要有一项适用于人员的指标",
      "a scheme that assesses people needs an indicator that applies to people",
    );
  const rule = doc.townshipComposite;
  if (rule && rule.from !== "staffMean" && !townships)
    addIssue(
      ctx,
      ["townshipComposite", "from"],
      "COMPOSITE_NEEDS_TOWNSHIPS",
      "乡镇综合得分要用乡镇考核得分，方案须考核乡镇",
      "the composite reads township sheets, so the scheme must assess townships",
    );
  if (rule && rule.from !== "own" && !people)
    addIssue(
      ctx,
      ["townshipComposite", "from"],
      "COMPOSITE_NEEDS_PEOPLE",
      "乡镇综合得分要用人员平均分，方案须考核人员",
      "the composite reads staff totals, so the scheme must assess people",
    );
  if (rule?.from === "weighted" && !dec(rule.own).plus(dec(rule.staff)).eq(dec(1)))
    addIssue(
      ctx,
      ["townshipComposite", "own"],
      "WEIGHTS_NOT_ONE",
      `权重之和应为 1（现为 ${rule.own} + ${rule.staff}）`,
      `the weights must add up to 1 (found ${rule.own} + ${rule.staff})`,
    );
  const grades = new Set(doc.gradeBands.map((band) => band.grade));
  // Without bands the scheme is already refused for that; every consequence would be "unknown" besides.
  for (const grade of Object.keys(doc.consequences?.grades ?? {}))
    if (grades.size > 0 && !grades.has(grade))
      addIssue(
        ctx,
        ["consequences", "grades", grade],
        "UNKNOWN_GRADE",
        `等次“${grade}”不在 gradeBands 中`,
        `grade ${grade} is not one of gradeBands`,
      );
}
