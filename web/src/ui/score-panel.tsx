import type { SheetItem, SheetView } from "../api/types";
import { useI18n } from "../i18n/i18n";

type LiveItem = Pick<SheetItem, "code" | "name" | "points" | "ruleType" | "selfScore">;

/**
 * What the live self-score is built from: the items the assessors still have to rate (e.g. D3) are left out
 * and named with their points, and the base is taken over the points that can be scored now, so a person with
 * full marks on everything they report reads 100, not 94.62 with an unexplained gap.
 */
function liveBasis(items: readonly LiveItem[], missing: readonly string[], reportable?: ReadonlySet<string>) {
  const pending = items.filter(
    (item) =>
      item.points > 0 &&
      missing.includes(item.code) &&
      reportable !== undefined &&
      !reportable.has(item.code),
  );
  const pendingCodes = new Set(pending.map((item) => item.code));
  const inBase = items.filter((item) => item.ruleType !== "bonus" && !pendingCodes.has(item.code));
  const possible = inBase.reduce((sum, item) => sum + item.points, 0);
  const raw = inBase.reduce((sum, item) => sum + (item.selfScore ?? 0), 0);
  const base = possible > 0 ? Math.round((raw / possible) * 10_000) / 100 : null;
  return { pending, pendingPoints: pending.reduce((sum, item) => sum + item.points, 0), raw, possible, base };
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
  const basis = props.items ? liveBasis(props.items, live.missing, props.reportable) : null;
  const pending = basis && basis.pending.length > 0 ? basis : null;
  const base = pending ? pending.base : live.base;
  const total = pending && base !== null ? Math.round((base + live.bonus) * 100) / 100 : live.total;
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
              pending.pending.map((item) => `${item.code} ${item.name}`).join(m.common.listSeparator),
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
