// The import templates: Chinese headers exactly as offices type them, what each column means, and
// whether it must be present. The export of targets and progress uses the same columns, so an exported
// file can be corrected and imported back.

export const importKinds = ["people", "targets", "progress"] as const;
export type ImportKind = (typeof importKinds)[number];

export interface TemplateColumn {
  key: string;
  header: string;
  /** A required column must be in the header row, and its cells must be filled. */
  required: boolean;
  width: number;
  note: string;
  /** Allowed labels, offered as a drop-down in the template. */
  choices?: readonly string[];
}

export interface Template {
  kind: ImportKind;
  title: string;
  sheetName: string;
  columns: readonly TemplateColumn[];
}

const col = (
  key: string,
  header: string,
  required: boolean,
  width: number,
  note: string,
  choices?: string[],
) => ({ key, header, required, width, note, choices }) satisfies TemplateColumn;

export const TEMPLATES: Record<ImportKind, Template> = {
  people: {
    kind: "people",
    title: "人员名册",
    sheetName: "人员",
    columns: [
      col("employeeNo", "工号", true, 12, "唯一；已有工号则更新该人员，否则新增"),
      col("name", "姓名", true, 10, "不超过 50 字"),
      col("gender", "性别", false, 6, "男 / 女", ["男", "女"]),
      col("township", "乡镇（街道）", true, 14, "须为本县乡镇（街道）全称，人员归入其计生服务所"),
      col("category", "人员类别", true, 12, "所内人员 / 选调人员", ["所内人员", "选调人员"]),
      col("position", "职务", true, 16, "如 所长、技术服务员"),
      col("originUnit", "原单位", false, 24, "选调人员必填：原所在卫生系统单位"),
      col("examScore", "选调考试成绩", false, 12, "选调人员必填：0–100"),
      col("reassignedOn", "选调日期", false, 12, "选调人员必填：日期，如 2025-03-01"),
      col("active", "在岗", false, 6, "是 / 否，空白为 是", ["是", "否"]),
    ],
  },
  targets: {
    kind: "targets",
    title: "个人目标",
    sheetName: "目标",
    columns: [
      col("employeeNo", "工号", true, 12, "须为本考核周期有考核表的人员"),
      col("name", "姓名", false, 10, "可空；填写时须与工号一致（用于核对）"),
      col(
        "indicatorCode",
        "指标编码",
        true,
        10,
        "本周期考核方案中的指标编码，如 B1；须适用于该人员且设有目标",
      ),
      col("indicatorName", "指标名称", false, 28, "仅供阅读，导入时忽略"),
      col("value", "目标值", true, 10, "数值，不小于 0；按完成率计分的指标须大于 0"),
      col("reason", "调整原因", false, 36, "可空；空白时使用本次导入填写的原因"),
    ],
  },
  progress: {
    kind: "progress",
    title: "月度进度",
    sheetName: "进度",
    columns: [
      col("employeeNo", "工号", true, 12, "须为本考核周期有考核表的人员"),
      col("name", "姓名", false, 10, "可空；填写时须与工号一致（用于核对）"),
      col("indicatorCode", "指标编码", true, 10, "自报数值类指标的编码，如 B1"),
      col("indicatorName", "指标名称", false, 28, "仅供阅读，导入时忽略"),
      col("month", "月份", true, 6, "1–12 的整数，不能晚于当前月份"),
      col("value", "累计完成值", true, 12, "截至该月的累计数值，不小于 0；与现值不同则记为新修订"),
      col("note", "备注", false, 30, "可空"),
    ],
  },
};
