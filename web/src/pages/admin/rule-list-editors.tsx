import type { RuleOf } from "../../../../src/domain/rule-table";
import { useI18n } from "../../i18n/i18n";
import { SelectField, TextField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import type { Props } from "./rule-editor";
import { pathOf } from "./scheme-doc";

/** The bands of a `bands` rule: min and share per band. */
export function BandsEditor(props: Props & { rule: RuleOf<"bands"> }) {
  const { m } = useI18n();
  const r = m.schemes.rule;
  const { rule, at, errors } = props;
  const setBands = (bands: typeof rule.bands) => props.onRule({ ...rule, bands });
  return (
    <div>
      <SelectField
        label={r.on}
        value={rule.on}
        onValue={(on) => props.onRule({ ...rule, on: on === "value" ? "value" : "rate" })}
        options={[
          { value: "rate", label: r.onRate },
          { value: "value", label: r.onValue },
        ]}
      />
      <p class="field-error" aria-live="polite">
        {errors.get(pathOf([...at, "bands"])) ?? ""}
      </p>
      {rule.bands.map((band, index) => (
        <div class="form-row band-row" key={index}>
          <NumberField
            label={r.bandMin(index + 1)}
            value={band.min}
            onValue={(min) => setBands(rule.bands.map((b, i) => (i === index ? { ...b, min: min ?? 0 } : b)))}
            error={errors.get(pathOf([...at, "bands", index, "min"]))}
          />
          <NumberField
            label={r.bandFraction(index + 1)}
            value={band.fraction}
            onValue={(fraction) =>
              setBands(rule.bands.map((b, i) => (i === index ? { ...b, fraction: fraction ?? 0 } : b)))
            }
            hint={r.fractionHint}
            error={errors.get(pathOf([...at, "bands", index, "fraction"]))}
          />
          <button
            type="button"
            class="button small danger"
            disabled={rule.bands.length <= 1}
            onClick={() => setBands(rule.bands.filter((_, i) => i !== index))}
          >
            {m.common.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button small secondary"
        onClick={() => setBands([...rule.bands, { min: 0, fraction: 0 }])}
      >
        {r.addBand}
      </button>
    </div>
  );
}

/** The levels of a `rating` rule: label and share per level. */
export function LevelsEditor(props: Props & { rule: RuleOf<"rating"> }) {
  const { m } = useI18n();
  const r = m.schemes.rule;
  const { rule, at, errors } = props;
  const entries = Object.entries(rule.levels);
  const setEntries = (next: [string, number][]) =>
    props.onRule({ ...rule, levels: Object.fromEntries(next) });
  return (
    <div>
      <p class="field-error" aria-live="polite">
        {errors.get(pathOf([...at, "levels"])) ?? ""}
      </p>
      {entries.map(([label, fraction], index) => (
        <div class="form-row band-row" key={index}>
          <TextField
            label={r.levelLabel(index + 1)}
            value={label}
            onValue={(next) => setEntries(entries.map((e, i) => (i === index ? [next, e[1]] : e)))}
          />
          <NumberField
            label={r.levelFraction(index + 1)}
            value={fraction}
            onValue={(next) => setEntries(entries.map((e, i) => (i === index ? [e[0], next ?? 0] : e)))}
            hint={r.fractionHint}
            error={errors.get(pathOf([...at, "levels", label]))}
          />
          <button
            type="button"
            class="button small danger"
            disabled={entries.length <= 1}
            onClick={() => setEntries(entries.filter((_, i) => i !== index))}
          >
            {m.common.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button small secondary"
        onClick={() => setEntries([...entries, [r.newLevel(entries.length + 1), 0]])}
      >
        {r.addLevel}
      </button>
    </div>
  );
}

/** The incident kinds of an `incidents` rule (label, deduction per case) and the 上级查出 factor. */
export function KindsEditor(props: Props & { rule: RuleOf<"incidents"> }) {
  const { m } = useI18n();
  const r = m.schemes.rule;
  const { rule, at, errors } = props;
  const setKinds = (kinds: typeof rule.kinds) => props.onRule({ ...rule, kinds });
  const setFactor = (factor: number | undefined) => {
    const { foundAboveFactor: _drop, ...rest } = rule;
    props.onRule(factor === undefined ? rest : { ...rest, foundAboveFactor: factor });
  };
  return (
    <div>
      <p class="field-error" aria-live="polite">
        {errors.get(pathOf([...at, "kinds"])) ?? ""}
      </p>
      {rule.kinds.map((kind, index) => (
        <div class="form-row band-row" key={index}>
          <TextField
            label={r.kindLabel(index + 1)}
            value={kind.label}
            onValue={(label) => setKinds(rule.kinds.map((k, i) => (i === index ? { ...k, label } : k)))}
            error={errors.get(pathOf([...at, "kinds", index, "label"]))}
          />
          <NumberField
            label={r.kindPer(index + 1)}
            value={kind.per}
            onValue={(per) => setKinds(rule.kinds.map((k, i) => (i === index ? { ...k, per: per ?? 0 } : k)))}
            error={errors.get(pathOf([...at, "kinds", index, "per"]))}
          />
          <NumberField
            label={r.kindMaxPerCase(index + 1)}
            value={kind.maxPerCase}
            onValue={(max) =>
              setKinds(
                rule.kinds.map((k, i) => {
                  if (i !== index) return k;
                  const { maxPerCase: _drop, ...rest } = k;
                  return max === undefined ? rest : { ...rest, maxPerCase: max };
                }),
              )
            }
            error={errors.get(pathOf([...at, "kinds", index, "maxPerCase"]))}
          />
          <button
            type="button"
            class="button small danger"
            disabled={rule.kinds.length <= 1}
            onClick={() => setKinds(rule.kinds.filter((_, i) => i !== index))}
          >
            {m.common.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="button small secondary"
        onClick={() => setKinds([...rule.kinds, { label: r.newKind(rule.kinds.length + 1), per: 1 }])}
      >
        {r.addKind}
      </button>
      <NumberField
        label={r.foundAboveFactor}
        value={rule.foundAboveFactor}
        onValue={setFactor}
        error={errors.get(pathOf([...at, "foundAboveFactor"]))}
      />
    </div>
  );
}
