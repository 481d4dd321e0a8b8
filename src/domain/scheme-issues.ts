import type { z } from "zod";
import { RULE_TYPES } from "./rule-table";

// Validation in the office's language: each problem carries a stable code, a path and a message in Chinese
// then English that names the indicator by code and name and, for the common slips (20 for 0.2, 0.95 for
// 95), says what to write instead.

/** One problem found in a document, at a path like `categories[1].indicators[3].rule.step`. */
export interface Issue {
  path: string;
  message: string;
  /** A stable code the client can branch on (`TOO_BIG`, `PERCENT_AS_FRACTION`, …). */
  code?: string;
  /** The values a client needs to write its own sentence for `code` (field, bounds, choices, indicator). */
  params?: Record<string, string | number | boolean | readonly string[]>;
}

type ZodIssue = z.core.$ZodIssue;

/** Refinement parameters carrying a stable code and a bilingual message. */
export function refineMessage(code: string, zh: string, en: string) {
  return { message: `${zh} ${en}`, params: { code } };
}

// The names the office uses for each field of the document.
const FIELD_NAMES: Record<string, string> = {
  code: "代码",
  name: "名称",
  year: "年度",
  gradeBands: "等次",
  grade: "等次代码",
  label: "名称",
  excellentQuota: "优秀比例",
  preVetoBottomN: "预否决末位数",
  bonusCap: "加分上限",
  vetoTotalBelow: "总分否决线",
  categories: "类别",
  indicators: "指标",
  unit: "单位",
  points: "分值",
  target: "目标值",
  appliesTo: "适用人员",
  source: "数据来源",
  evidenceRequired: "需要佐证",
  rule: "计分规则",
  type: "规则类型",
  floor: "下限",
  direction: "方向",
  step: "步长",
  deduct: "每步扣分",
  steps: "不足一步的计法",
  partial: "未达标得分比例",
  on: "分档依据",
  bands: "分档",
  min: "下限",
  fraction: "得分比例",
  per: "每例分值",
  cap: "上限",
  levels: "评价等级",
  kinds: "扣分类别",
  foundAboveFactor: "上级查出倍数",
  veto: "否决线",
  below: "低于",
  above: "高于",
  negative: "可负分",
  zeroIf: "不得分条件",
  beyond: "超目标加分",
  add: "每步加分",
  // Fields of the 试算 and other request bodies.
  people: "人员",
  employeeNo: "工号",
  township: "乡镇",
  category: "人员类别",
  values: "实绩",
  targets: "目标",
};

/** The Chinese name of the last named field of a path, e.g. 分档下限 for `rule.bands[0].min`. */
export function fieldName(path: readonly PropertyKey[]): string {
  const names = path.filter((key): key is string => typeof key === "string");
  const last = names.at(-1);
  if (last === undefined) return "内容";
  const own = FIELD_NAMES[last] ?? last;
  const parent = names.at(-2);
  // "min" alone says little: 分档下限 / 等次下限 say which.
  if (last === "min" && parent === "bands") return "分档下限";
  if (last === "min" && parent === "gradeBands") return "等次下限";
  if (parent === "levels") return `评价等级“${last}”`;
  return own;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function at(input: unknown, keys: readonly PropertyKey[]): unknown {
  let node: unknown = input;
  for (const key of keys) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else node = record(node)?.[String(key)];
  }
  return node;
}

function textOf(value: unknown): string {
  return typeof value === "string" ? value : "?";
}

/** "指标 A3 人口信息准确率：" or "类别 A 人口计生主要指标：" for a path inside one, else "". */
export function contextOf(input: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === "categories" && typeof path[1] === "number") {
    if (path[2] === "indicators" && typeof path[3] === "number") {
      const indicator = record(at(input, path.slice(0, 4)));
      return `指标 ${textOf(indicator?.code)} ${textOf(indicator?.name)}：`;
    }
    const category = record(at(input, path.slice(0, 2)));
    return `类别 ${textOf(category?.code)} ${textOf(category?.name)}：`;
  }
  if (path[0] === "gradeBands" && typeof path[1] === "number") return `第 ${path[1] + 1} 个等次：`;
  return "";
}

const FRACTION_FIELDS = new Set(["excellentQuota", "fraction", "floor", "partial"]);
const EXPECTED_NAMES: Record<string, string> = {
  number: "数字",
  string: "文字",
  boolean: "true 或 false",
  array: "列表",
  object: "对象",
  record: "对象",
  int: "整数",
};

// The hint for a fraction written as a percent: 20 → 0.2.
function percentHint(value: unknown): { zh: string; en: string } {
  if (typeof value !== "number" || value <= 1 || value > 100) return { zh: "", en: "" };
  const fraction = Number((value / 100).toPrecision(12));
  return {
    zh: `，比率应写成 ${fraction}（${value}% 写作 ${fraction}）`,
    en: `; write ${value}% as ${fraction}`,
  };
}

/** A Chinese-then-English message and code for one zod issue, without the indicator context. */
export function describeZodIssue(
  issue: ZodIssue,
  value: unknown = issue.input,
): { code: string; zh: string; en: string; params?: NonNullable<Issue["params"]> }[] {
  const field = fieldName(issue.path);
  const lastKey = issue.path.filter((key) => typeof key === "string").at(-1);
  switch (issue.code) {
    case "invalid_type": {
      if (value === undefined) return [{ code: "REQUIRED", zh: `缺少${field}`, en: "required" }];
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return [
        {
          code: "WRONG_TYPE",
          zh: `${field}应为${expected}`,
          en: `expected ${issue.expected}`,
          params: { expected: issue.expected },
        },
      ];
    }
    case "too_small": {
      if (issue.origin === "array" || issue.origin === "string")
        return [{ code: "EMPTY", zh: `${field}不能为空`, en: `must not be empty` }];
      const bound = `${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
      return [
        {
          code: "TOO_SMALL",
          zh: `${field}应 ${bound}`,
          en: `must be ${bound}`,
          params: { minimum: Number(issue.minimum), inclusive: issue.inclusive ?? true },
        },
      ];
    }
    case "too_big": {
      if (typeof lastKey === "string" && FRACTION_FIELDS.has(lastKey) && issue.maximum === 1) {
        const hint = percentHint(value);
        return [
          {
            code: hint.zh ? "PERCENT_AS_FRACTION" : "TOO_BIG",
            zh: `${field} ${String(value ?? "")} 大于 1${hint.zh}`,
            en: `must be ≤ 1 (a fraction)${hint.en}`,
            params: {
              maximum: 1,
              inclusive: true,
              ...(typeof value === "number"
                ? { value, fraction: Number((value / 100).toPrecision(12)) }
                : {}),
            },
          },
        ];
      }
      const bound = `${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
      return [
        {
          code: "TOO_BIG",
          zh: `${field}应 ${bound}`,
          en: `must be ${bound}`,
          params: { maximum: Number(issue.maximum), inclusive: issue.inclusive ?? true },
        },
      ];
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        code: "UNKNOWN_KEY",
        zh: `无法识别的字段 ${key}`,
        en: `unknown key ${key}`,
        params: { key },
      }));
    case "invalid_value": {
      const options = issue.values.map(String).join(", ");
      const choices = issue.values.map(String).join("、");
      return [
        {
          code: "NOT_ALLOWED",
          zh: `${field}只能是 ${choices}`,
          en: `expected one of ${options}`,
          params: { values: issue.values.map(String) },
        },
      ];
    }
    case "invalid_union": {
      if (issue.discriminator === undefined)
        return [{ code: "INVALID", zh: `${field}格式不对`, en: "matches no allowed shape" }];
      const types = RULE_TYPES.join(", ");
      return [
        {
          code: "UNKNOWN_RULE_TYPE",
          zh: `规则类型 ${JSON.stringify(record(value)?.type ?? null)} 无法识别，可选 ${RULE_TYPES.join("、")}`,
          en: `unknown rule type; expected one of ${types}`,
        },
      ];
    }
    case "custom": {
      const code = typeof issue.params?.code === "string" ? issue.params.code : "INVALID";
      return [{ code, zh: issue.message, en: "" }];
    }
    default:
      return [{ code: "INVALID", zh: `${field}无效`, en: issue.message }];
  }
}

// Zod reports the offending input only when asked; the document itself has it at the issue's path.
function inputOf(issue: ZodIssue, input: unknown): unknown {
  return issue.input !== undefined || input === undefined ? issue.input : at(input, issue.path);
}

function keyPath(issue: ZodIssue, index: number): readonly PropertyKey[] {
  return issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[index] ?? ""] : issue.path;
}

/** Converts zod issues on `input` into issues whose messages name the indicator; one per unknown key. */
export function zodIssuesToIssues(input: unknown, issues: readonly ZodIssue[], format = formatKeys): Issue[] {
  return issues.flatMap((issue) =>
    describeZodIssue(issue, inputOf(issue, input)).map((described, index) => {
      const path = keyPath(issue, index);
      const message = `${contextOf(input, path)}${described.zh}${described.en ? ` ${described.en}` : ""}`;
      const params = { ...fieldParams(input, path), ...described.params };
      return { path: format(path), message, code: described.code, params };
    }),
  );
}

// The field named in the office's words and the API's, and the indicator it belongs to, for a client's sentence.
function fieldParams(input: unknown, path: readonly PropertyKey[]): NonNullable<Issue["params"]> {
  const key = path.filter((part): part is string => typeof part === "string").at(-1);
  const params: NonNullable<Issue["params"]> = { field: fieldName(path), key: key ?? "" };
  if (path[0] === "categories" && path[2] === "indicators" && typeof path[3] === "number") {
    const code = record(at(input, path.slice(0, 4)))?.code;
    if (typeof code === "string") params.indicator = code;
  }
  return params;
}

/** Formats a zod path as `categories[1].indicators[3].rule.step`. */
export function formatKeys(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      if (key === "") return '[""]'; // an empty record key would otherwise vanish from the path
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join("");
}
