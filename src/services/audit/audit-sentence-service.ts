import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { type AuditFilter, listAuditActors, listAuditEntries } from "../../db/queries/audit-queries";
import { users } from "../../db/schema/auth";
import { people } from "../../db/schema/org";
import { sheets } from "../../db/schema/sheet";
import type { ExportTable } from "../excel/export-table";

// The audit log as sentences (issue 18): "2026-03-02 14:05 考核组 王某 将 GY0101 周琼秀 A1 核定值由 95 改为 93，
// 理由：…". Who (role and name), what (the action in the office's words), about whom, before → after, why.

/** The kinds of change a reader filters by: the action's first part, in the office's words. */
export const AUDIT_KINDS: Record<string, string> = {
  sheet: "考核表",
  target: "目标",
  township_target: "乡镇目标",
  progress: "进度",
  person: "人员",
  user: "账号",
  period: "考核周期",
  scheme: "考核方案",
  evidence: "佐证材料",
  recheck: "复核",
  appeal: "申诉",
  excel: "Excel 导入",
};

const ACTIONS: Record<string, string> = {
  "sheet.score": "核定",
  "sheet.mark_scored": "完成评分",
  "sheet.self_report": "填报",
  "sheet.self_report.on_behalf": "代填",
  "sheet.submit": "提交",
  "sheet.submit.on_behalf": "代为提交",
  "sheet.withdraw": "撤回",
  "sheet.review.pass": "审核通过",
  "sheet.review.return": "审核退回",
  "sheet.exempt": "标记不参加本期考核",
  "sheet.restore": "恢复参加考核",
  "sheet.recheck": "申请复核",
  "sheet.appeal": "提出申诉",
  "recheck.decide": "答复复核",
  "appeal.decide": "裁决申诉",
  "target.set": "设定目标",
  "target.import": "导入目标",
  "township_target.set": "设定乡镇目标",
  "person.create": "新增人员",
  "person.update": "修改人员信息",
  "person.move": "调动",
  "person.retire": "办理离岗",
  "person.reinstate": "办理复岗",
  "person.import": "导入人员",
  "person.import.update": "导入修改人员",
  "user.create": "开通账号",
  "user.update": "修改账号",
  "user.password.reset": "重置密码",
  "user.password.change": "修改本人密码",
  "period.create": "新建考核周期",
  "period.deadlines": "修改截止日期",
  "period.extension": "批准延期",
  "period.add_person": "补充考核表",
  "period.open": "开放填报",
  "period.start-assessing": "开始考核",
  "period.return-to-open": "退回填报",
  "period.publish": "公示结果",
  "period.finalize": "归档",
  "period.reopen": "重新开放",
  "scheme.import": "导入考核方案",
  "evidence.upload": "上传佐证",
  "evidence.delete": "删除佐证",
};

const FIELDS: Record<string, string> = {
  verified: "核定值",
  self: "自报值",
  value: "目标值",
  status: "状态",
  name: "姓名",
  gender: "性别",
  category: "类别",
  position: "职务",
  phone: "联系电话",
  originUnit: "原单位",
  examScore: "考试成绩",
  reassignedOn: "选调日期",
  township: "乡镇",
  movedOn: "调动日期",
  active: "在岗/启用",
  role: "角色",
  displayName: "姓名",
  mustChangePassword: "须修改密码",
  selfReportDeadline: "自评截止",
  reviewDeadline: "审核截止",
  recheckDeadline: "复核截止",
  appealDeadline: "申诉截止",
  source: "来源",
};

const ROLES: Record<string, string> = {
  admin: "系统管理员",
  assessor: "考核组",
  township: "乡镇",
  staff: "工作人员",
  viewer: "领导",
};

// Identifiers and bookkeeping that say nothing to a reader of the log.
const HIDDEN = new Set([
  "personId",
  "employeeNo",
  "row",
  "id",
  "countyId",
  "townshipId",
  "stationId",
  "endedSessions",
]);

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "空";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** "2026-03-02 14:05" in China time. */
function chinaMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

type Entry = Awaited<ReturnType<typeof listAuditEntries>>["items"][number];

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** The fields an entry changed, before → after, in the office's words (a one-sided entry lists what it set). */
function changesOf(entry: Entry): AuditChange[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  if (typeof before !== "object" || typeof after !== "object") return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !HIDDEN.has(key),
  );
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .filter((key) => key in after || key in before)
    .map((key) => ({
      field: FIELDS[key] ?? key,
      before: key in before ? show(before[key]) : "",
      after: key in after ? show(after[key]) : "",
    }));
}

async function lookups(db: DbOrTx, countyId: number, items: readonly Entry[]) {
  const userIds = [...new Set(items.flatMap((e) => (e.userId === null ? [] : [e.userId])))];
  const personIds = new Set<number>();
  const sheetIds = new Set<number>();
  for (const e of items) {
    for (const side of [e.before, e.after]) {
      const id = (side as Record<string, unknown> | null)?.personId;
      if (typeof id === "number") personIds.add(id);
    }
    if (e.entity === "person" && e.entityId) personIds.add(Number(e.entityId));
    if ((e.entity === "sheet" || e.entity === "sheet_item") && e.entityId)
      sheetIds.add(Number(e.entityId.split(":")[0]));
    if (e.entity === "target" && e.entityId) personIds.add(Number(e.entityId.split(":")[1]));
  }
  const [userRows, sheetRows] = await Promise.all([
    userIds.length
      ? db
          .select({ id: users.id, name: users.displayName, role: users.role })
          .from(users)
          .where(inArray(users.id, userIds))
      : [],
    sheetIds.size
      ? db
          .select({ id: sheets.id, personId: sheets.personId })
          .from(sheets)
          .where(inArray(sheets.id, [...sheetIds].filter(Number.isSafeInteger)))
      : [],
  ]);
  for (const s of sheetRows) if (s.personId !== null) personIds.add(s.personId);
  const ids = [...personIds].filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647);
  const personRows = ids.length
    ? await db
        .select({ id: people.id, employeeNo: people.employeeNo, name: people.name })
        .from(people)
        .where(and(eq(people.countyId, countyId), inArray(people.id, ids)))
    : [];
  return {
    users: new Map(userRows.map((u) => [u.id, u])),
    sheetPerson: new Map(sheetRows.map((s) => [s.id, s.personId])),
    people: new Map(personRows.map((p) => [p.id, `${p.employeeNo} ${p.name}`])),
  };
}

/** Who or what an entry is about, as a reader names it: 工号 name, with the indicator code for an item. */
function subjectOf(entry: Entry, found: Awaited<ReturnType<typeof lookups>>): string {
  const personOf = (id: unknown) => (typeof id === "number" ? found.people.get(id) : undefined);
  const [first, second, third] = (entry.entityId ?? "").split(":");
  if (entry.entity === "sheet_item" || entry.entity === "sheet") {
    const person = personOf(found.sheetPerson.get(Number(first)));
    return [person ?? `考核表 #${first}`, second].filter(Boolean).join(" ");
  }
  if (entry.entity === "target") return [personOf(Number(second)) ?? "", third].filter(Boolean).join(" ");
  if (entry.entity === "person") return personOf(Number(first)) ?? `人员 #${first}`;
  const named =
    personOf((entry.after as Record<string, unknown> | null)?.personId) ??
    personOf((entry.before as Record<string, unknown> | null)?.personId);
  if (named) return named;
  const after = entry.after as Record<string, unknown> | null;
  if (entry.entity === "user" && typeof after?.username === "string") return `账号 ${after.username}`;
  return entry.entityId ? `${AUDIT_KINDS[entry.entity] ?? entry.entity} #${entry.entityId}` : "";
}

/** One page of the audit log with each entry told as a sentence and its changes listed before → after. */
export async function listAuditSentences(db: DbOrTx, filter: AuditFilter) {
  const page = await listAuditEntries(db, filter);
  const found = await lookups(db, filter.countyId, page.items);
  return {
    total: page.total,
    items: page.items.map((entry) => {
      const user = entry.userId === null ? undefined : found.users.get(entry.userId);
      const actor = user ? `${ROLES[user.role] ?? user.role} ${user.name}` : (entry.username ?? "系统");
      const changes = changesOf(entry);
      const subject = subjectOf(entry, found);
      const told = changes
        .filter((c) => c.before !== "" && c.after !== "")
        .map((c) => `${c.field}由 ${c.before} 改为 ${c.after}`)
        .join("，");
      const verb = ACTIONS[entry.action] ?? entry.action;
      const sentence = `${chinaMinute(entry.at)} ${actor} ${told ? `将 ${subject} ${told}（${verb}）` : `${verb} ${subject}`.trim()}${entry.reason ? `，理由：${entry.reason}` : ""}`;
      return { ...entry, actor, actionLabel: verb, subject, sentence, changes };
    }),
  };
}

/** The audit log as a table for Excel: time, who, what, about whom, the sentence, before → after, reason. */
export function auditTable(page: Awaited<ReturnType<typeof listAuditSentences>>, title: string): ExportTable {
  const text = (header: string, width: number) => ({ header, width, format: "text" as const });
  return {
    title,
    sheetName: "审计日志",
    columns: [
      text("时间", 18),
      text("操作人", 16),
      text("操作", 14),
      text("对象", 20),
      text("记录", 60),
      text("修改前", 30),
      text("修改后", 30),
      text("理由", 30),
    ],
    rows: page.items.map((e) => [
      chinaMinute(e.at),
      e.actor,
      e.actionLabel,
      e.subject,
      e.sentence,
      e.changes.map((c) => `${c.field}：${c.before}`).join("；"),
      e.changes.map((c) => `${c.field}：${c.after}`).join("；"),
      e.reason,
    ]),
  };
}

/** The accounts that appear in a county's audit log, for the log's user picker (assessors cannot list users). */
export function auditActors(db: DbOrTx, countyId: number) {
  return listAuditActors(db, countyId);
}
