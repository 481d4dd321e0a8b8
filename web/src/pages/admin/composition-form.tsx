import type { Composition } from "../../../../src/domain/score-composition";
import { useI18n } from "../../i18n/i18n";
import { NumberField } from "../../ui/number-field";
import { type PathKey, pathOf, type SchemeDocument } from "./scheme-doc";

type RankBonus = { count: number; add: number };

// Drops undefined members, and the object itself when nothing is left, so the document stays minimal.
function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** 组合: group share, rank adjustments, weight in a larger total, 优秀 quota per township. */
export function CompositionForm(props: {
  doc: SchemeDocument;
  errors: Map<string, string>;
  readOnly: boolean;
  onComposition: (composition: Composition | undefined) => void;
}) {
  const c = useI18n().m.schemes.composition;
  const current: Composition = props.doc.composition ?? {};
  const err = (...keys: PathKey[]) => props.errors.get(pathOf(["composition", ...keys]));
  const set = (patch: Partial<Composition>) => props.onComposition(compact({ ...current, ...patch }));
  const setRank = (side: "top" | "bottom", patch: Partial<RankBonus>) => {
    const before = current.rankAdjust?.[side];
    const next = { count: before?.count ?? 1, add: before?.add ?? 0, ...patch };
    const bonus = patch.count === undefined && "count" in patch ? undefined : next;
    set({ rankAdjust: compact({ ...current.rankAdjust, [side]: bonus }) });
  };
  // 全年合成: the own weight and four quarter weights; clearing the own weight removes the whole setting.
  const year = current.yearFrom;
  const setYear = (own: number | undefined, quarters: number[]) =>
    set({ yearFrom: own === undefined ? undefined : { own, quarters } });
  const quarters = year?.quarters ?? [0, 0, 0, 0];
  return (
    <fieldset class="card" disabled={props.readOnly}>
      <legend>{c.title}</legend>
      <p class="muted">{c.explain}</p>
      <div class="form-row">
        <NumberField
          label={c.groupShare}
          value={current.groupShare}
          onValue={(groupShare) => set({ groupShare })}
          hint={c.fractionHint}
          error={err("groupShare")}
        />
        <NumberField
          label={c.weightInTotal}
          value={current.weightInTotal}
          onValue={(weightInTotal) => set({ weightInTotal })}
          hint={c.fractionHint}
          error={err("weightInTotal")}
        />
        <NumberField
          label={c.townshipQuota}
          value={current.townshipQuota}
          onValue={(townshipQuota) => set({ townshipQuota })}
          hint={c.fractionHint}
          error={err("townshipQuota")}
        />
      </div>
      <div class="form-row">
        <NumberField
          label={c.topCount}
          value={current.rankAdjust?.top?.count}
          onValue={(count) => setRank("top", { count })}
          error={err("rankAdjust", "top", "count")}
        />
        <NumberField
          label={c.topAdd}
          value={current.rankAdjust?.top?.add}
          onValue={(add) => setRank("top", { add: add ?? 0 })}
          error={err("rankAdjust", "top", "add")}
        />
        <NumberField
          label={c.bottomCount}
          value={current.rankAdjust?.bottom?.count}
          onValue={(count) => setRank("bottom", { count })}
          error={err("rankAdjust", "bottom", "count")}
        />
        <NumberField
          label={c.bottomAdd}
          value={current.rankAdjust?.bottom?.add}
          onValue={(add) => setRank("bottom", { add: add ?? 0 })}
          error={err("rankAdjust", "bottom", "add")}
        />
      </div>
      <p class="field-error" aria-live="polite">
        {err("yearFrom") ?? ""}
      </p>
      <div class="form-row">
        <NumberField
          label={c.yearOwn}
          value={year?.own}
          onValue={(own) => setYear(own, quarters)}
          hint={c.yearHint}
          error={err("yearFrom", "own")}
        />
        {quarters.map((weight, index) => (
          <NumberField
            key={index}
            label={c.yearQuarter(index + 1)}
            value={year === undefined ? undefined : weight}
            onValue={(next) =>
              setYear(
                year?.own ?? 1,
                quarters.map((w, i) => (i === index ? (next ?? 0) : w)),
              )
            }
            error={err("yearFrom", "quarters", index)}
          />
        ))}
      </div>
    </fieldset>
  );
}
