import { useI18n } from "../../i18n/i18n";
import { SelectField, TextField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import { ClassOverridesEditor } from "./class-overrides-editor";
import { IndicatorOptionsEditor } from "./indicator-options-editor";
import { RuleEditor } from "./rule-editor";
import { type Indicator, type PathKey, pathOf } from "./scheme-doc";

/** One indicator of the scheme: identity, points, target, who it applies to, source, evidence, rule, veto limits. */
export function IndicatorEditor(props: {
  indicator: Indicator;
  at: PathKey[];
  errors: Map<string, string>;
  readOnly: boolean;
  unitClasses: readonly string[];
  onChange: (indicator: Indicator) => void;
  onRemove: () => void;
}) {
  const { m } = useI18n();
  const s = m.schemes;
  const { indicator, at, errors } = props;
  const err = (...keys: PathKey[]) => errors.get(pathOf([...at, ...keys]));
  const set = (patch: Partial<Indicator>) => {
    const next = { ...indicator, ...patch };
    for (const [key, value] of Object.entries(patch))
      if (value === undefined) delete next[key as keyof Indicator];
    props.onChange(next);
  };
  const toggleCategory = (category: "station" | "reassigned", on: boolean) =>
    set({
      appliesTo: on
        ? [...new Set([...indicator.appliesTo, category])]
        : indicator.appliesTo.filter((c) => c !== category),
    });
  const setVeto = (side: "below" | "above", value: number | undefined) => {
    const veto = { ...indicator.veto, [side]: value };
    if (veto.below === undefined) delete veto.below;
    if (veto.above === undefined) delete veto.above;
    set({ veto: Object.keys(veto).length > 0 ? veto : undefined });
  };
  const prefix = pathOf(at);
  const hasProblem = [...errors.keys()].some((path) => path === prefix || path.startsWith(`${prefix}.`));
  return (
    <details class="indicator-editor" open={hasProblem || indicator.name === "" || undefined}>
      <summary>
        <strong>{indicator.code}</strong> {indicator.name || s.untitled} · {s.pointsShort(indicator.points)} ·{" "}
        {s.rule.types[indicator.rule.type]}
        {hasProblem ? <span class="badge red">{s.hasProblem}</span> : null}
      </summary>
      <fieldset class="plain-fieldset" disabled={props.readOnly}>
        <legend class="visually-hidden">
          {indicator.code} {indicator.name}
        </legend>
        <p class="field-error" aria-live="polite">
          {errors.get(pathOf(at)) ?? ""}
        </p>
        <div class="form-row">
          <TextField
            label={s.indicatorCode}
            value={indicator.code}
            onValue={(code) => set({ code })}
            error={err("code")}
            class="short"
          />
          <TextField
            label={s.indicatorName}
            value={indicator.name}
            onValue={(name) => set({ name })}
            error={err("name")}
          />
          <TextField
            label={s.unit}
            value={indicator.unit ?? ""}
            onValue={(unit) => set({ unit: unit || undefined })}
            error={err("unit")}
            class="short"
          />
          <NumberField
            label={s.points}
            value={indicator.points}
            onValue={(points) => set({ points: points ?? 0 })}
            error={err("points")}
            class="short"
          />
          <NumberField
            label={s.target}
            value={indicator.target}
            onValue={(target) => set({ target })}
            error={err("target")}
            class="short"
          />
        </div>
        <div class="form-row">
          <fieldset class="plain">
            <legend>{s.appliesTo}</legend>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={indicator.appliesTo.includes("station")}
                onChange={(event) => toggleCategory("station", event.currentTarget.checked)}
              />
              {m.categories.station}
            </label>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={indicator.appliesTo.includes("reassigned")}
                onChange={(event) => toggleCategory("reassigned", event.currentTarget.checked)}
              />
              {m.categories.reassigned}
            </label>
            <p class="field-error" aria-live="polite">
              {err("appliesTo") ?? ""}
            </p>
          </fieldset>
          <SelectField
            label={s.source}
            value={indicator.source}
            onValue={(source) => set({ source: source === "assessor" ? "assessor" : "self" })}
            options={[
              { value: "self", label: s.sourceSelf },
              { value: "assessor", label: s.sourceAssessor },
            ]}
          />
          <label class="checkbox">
            <input
              type="checkbox"
              checked={indicator.evidenceRequired ?? false}
              onChange={(event) => set({ evidenceRequired: event.currentTarget.checked || undefined })}
            />
            {s.evidenceRequired}
          </label>
          <NumberField
            label={s.vetoBelow}
            value={indicator.veto?.below}
            onValue={(v) => setVeto("below", v)}
            error={err("veto", "below") ?? err("veto")}
            class="short"
          />
          <NumberField
            label={s.vetoAbove}
            value={indicator.veto?.above}
            onValue={(v) => setVeto("above", v)}
            error={err("veto", "above")}
            class="short"
          />
        </div>
        <RuleEditor
          rule={indicator.rule}
          at={[...at, "rule"]}
          errors={errors}
          onRule={(rule) => set({ rule })}
        />
        <IndicatorOptionsEditor indicator={indicator} at={at} errors={errors} set={set} />
        <ClassOverridesEditor
          indicator={indicator}
          unitClasses={props.unitClasses}
          at={at}
          errors={errors}
          set={set}
        />
        {props.readOnly ? null : (
          <button type="button" class="button small danger" onClick={props.onRemove}>
            {s.removeIndicator(indicator.code)}
          </button>
        )}
      </fieldset>
    </details>
  );
}
