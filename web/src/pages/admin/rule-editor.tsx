import { useI18n } from "../../i18n/i18n";
import { SelectField, TextField } from "../../ui/field";
import { NumberField } from "../../ui/number-field";
import { defaultRule, type PathKey, pathOf, RULE_TYPES, type Rule } from "./scheme-doc";

interface Props {
  rule: Rule;
  at: PathKey[];
  errors: Map<string, string>;
  onRule: (rule: Rule) => void;
}

/** A scoring rule: its type and the parameters that type takes, each with its own validation message. */
export function RuleEditor(props: Props) {
  const { m } = useI18n();
  const { rule, at, errors } = props;
  const err = (...keys: PathKey[]) => errors.get(pathOf([...at, ...keys]));
  const set = (patch: Partial<Record<string, unknown>>) => props.onRule({ ...rule, ...patch } as Rule);
  const r = m.schemes.rule;
  return (
    <fieldset class="rule-editor">
      <legend>{r.title}</legend>
      <div class="form-row">
        <SelectField
          label={r.type}
          value={rule.type}
          onValue={(type) =>
            props.onRule(defaultRule(RULE_TYPES.find((t) => t === type) ?? "ratio", r.defaultLevels))
          }
          options={RULE_TYPES.map((type) => ({ value: type, label: r.types[type] }))}
          error={err("type")}
        />
        {rule.type === "ratio" ? (
          <NumberField
            label={r.floor}
            value={rule.floor}
            onValue={(floor) => set({ floor })}
            hint={r.fractionHint}
            error={err("floor")}
          />
        ) : null}
        {rule.type === "shortfall" ? (
          <>
            <SelectField
              label={r.direction}
              value={rule.direction}
              onValue={(direction) => set({ direction })}
              options={[
                { value: "higher", label: r.higher },
                { value: "lower", label: r.lower },
              ]}
            />
            <NumberField
              label={r.step}
              value={rule.step}
              onValue={(step) => set({ step })}
              error={err("step")}
            />
            <NumberField
              label={r.deduct}
              value={rule.deduct}
              onValue={(deduct) => set({ deduct })}
              error={err("deduct")}
            />
          </>
        ) : null}
        {rule.type === "threshold" ? (
          <>
            <SelectField
              label={r.direction}
              value={rule.direction}
              onValue={(direction) => set({ direction })}
              options={[
                { value: "atLeast", label: r.atLeast },
                { value: "atMost", label: r.atMost },
              ]}
            />
            <NumberField
              label={r.partial}
              value={rule.partial}
              onValue={(partial) => set({ partial })}
              hint={r.fractionHint}
              error={err("partial")}
            />
          </>
        ) : null}
        {rule.type === "deduction" ? (
          <NumberField label={r.per} value={rule.per} onValue={(per) => set({ per })} error={err("per")} />
        ) : null}
        {rule.type === "bonus" ? (
          <>
            <NumberField
              label={r.perItem}
              value={rule.per}
              onValue={(per) => set({ per })}
              error={err("per")}
            />
            <NumberField label={r.cap} value={rule.cap} onValue={(cap) => set({ cap })} error={err("cap")} />
          </>
        ) : null}
      </div>
      {rule.type === "bands" ? <BandsEditor {...props} rule={rule} /> : null}
      {rule.type === "rating" ? <LevelsEditor {...props} rule={rule} /> : null}
    </fieldset>
  );
}

function BandsEditor(props: Props & { rule: Extract<Rule, { type: "bands" }> }) {
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

function LevelsEditor(props: Props & { rule: Extract<Rule, { type: "rating" }> }) {
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
