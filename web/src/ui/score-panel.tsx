import type { SheetView } from "../api/types";
import { useI18n } from "../i18n/i18n";

/** The live self-score (自评得分): what the engine gives the values as saved. */
export function LiveScorePanel(props: {
  live: SheetView["liveScore"];
  dirty: boolean;
  /** Only these codes count as missing (the person's own indicators, not the assessors'). */
  reportable?: ReadonlySet<string>;
}) {
  const { m, fmt } = useI18n();
  const { live } = props;
  const missing = live.missing.filter((code) => !props.reportable || props.reportable.has(code));
  return (
    <section class="card" aria-labelledby="live-score-title" aria-live="polite">
      <h2 id="live-score-title">{m.selfReport.liveScore}</h2>
      <dl class="score-list">
        <dt>{m.common.base}</dt>
        <dd>{fmt.score(live.base)}</dd>
        <dt>{m.common.bonus}</dt>
        <dd>{fmt.score(live.bonus)}</dd>
        <dt>{m.common.total}</dt>
        <dd class="big">{fmt.score(live.total)}</dd>
      </dl>
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
