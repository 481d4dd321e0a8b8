import type { PersonReport } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { GradeBadge, VetoBadge } from "../../ui/badges";
import { Stat } from "../../ui/stat";

type Item = PersonReport["items"][number];
type Sheet = NonNullable<PersonReport["sheet"]>;

/** 待评定 / 待核实 / 未公示: a value that is not known to this reader yet, never shown as 0 or as the self value. */
export function Pending(props: { state: "pending" | "unpublished" | "verify" }) {
  const { m } = useI18n();
  const text =
    props.state === "unpublished"
      ? m.figures.unpublished
      : props.state === "verify"
        ? m.figures.pendingVerify
        : m.figures.pendingScore;
  return <span class="pending">{text}</span>;
}

/** 分值: the points, or 加分项 / 否决项 for the 0-point bonus and veto indicators. */
export function PointsCell(props: { label: "bonus" | "veto" | null; points: number }) {
  const { m, fmt } = useI18n();
  if (props.label === "bonus") return <span class="badge blue">{m.figures.bonusItem}</span>;
  if (props.label === "veto") return <span class="badge red">{m.figures.vetoItem}</span>;
  return <>{fmt.number(props.points)}</>;
}

/** 核定值: the verified value once known; 待核实 before scoring; 未公示 before publication. */
export function VerifiedCell(props: { item: Item }) {
  const { fmt } = useI18n();
  const { item } = props;
  if (item.verifiedState === "unpublished") return <Pending state="unpublished" />;
  if (item.verifiedState === "pending") return <Pending state="verify" />;
  return (
    <>
      {fmt.measure(item.verifiedValue ?? item.selfValue, item)}
      <KindLines lines={item.incidents} />
    </>
  );
}

/** 多类扣分: each kind's cases (and those found above) with its deduction, under the value. */
export function KindLines(props: { lines: Item["incidents"] | undefined }) {
  const { m, fmt } = useI18n();
  const lines = (props.lines ?? []).filter((line) => line.cases > 0 || line.foundAbove > 0);
  if (lines.length === 0) return null;
  return (
    <ul class="kind-lines">
      {lines.map((line) => (
        <li key={line.kind}>
          {m.figures.kindLine(
            line.kind,
            fmt.number(line.cases),
            line.foundAbove > 0 ? fmt.number(line.foundAbove) : null,
            fmt.score(line.deduction),
          )}
        </li>
      ))}
    </ul>
  );
}

/** 完成率 with its direction-aware wording and colour: 达标 green, 未达标 / 超出上限 red; nothing without one. */
export function CompletionCell(props: { rate: number | null; status: Item["completionStatus"] }) {
  const { m, fmt } = useI18n();
  if (props.rate === null && props.status === null) return <span class="muted">{m.common.dash}</span>;
  const colour = props.status === "met" ? "green" : props.status ? "red" : "blue";
  return (
    <span class="completion">
      {props.rate === null ? null : `${fmt.percent(props.rate, 1)} `}
      {props.status ? <span class={`badge ${colour}`}>{m.figures[props.status]}</span> : null}
    </span>
  );
}

/** The sheet's results: total, base with its 折算, bonus, grade and ranks as 第 x / n 名 (published only). */
export function SheetResults(props: { sheet: Sheet }) {
  const { m, fmt } = useI18n();
  const { sheet } = props;
  if (!sheet.resultsVisible) return null;
  const rating = sheet.proRating;
  return (
    <>
      {sheet.provisional ? (
        <p class="notice">
          <span class="badge amber">{m.figures.provisionalBadge}</span>
        </p>
      ) : null}
      <div class="stats">
        <Stat label={m.common.total}>{fmt.score(sheet.total)}</Stat>
        <Stat label={m.common.base}>
          {fmt.score(sheet.base)}
          <small class="pro-rating">
            {m.figures.proRating(
              fmt.score(rating.rawPoints),
              fmt.number(rating.possiblePoints),
              fmt.score(sheet.base),
            )}
            {rating.scaled ? ` · ${m.figures.proRatingNote(fmt.number(rating.possiblePoints))}` : ""}
          </small>
        </Stat>
        <Stat label={m.common.bonus}>{fmt.score(sheet.bonus)}</Stat>
        <Stat label={m.common.grade}>
          {sheet.gradeLabel ? (
            <GradeBadge grade={sheet.grade} label={sheet.gradeLabel} />
          ) : (
            <Pending state="unpublished" />
          )}{" "}
          {sheet.vetoed ? <VetoBadge kind="veto" /> : null}
        </Stat>
        <Stat label={m.result.countyRank}>
          {sheet.rank !== null && sheet.rankOf !== null ? (
            m.figures.rankOf(sheet.rank, sheet.rankOf)
          ) : (
            <Pending state="unpublished" />
          )}
        </Stat>
        <Stat label={m.result.townshipRank}>
          {sheet.townshipRank !== null && sheet.townshipRankOf !== null ? (
            m.figures.rankOf(sheet.townshipRank, sheet.townshipRankOf)
          ) : (
            <Pending state="unpublished" />
          )}
        </Stat>
      </div>
    </>
  );
}
