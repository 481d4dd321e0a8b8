import { describe, expect, it } from "vitest";
import type { Indicator, SchemeDocument } from "../../src/domain/scheme";
import { en } from "../../web/src/i18n/en";
import { createFormatters } from "../../web/src/i18n/i18n";
import { zhCN } from "../../web/src/i18n/zh-CN";
import { describeRule, describeScheme } from "../../web/src/ui/rule-text";

// The rule text staff read beside each indicator and above their self-report (计分规则, 计分说明): every
// setting that changes a score must be said, in Chinese and in English.

const zh = { m: zhCN, fmt: createFormatters("zh-CN", "—") };
const english = { m: en, fmt: createFormatters("en", "—") };

const c4: Indicator = {
  code: "C4",
  name: "流动人口信息通报",
  points: 8,
  appliesTo: ["station"],
  source: "assessor",
  rule: {
    type: "incidents",
    kinds: [
      { label: "错报", per: 2 },
      { label: "迟报", per: 0.2, maxPerCase: 2 },
    ],
    foundAboveFactor: 2,
  },
  negative: { floor: -4 },
  byClass: { 二类: { points: 6, rule: { type: "incidents", kinds: [{ label: "错报", per: 1 }] } } },
};

const a1: Indicator = {
  code: "A1",
  name: "政策符合率",
  unit: "%",
  points: 10,
  target: 95,
  appliesTo: ["station"],
  source: "self",
  rule: { type: "shortfall", direction: "higher", step: 1, deduct: 1, steps: "floor" },
  zeroIf: { below: 60 },
  beyond: { step: 1, add: 0.5, cap: 2 },
  veto: { below: 82 },
};

describe("describeRule", () => {
  it("says how started steps count, the zeroing limit, the bonus beyond the target and the veto", () => {
    expect(describeRule(a1, zh.m, zh.fmt)).toBe(
      "每低于目标 1 扣 1 分；不足一步不扣；扣完为止；低于 60 该项不得分；超过目标每 1 加 0.5 分，最多加 2 分；低于 82 一票否决",
    );
    const prorata = { ...a1, rule: { ...a1.rule, steps: "prorata" } } as Indicator;
    expect(describeRule(prorata, zh.m, zh.fmt)).toContain("不足一步按比例扣");
    expect(describeRule(prorata, english.m, english.fmt)).toContain("part steps pro rata");
  });

  it("says each kind's deduction, the per-case cap, the doubled deduction and the negative floor", () => {
    const text = describeRule(c4, zh.m, zh.fmt);
    expect(text).toContain("错报每例扣 2 分");
    expect(text).toContain("迟报按每例数量每 1 扣 0.2 分，每例最高扣 2 分");
    expect(text).toContain("上级查出的按 2 倍扣分");
    expect(text).toContain("可扣至负分，最低 -4 分");
    // Without the sheet's class, every class's values are listed.
    expect(text).toContain("二类单位：分值 6；错报每例扣 1 分");
  });

  it("gives the values of the sheet's own class and names it, and the base values for another class", () => {
    const second = describeRule(c4, zh.m, zh.fmt, { unitClass: "二类" });
    expect(second).toBe("错报每例扣 1 分；可扣至负分，最低 -4 分；分值 6；按二类单位的标准计");
    expect(second).not.toContain("迟报");
    const first = describeRule(c4, zh.m, zh.fmt, { unitClass: "一类" });
    expect(first).toContain("错报每例扣 2 分");
    expect(first).not.toContain("二类");
    expect(describeRule(c4, english.m, english.fmt, { unitClass: "二类" })).toContain(
      "as for units of class 二类",
    );
  });
});

const scheme: SchemeDocument = {
  code: "S",
  name: "s",
  year: 2026,
  gradeBands: [
    { grade: "fail", label: "不合格", min: 0 },
    { grade: "excellent", label: "优秀", min: 90 },
    { grade: "pass", label: "合格", min: 60 },
  ],
  excellentQuota: 0.2,
  preVetoBottomN: 2,
  bonusCap: 5,
  vetoTotalBelow: 60,
  unitClasses: ["一类", "二类"],
  composition: {
    yearFrom: { own: 0.7, quarters: [0, 0.3, 0, 0] },
    groupShare: 0.4,
    rankAdjust: { top: { count: 5, add: 5 }, bottom: { count: 3, add: -5 } },
    weightInTotal: 0.13,
    townshipQuota: 0.15,
  },
  categories: [{ code: "A", name: "a", indicators: [a1, c4] }],
};

describe("describeScheme", () => {
  it("explains every scheme-wide setting that changes a total", () => {
    expect(describeScheme(scheme, zh.m, zh.fmt, { unitClass: "二类" })).toEqual([
      "每项得分四舍五入保留 2 位小数；基本分 = 各项得分之和 ÷ 各项分值之和 × 100，保留 2 位小数",
      "加分项与超目标加分合计最多 5 分，计入总分",
      "总分低于 60 分的一票否决",
      "全年总分 = 年终考核总分 × 70% + 第2季度总分 × 30%（未参加的季度不计，其余按比例折算）",
      "总分 = 本人得分 × 60% + 所在乡镇平均分 × 40%",
      "全县前 5 名加 5 分（按名次加减前的总分排，并列的一并计，被否决者不计）",
      "全县后 3 名扣 5 分（按名次加减前的总分排，并列的一并计，被否决者不计）",
      "本考核总分按 13% 计入综合总分",
      "等次：优秀 ≥ 90、合格 ≥ 60、不合格 ≥ 0",
      "优秀每个乡镇不超过本乡镇人数的 15%，全县不超过 20%",
      "本单位本期为二类单位，分类指标按二类的标准计分",
    ]);
  });

  it("leaves out what the scheme does not set, and says when the unit has no class", () => {
    const plain: SchemeDocument = {
      ...scheme,
      vetoTotalBelow: undefined,
      composition: undefined,
      categories: [{ code: "A", name: "a", indicators: [{ ...a1, beyond: undefined }] }],
    };
    const lines = describeScheme(plain, zh.m, zh.fmt);
    expect(lines).toEqual([
      "每项得分四舍五入保留 2 位小数；基本分 = 各项得分之和 ÷ 各项分值之和 × 100，保留 2 位小数",
      "等次：优秀 ≥ 90、合格 ≥ 60、不合格 ≥ 0",
      "优秀不超过参加考核人数的 20%",
      "本单位本期未定类别，分类指标按基本标准计分",
    ]);
    expect(describeScheme({ ...plain, unitClasses: undefined }, english.m, english.fmt)).toEqual([
      "Each item's score is rounded to 2 decimals; the base = the items' scores ÷ their points × 100, to 2 decimals",
      "Grades: 优秀 ≥ 90, 合格 ≥ 60, 不合格 ≥ 0",
      "优秀: at most 20% of those assessed",
    ]);
  });
});
