import { liveBasis } from "../../../src/domain/live-basis";
import type { SheetItem, SheetView } from "../api/types";
import { useI18n } from "../i18n/i18n";

type LiveItem = Pick<SheetItem, "code" | "name" | "points" | "ruleType" | "selfScore">;

/** The items as the domain's live basis sees them: those not reportable by the person are the assessors'. */
function basisOf(
  items: readonly LiveItem[],
  live: SheetView["liveScore"],
  reportable: ReadonlySet<string> | undefined,
) {
  const named = new Map(items.map((item) => [item.code, item.name]));
  const basis = liveBasis(
    items.map((item) => ({
      code: item.code,
      points: item.points,
      ruleType: item.ruleType,
      score: item.selfScore,
      assessorRated: reportable !== undefined && !reportable.has(item.code),
      missing: live.missing.includes(item.code),
    })),
    live.bonus,
  );
  return (
    basis && { ...basis, names: basis.pending.map((item) => `${item.code} ${named.get(item.code) ?? ""}`) }
  );
}

/** The live self-score (自评得分): what the engine gives the values as saved, with the part still to be rated. */
export function LiveScorePanel(props: {
  live: SheetView["liveScore"];
  dirty: boolean;
  /** Only these codes count as missing (the person's own indicators, not the assessors'). */
  reportable?: ReadonlySet<string>;
  /** The sheet's items (points, rule type, self score), to show the part the assessors still rate. */
  items?: readonly LiveItem[];
}) {
  const { m, fmt } = useI18n();
  const { live } = props;
  const missing = live.missing.filter((code) => !props.reportable || props.reportable.has(code));
  // Items the assessors still rate are left out of the base (the review list's 自评得分 uses the same basis).
  const pending = props.items ? basisOf(props.items, live, props.reportable) : null;
  const base = pending ? pending.base : live.base;
  const total = pending ? pending.total : live.total;
  return (
    <section class="card" aria-labelledby="live-score-title" aria-live="polite">
      <h2 id="live-score-title">{m.selfReport.liveScore}</h2>
      <dl class="score-list">
        <dt>{m.common.base}</dt>
        <dd>{fmt.score(base)}</dd>
        <dt>{m.common.bonus}</dt>
        <dd>{fmt.score(live.bonus)}</dd>
        <dt>{m.common.total}</dt>
        <dd class="big">{fmt.score(total)}</dd>
      </dl>
      {pending ? (
        <>
          <p class="notice">
            {m.figures.livePending(
              pending.names.join(m.common.listSeparator),
              fmt.points(pending.pendingPoints),
            )}
          </p>
          <p class="muted">{m.figures.liveBasis(fmt.score(pending.raw), fmt.points(pending.possible))}</p>
        </>
      ) : null}
      {live.vetoed ? <p class="badge red">{m.selfReport.wouldVeto}</p> : null}
      {missing.length > 0 ? (
        <p class="muted">{m.selfReport.missing(missing.join(m.common.listSeparator))}</p>
      ) : (
        <p class="muted">{m.selfReport.complete}</p>
      )}
      {props.dirty ? <p class="notice">{m.selfReport.unsaved}</p> : null}
    </section>
  );
}
