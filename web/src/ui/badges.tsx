import type { Period } from "../api/types";
import { useI18n } from "../i18n/i18n";

export type SheetStatus = keyof ReturnType<typeof useI18n>["m"]["status"]["sheet"];

const SHEET_TONE: Record<SheetStatus, string> = {
  draft: "",
  submitted: "blue",
  reviewed: "blue",
  scored: "amber",
  published: "green",
  recheck_requested: "amber",
  appealed: "red",
  final: "green",
};

/**
 * A sheet's status (考核表状态) as a coloured tag. A township's own sheet is passed by the county's 督查, not a
 * township review: its `reviewed` reads 已督查.
 */
export function SheetStatusBadge(props: { status: string; townshipSheet?: boolean }) {
  const { m } = useI18n();
  const status = props.status as SheetStatus;
  const label =
    props.townshipSheet && status === "reviewed" ? m.inspection.reviewedStatus : m.status.sheet[status];
  return <span class={`badge ${SHEET_TONE[status] ?? ""}`}>{label ?? props.status}</span>;
}

/** A period's status as a coloured tag. */
export function PeriodStatusBadge(props: { status: Period["status"] }) {
  const { m } = useI18n();
  const tone = { draft: "", open: "blue", assessing: "amber", published: "green", final: "green" }[
    props.status
  ];
  return <span class={`badge ${tone}`}>{m.status.period[props.status]}</span>;
}

/** A grade (等次) with its scheme label; red for the lowest band. */
export function GradeBadge(props: { grade: string | null | undefined; label?: string | null | undefined }) {
  const { m } = useI18n();
  if (!props.grade) return <span class="muted">{m.common.dash}</span>;
  const tone = props.grade === "excellent" ? "green" : props.grade === "fail" ? "red" : "blue";
  return <span class={`badge ${tone}`}>{props.label ?? m.grades[props.grade] ?? props.grade}</span>;
}

/** 一票否决 / 预否决 markers. */
export function VetoBadge(props: { kind: "veto" | "preVeto" }) {
  const { m } = useI18n();
  return <span class="badge red">{props.kind === "veto" ? m.common.vetoed : m.common.preVeto}</span>;
}

/** 不参加本期考核: a sheet that is out of the period, with its category. */
export function ExemptBadge(props: { category: string | null | undefined }) {
  const { m } = useI18n();
  if (!props.category) return null;
  return (
    <span class="badge exempt">{m.exempt.badge(m.exempt.categories[props.category] ?? props.category)}</span>
  );
}
